"""Emoji shortcodes without requests to other hosts.

Material's twemoji generator inlines the theme's own icons (``:material-alert:``) but turns
every other emoji into an ``<img>`` loaded from a CDN. Here those are written as the Unicode
character instead, so a page never loads anything from another host. Named in mkdocs.yml.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from material.extensions import emoji as material_emoji
from pymdownx import emoji as pymdownx_emoji


def to_svg_or_text(
    index: str,
    shortname: str,
    alias: str,
    uc: str | None,
    alt: str,
    title: str,
    category: str,
    options: dict[str, Any],
    md: Any,
) -> Element | str:
    """The theme's icons inline as SVG; Unicode emoji as the characters themselves."""
    if not uc:
        return material_emoji.to_svg(index, shortname, alias, uc, alt, title, category, options, md)
    return pymdownx_emoji.to_alt(index, shortname, alias, uc, alt, title, category, options, md)
