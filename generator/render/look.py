"""The theme settings each version's mkdocs.yml gives: the council's logo, or none at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.content.look import logo_target
from generator.content.model import Site


def theme_config(site: Site, theme_dir: Path) -> dict[str, Any]:
    """Material with the project's templates; the council's logo in the header and as the
    browser tab's icon where site.yaml names one (the header shows no logo otherwise)."""
    theme: dict[str, Any] = {"name": "material", "custom_dir": str(theme_dir.resolve())}
    if site.logo:
        theme["logo"] = theme["favicon"] = logo_target(site.logo)
    return theme
