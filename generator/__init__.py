"""progress-site: publish progress on public improvement plans as a versioned static site."""

import os
from pathlib import Path

__version__ = "0.1.0"

_PACKAGE = Path(__file__).resolve().parent
#: The project root holding ``site_templates/`` and the base ``mkdocs.yml``.
PROJECT_ROOT = _PACKAGE.parent
# An installed (non-editable) copy carries both inside the package (see pyproject.toml).
_INSTALLED = (_PACKAGE / "site_templates").is_dir()
#: The page templates, theme overrides and assets; PROGRESS_SITE_TEMPLATES points at a copy.
TEMPLATES_DIR = Path(
    os.environ.get("PROGRESS_SITE_TEMPLATES")
    or (_PACKAGE / "site_templates" if _INSTALLED else PROJECT_ROOT / "site_templates")
)
BASE_MKDOCS_YML = _PACKAGE / "project" / "mkdocs.yml" if _INSTALLED else PROJECT_ROOT / "mkdocs.yml"
