"""Short names written as plain text: one line, shown exactly as written, never as Markdown."""

from __future__ import annotations

from typing import Annotated, Any

from generator.content.fields import TEXT_SCHEMA, field_kind, one_line

MAX_NAME_CHARS = 1000
"""A short name fits in a heading: longer text belongs in the description."""


def _name(value: Any) -> str:
    return one_line(
        value,
        MAX_NAME_CHARS,
        "expected a short name on one line (plain text), found {found}",
        f"expected a short name of at most {MAX_NAME_CHARS} characters, found "
        "{length}: put longer text in the description",
    )


ShortName = Annotated[str, *field_kind(_name, TEXT_SCHEMA, "")]
"""A short name, such as an action's title: plain text on one line (optional)."""
