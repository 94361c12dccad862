"""progress-site: publish progress on public improvement plans as a versioned static site."""

import os
from pathlib import Path

__version__ = "0.1.0"

#: The project root holding ``site_templates/`` and the base ``mkdocs.yml``.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: The page templates, theme overrides and assets; PROGRESS_SITE_TEMPLATES points at a copy.
TEMPLATES_DIR = Path(os.environ.get("PROGRESS_SITE_TEMPLATES") or PROJECT_ROOT / "site_templates")
BASE_MKDOCS_YML = PROJECT_ROOT / "mkdocs.yml"
