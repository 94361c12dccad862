"""Emoji shortcodes without requests to other hosts, and without importing either engine.

The index (``twemoji``) is the Twemoji names pymdownx knows, plus the theme's icons
(``:material-alert:``), found as SVG files in the installed theme: Material for MkDocs' or,
without it, Zensical's. The generator (``to_svg_or_text``) inlines an icon as SVG and writes
every other emoji as the Unicode character rather than an ``<img>`` from a CDN, so a page
never loads anything from another host. Both are named in mkdocs.yml; neither imports
``material`` or ``zensical`` (only their files are read), so both engines can load them.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from pymdownx import emoji as pymdownx_emoji
from pymdownx import twemoji_db

THEMES = ("material", "zensical")
"""The packages whose ``templates/.icons`` may hold the theme's icons, in order of preference."""


def icon_dirs() -> list[Path]:
    """The installed themes' icon folders, found without importing the themes."""
    found = []
    for name in THEMES:
        spec = importlib.util.find_spec(name)
        for location in (spec.submodule_search_locations or []) if spec else []:
            icons = Path(location) / "templates" / ".icons"
            if icons.is_dir():
                found.append(icons)
    return found


def icons(base: Path) -> list[tuple[str, str]]:
    """Each SVG file under ``base`` as (shortcode, path): ``a/b-c.svg`` is ``:a-b-c:``, in
    the order of the files' paths. Read with ``os.walk``, some 25 times faster than
    ``Path.rglob`` over the themes' 30,000 icons."""
    found = []
    for folder, _, names in os.walk(base):
        parts = Path(folder).relative_to(base).parts
        for name in names:
            if name.endswith(".svg"):
                found.append(((*parts, name), os.path.join(folder, name)))
    found.sort()
    return [(":" + "-".join((*rel[:-1], rel[-1][:-4])) + ":", path) for rel, path in found]


@functools.cache
def _index(extra: tuple[str, ...]) -> dict[str, Any]:
    emoji: dict[str, Any] = dict(twemoji_db.emoji)
    aliases: dict[str, str] = dict(twemoji_db.aliases)
    for base in [*(Path(p) for p in extra), *icon_dirs()]:
        for name, path in icons(base):
            if name not in emoji and name not in aliases:
                emoji[name] = {"name": name, "path": path}
    return {"name": "twemoji", "emoji": emoji, "aliases": aliases}


def warm() -> None:
    """Build the index now, so that the children forked to build each version inherit it
    rather than each reading the names of some 30,000 icon files again."""
    twemoji({}, None)


def twemoji(options: dict[str, Any], md: Any) -> dict[str, Any]:
    """The emoji index: Twemoji's names and the theme's icons (and ``custom_icons``)."""
    return _index(tuple(options.get("custom_icons", [])))


@functools.cache
def _svg(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


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
        icons = md.inlinePatterns["emoji"].emoji_index["emoji"]
        element = Element("span", {"class": options.get("classes", index)})
        element.text = md.htmlStash.store(_svg(icons[shortname]["path"]))
        return element
    return pymdownx_emoji.to_alt(index, shortname, alias, uc, alt, title, category, options, md)
