"""Reading ``content/releases.lock`` as a whole, so that no hand edit can let a change through.

The lock file holds, per published release, the date it was published, its fingerprint, the
errata it had when it was locked (each one's date, reason and what was corrected; a lock made
before errata were recorded holds only their number), and the digest of every item field.
Each of them decides whether an edit to a published release is refused, so each is checked
for its type and range before any is used: a missing fingerprint, ``"errata": -1`` or
``"errata": "9"`` is reported, never read as "no lock" or "a new erratum".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.content.fields import parse_date
from generator.content.files import read_limited
from generator.content.ids import release_id_problem
from generator.content.strings import BAD_CHARACTER, cleaned, describe_character
from generator.errors import ContentError, Problems

DIGEST_RE = re.compile(r"^[0-9a-f]{16}$")
RESTORE = "restore the file from history"
MAX_LOCK_BYTES = 64 * 1024 * 1024
"""Far above the lock of the largest plan (a digest per field of every item, per release)."""


class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(key)
        result[key] = value
    return result


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        text = cleaned(value)
        return f"'{text[:37]}...'" if len(text) > 40 else f"'{text}'"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    if isinstance(value, list):
        return "a list"
    return "null" if value is None else str(value)


def _refuse(message: str) -> PydanticCustomError:
    return PydanticCustomError("lock", "{message}", {"message": message})


def _published(value: Any) -> str:
    if not isinstance(value, str) or parse_date(value)[1]:
        raise _refuse(f"field 'published': expected a date as YYYY-MM-DD, found {_found(value)}")
    return value


def _digest(value: Any) -> str:
    if not (isinstance(value, str) and DIGEST_RE.match(value)):
        raise _refuse(f"field 'fingerprint': expected 16 hexadecimal digits, found {_found(value)}")
    return value


def _items(items: Any) -> dict[str, str]:
    if not isinstance(items, dict) or not items:
        raise _refuse(f"field 'items': expected a mapping of item digests, found {_found(items)}")
    named = [(k, found) for k in items if (found := BAD_CHARACTER.search(k))]
    if named:
        name, found = named[0]
        character = describe_character(found.group())
        raise _refuse(f"field 'items': the item name '{cleaned(name)}' contains {character}")
    bad = [k for k, v in items.items() if not (isinstance(v, str) and DIGEST_RE.match(v))]
    if bad:
        raise _refuse(
            f"field 'items': the digest of '{cleaned(bad[0])}' is not 16 hexadecimal digits, "
            f"found {_found(items[bad[0]])}"
        )
    return items


ERRATUM_KEYS = ("date", "reason", "corrected")
ERRATA = (
    "field 'errata': expected a list of errata, each with date, reason and corrected (or, in a "
    "lock made before errata were recorded, their number)"
)


def _errata(errata: Any) -> int | list[dict[str, str]]:
    if type(errata) is int and errata >= 0:
        return errata  # a lock made before errata were recorded: their number
    if not isinstance(errata, list):
        raise _refuse(f"{ERRATA}, found {_found(errata)}")
    messages = []
    for number, erratum in enumerate(errata, start=1):
        where = f"field 'errata': erratum {number}"
        if not isinstance(erratum, dict) or sorted(erratum) != sorted(ERRATUM_KEYS):
            messages.append(f"{where}: expected a mapping of date, reason, corrected")
        elif not isinstance(erratum["date"], str) or parse_date(erratum["date"])[1]:
            date = _found(erratum["date"])
            messages.append(f"{where}: expected a date as YYYY-MM-DD, found {date}")
        elif not all(isinstance(erratum[k], str) and erratum[k] for k in ERRATUM_KEYS[1:]):
            messages.append(f"{where}: expected its reason and corrected as text")
    if messages:
        raise _refuse("\n".join(messages))
    return errata


class LockEntry(BaseModel):
    """What the lock holds of one published release. Each field is checked for its type and
    range before any is used; the fingerprint must be that of the item digests."""

    model_config = ConfigDict(extra="forbid")

    errata: Annotated[int | list[dict[str, str]], BeforeValidator(_errata)]
    """The errata the release had when it was locked (a number, in an early lock)."""
    fingerprint: Annotated[str, BeforeValidator(_digest)]
    """The fingerprint of the release as the public saw it."""
    items: Annotated[dict[str, str], BeforeValidator(_items)]
    """The digest of every item field of the release."""
    published: Annotated[str, BeforeValidator(_published)]
    """The date the release was published."""

    @model_validator(mode="after")
    def _matches(self, info: ValidationInfo) -> LockEntry:
        if info.context["fingerprint"](self.items) != self.fingerprint:
            raise _refuse("field 'items' does not match the release's fingerprint")
        return self


ENTRY_KEYS = tuple(LockEntry.model_fields)


def _entry_problems(entry: Any, fingerprint: Callable) -> list[str]:
    """What is wrong with one release's entry, worded as the lock file's reader needs it."""
    if not isinstance(entry, dict):
        return [f"expected a mapping of {', '.join(ENTRY_KEYS)}, found {_found(entry)}"]
    try:
        LockEntry.model_validate(entry, context={"fingerprint": fingerprint})
    except ValidationError as exc:
        messages = []
        for error in exc.errors(include_url=False):
            key = cleaned(str(error["loc"][0])) if error["loc"] else ""
            if error["type"] == "extra_forbidden":
                messages.append(f"unknown field '{key}' (expected: {', '.join(ENTRY_KEYS)})")
            elif error["type"] == "missing":
                messages.append(f"missing field '{key}'")
            else:
                messages.extend(str(error["ctx"]["message"]).split("\n"))
        return messages
    return []


def parse_lock(text: str, display: str, fingerprint: Callable) -> dict[str, dict[str, Any]]:
    """The locked releases in the text of a lock file; ContentError listing every problem.

    ``fingerprint`` computes a release's fingerprint from its item digests.
    """
    problems = Problems()

    def add(item: str | None, message: str) -> None:
        problems.add(display, None, item, f"{message}; {RESTORE}")

    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except _Duplicate as exc:
        add(None, f"duplicate key '{cleaned(str(exc))}'")
        raise ContentError(problems.sorted()) from None
    except RecursionError:
        add(None, "is nested too deeply to be a lock file")
        raise ContentError(problems.sorted()) from None
    except ValueError as exc:
        message = getattr(exc, "msg", str(exc))
        line = getattr(exc, "lineno", None)
        problems.add(display, line, None, f"is not valid JSON ({message}); {RESTORE}")
        raise ContentError(problems.sorted()) from None
    releases = data.get("releases") if isinstance(data, dict) else None
    if not isinstance(releases, dict):
        add(None, "not a progress-site lock file (expected a mapping with 'releases')")
        raise ContentError(problems.sorted())
    for key in data:
        if key != "releases":
            add(None, f"unknown field '{cleaned(key)}' (expected: releases)")
    for release_id, entry in releases.items():
        problem = release_id_problem(release_id)
        if problem:
            add(None, problem)
            continue
        for message in _entry_problems(entry, fingerprint):
            add(f"release {release_id}", message)
    problems.raise_if_any()
    return releases


def read_lock_file(path: Path, display: str, fingerprint: Callable) -> dict[str, dict[str, Any]]:
    """The locked releases of the lock file at ``path`` ({} if there is none)."""
    if not path.exists():
        return {}
    data, problem = read_limited(path, MAX_LOCK_BYTES)
    if data is None:
        raise ContentError.from_messages(display, [str(problem)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ContentError.from_messages(display, [f"is not UTF-8 text; {RESTORE}"]) from None
    return parse_lock(text, display, fingerprint)
