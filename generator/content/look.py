"""How the site looks in site.yaml: the short title for phones and the council's logo file."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from generator.content.fields import _text, bad_value, field_kind, one_line, shown

SHORT_TITLE_CHARS = 30
"""The longest short title: what fits in a phone's header beside the menu and search buttons."""

LOGO_TYPES = ("svg", "png", "jpg", "jpeg", "webp", "gif")
"""The image types a browser shows in the header (the theme draws the logo as an image)."""

MAX_LOGO_BYTES = 512 * 1024
"""The largest logo file: it is loaded on every page."""

_LOGO_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*")


def _short_title(value: Any) -> str:
    return one_line(
        value,
        SHORT_TITLE_CHARS,
        "expected one line of text, found {found}",
        f"has {{length}} characters; keep it to {SHORT_TITLE_CHARS} or fewer so that "
        "it fits in the header on a phone",
    )


ShortTitle = Annotated[str, *field_kind(_short_title, {"type": "string"}, "")]
"""One line of text, short enough for a phone's header."""


def logo_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a logo file inside the content directory, or None."""
    if not _LOGO_NAME.fullmatch(name) or ".." in PurePosixPath(name).parts:
        return (
            "expected the name of an image file in the content directory, such as logo.svg "
            f"or images/logo.png (letters, digits, '.', '-', '_' and '/'), found {shown(name)}"
        )
    suffix = PurePosixPath(name).suffix.lower().lstrip(".")
    if suffix not in LOGO_TYPES:
        return (
            f"expected an image file ending in {', '.join('.' + t for t in LOGO_TYPES)}, "
            f"found {shown(name)}"
        )
    return None


def _logo(value: Any) -> str:
    name = "" if value is None else _text(value)
    if name and (problem := logo_name_problem(name)):
        raise bad_value(problem)
    return name


LogoFile = Annotated[str, *field_kind(_logo, {"type": "string"}, "")]
"""The name of an image file in the content directory."""


def logo_file_problem(content_dir: Path, name: str) -> str | None:
    """Why the logo ``name`` is not a file in ``content_dir``, or None when it is one."""
    path = content_dir / name
    if path.is_symlink():
        return (
            f"field 'logo': '{name}' is a symbolic link; put the image itself in the content "
            "directory"
        )
    if not path.is_file():
        return f"field 'logo': no file '{name}' in the content directory"
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        return (
            f"field 'logo': '{name}' is {size // 1024} KB; a logo of at most "
            f"{MAX_LOGO_BYTES // 1024} KB keeps every page quick to load"
        )
    return None


def logo_target(name: str) -> str:
    """Where the logo is copied in each version: its assets, under a fixed name and its type."""
    return f"assets/logo{PurePosixPath(name).suffix.lower()}"
