"""Typed reading of one YAML mapping, recording a clear problem for every bad field.

Each message says what was expected and what was found, and carries the file, line and item.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from generator.content.ids import MAX_ID_CHARS, URL_ID_RE
from generator.content.load import YList, YMap
from generator.content.strings import cleaned
from generator.errors import Problems

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def describe(value: Any) -> str:
    """How a found value is named in messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a true/false value ({str(value).lower()})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"a number ({value})"
    text = cleaned(str(value))
    if len(text) > 40:
        text = text[:37] + "..."
    return f"'{text}'"


EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)
"""Dates outside these are typing mistakes (``0214-06-30``, ``2104-06-30``), never plan dates."""

NUMBER_RE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
MAX_NUMBER = 1e12
"""The largest magnitude of any number in the content: far above any count or rate."""
NUMBER_FORMAT = "write numbers with a decimal point and no thousands separators, e.g. 30.5 or 1234"


def date_problem(value: date) -> str | None:
    """Why a real date cannot be a content date (it is outside the sane range), or None."""
    if EARLIEST <= value <= LATEST:
        return None
    return (
        f"{value.isoformat()} is outside the dates this site accepts "
        f"({EARLIEST.isoformat()} to {LATEST.isoformat()}); check the year"
    )


def parse_date(text: str) -> tuple[date | None, str | None]:
    """Parse YYYY-MM-DD within the accepted range; on failure return the reason."""
    if not DATE_RE.fullmatch(text):
        return None, f"expected a date as YYYY-MM-DD, found '{cleaned(text)}'"
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return None, f"'{text}' is not a real date"
    problem = date_problem(value)
    return (None, problem) if problem else (value, None)


def number_problem(text: str) -> str | None:
    """Why ``text`` is not a number as the content writes numbers, or None if it is one.

    Only plain decimal notation is read: a comma, a space or an apostrophe could be a decimal
    comma or a thousands separator (``30,5``, ``1,234``, ``1 234``), so it is never guessed.
    """
    text = text.strip()
    if NUMBER_RE.fullmatch(text):
        number = float(text)
        if math.isfinite(number) and abs(number) <= MAX_NUMBER:
            return None
        return (
            f"{describe(text)} is too large: numbers must lie between -{MAX_NUMBER:.0f} and "
            f"{MAX_NUMBER:.0f}"
        )
    found = describe(text)
    if re.match(r"^[+-]?[\d.,\s'\u00a0\u202f]*\d[\d.,\s'\u00a0\u202f]*$", text):
        return f"expected a number, found {found}: {NUMBER_FORMAT}"
    return f"expected a number, found {found}"


def parse_number(text: str) -> float | None:
    """The number written in ``text``, or None if it is not one (see ``number_problem``)."""
    return None if number_problem(text) else float(text.strip())


class Fields:
    """Reads the fields of one mapping (``node``) describing ``item`` in ``file``."""

    def __init__(self, problems: Problems, file: str, node: YMap, item: str | None) -> None:
        self.problems = problems
        self.file = file
        self.node = node
        self.item = item

    def error(self, message: str, key: str | None = None, line: int | None = None) -> None:
        if line is None:
            line = self.node.line_of(key) if key is not None else self.node.line
        self.problems.add(self.file, line, self.item, message)

    def first_time(
        self, kind: str, value: str, seen: dict[str, int], line: int, key: str = "id"
    ) -> bool:
        """Record ``value`` as defined on ``line``; a second definition is reported and False."""
        if value in seen:
            self.error(f"duplicate {kind} '{value}' (first defined on line {seen[value]})", key)
            return False
        seen[value] = line
        return True

    def check_keys(self, allowed: tuple[str, ...]) -> None:
        for key in self.node:
            if key not in allowed:
                self.error(f"unknown field '{key}' (expected one of: {', '.join(allowed)})", key)

    def _get(self, key: str, required: bool) -> Any:
        value = self.node.get(key)
        if value is None:
            if required:
                self.error(f"missing required field '{key}'")
            return None
        return value

    def text(self, key: str, required: bool = False, default: str = "") -> str:
        """A text field; plain scalars that YAML read as numbers keep their written text."""
        value = self._get(key, required)
        if value is None:
            return default
        if isinstance(value, dict | list):
            self.error(f"field '{key}': expected text, found {describe(value)}", key)
            return default
        if not isinstance(value, str):
            value = self.node.raw.get(key, str(value))
        value = value.strip()
        if required and not value:
            self.error(f"field '{key}' must not be empty", key)
        return value

    def ident(self, key: str, required: bool = True, url: bool = False) -> str | None:
        """An id; with ``url`` it becomes part of a web address, so it is kept lower-case."""
        value = self.text(key, required=required)
        if not value:
            return None
        if len(value) > MAX_ID_CHARS:
            self.error(
                f"field '{key}': an id may be at most {MAX_ID_CHARS} characters long, found "
                f"{len(value)} characters ({describe(value)})",
                key,
            )
            return None
        if url and not URL_ID_RE.fullmatch(value):
            self.error(
                f"field '{key}': this id is part of a web address: use lower-case letters, "
                f"digits, '.', '-' or '_', found '{value}'",
                key,
            )
            return None
        if not ID_RE.match(value):
            self.error(
                f"field '{key}': expected an id of letters, digits, '.', '-', '_' or '/', "
                f"found '{value}'",
                key,
            )
            return None
        return value

    def date(self, key: str, required: bool = False) -> date | None:
        value = self._get(key, required)
        if value is None:
            return None
        text = self.node.raw.get(key, value) if not isinstance(value, str) else value
        if not isinstance(text, str):
            self.error(
                f"field '{key}': expected a date as YYYY-MM-DD, found {describe(value)}", key
            )
            return None
        parsed, reason = parse_date(text.strip())
        if reason:
            self.error(f"field '{key}': {reason}", key)
        return parsed

    def number(self, key: str, required: bool = False) -> float | None:
        """A number as written: YAML's own readings (``1_000``, ``0x1F``, ``1:30``) are not used."""
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.error(f"field '{key}': expected a number, found {describe(value)}", key)
            return None
        text = value if isinstance(value, str) else self.node.raw.get(key, str(value))
        problem = number_problem(text)
        if problem:
            self.error(f"field '{key}': {problem}", key)
            return None
        return float(text)

    def flag(self, key: str) -> bool | None:
        """A yes/no field written as true or false; None when it is absent."""
        value = self._get(key, False)
        if value is None or isinstance(value, bool):
            return value
        self.error(f"field '{key}': expected true or false, found {describe(value)}", key)
        return None

    def choice(self, key: str, choices: tuple[str, ...], required: bool = False) -> str | None:
        value = self.text(key, required=required)
        if not value:
            return None
        if value not in choices:
            self.error(f"field '{key}': expected one of {', '.join(choices)}, found '{value}'", key)
            return None
        return value

    def mapping(self, key: str, required: bool = False) -> YMap | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, YMap):
            self.error(f"field '{key}': expected a mapping, found {describe(value)}", key)
            return None
        return value

    def items(self, key: str, required: bool = False) -> Iterator[tuple[int, YMap]]:
        """Each item of a list of mappings, with its line; bad items are reported."""
        value = self._get(key, required)
        if value is None:
            return
        if not isinstance(value, YList):
            self.error(f"field '{key}': expected a list, found {describe(value)}", key)
            return
        for index, (item, line) in enumerate(zip(value, value.item_lines, strict=True)):
            if not isinstance(item, YMap):
                self.error(f"{key}[{index}]: expected a mapping, found {describe(item)}", line=line)
                continue
            yield line, item

    def text_list(self, key: str, required: bool = False) -> tuple[list[str], list[int]]:
        """A list of short texts (or a single text), with the line of each."""
        value = self._get(key, required)
        if value is None:
            return [], []
        line = self.node.line_of(key)
        if isinstance(value, YList):
            texts: list[str] = []
            lines: list[int] = []
            for index, (item, item_line) in enumerate(zip(value, value.item_lines, strict=True)):
                if isinstance(item, dict | list) or item is None:
                    self.error(
                        f"{key}[{index}]: expected text, found {describe(item)}", line=item_line
                    )
                    continue
                raw = value.raw[index]
                texts.append((raw if raw is not None else str(item)).strip())
                lines.append(item_line)
            return texts, lines
        if isinstance(value, dict):
            self.error(f"field '{key}': expected a list, found {describe(value)}", key)
            return [], []
        return [self.node.raw.get(key, str(value)).strip()], [line]
