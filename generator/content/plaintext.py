"""Short names written as plain text: one line, shown exactly as written, never as Markdown."""

from __future__ import annotations

from typing import Annotated, Any

from generator.content.fields import TEXT_SCHEMA, _text, bad_value, field_kind, shown

MAX_NAME_CHARS = 1000
"""A short name fits in a heading: longer text belongs in the description."""


def _name(value: Any) -> str:
    text = "" if value is None else _text(value)
    if "\n" in text or "\r" in text:
        raise bad_value(f"expected a short name on one line (plain text), found {shown(text)}")
    if len(text) > MAX_NAME_CHARS:
        raise bad_value(
            f"expected a short name of at most {MAX_NAME_CHARS} characters, found "
            f"{len(text)}: put longer text in the description"
        )
    return text


ShortName = Annotated[str, *field_kind(_name, TEXT_SCHEMA, "")]
"""A short name, such as an action's title: plain text on one line (optional)."""
