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
from typing import Any

from generator.content.fields import parse_date
from generator.content.files import read_limited
from generator.content.ids import release_id_problem
from generator.content.strings import BAD_CHARACTER, cleaned, describe_character
from generator.errors import ContentError, Problems

DIGEST_RE = re.compile(r"^[0-9a-f]{16}$")
ENTRY_KEYS = ("errata", "fingerprint", "items", "published")
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


def _entry(
    entry: Any, item: str, add: Callable[[str | None, str], None], fingerprint: Callable
) -> None:
    if not isinstance(entry, dict):
        add(item, f"expected a mapping of {', '.join(ENTRY_KEYS)}, found {_found(entry)}")
        return
    for key in entry:
        if key not in ENTRY_KEYS:
            add(item, f"unknown field '{cleaned(key)}' (expected: {', '.join(ENTRY_KEYS)})")
    for key in ENTRY_KEYS:
        if key not in entry:
            add(item, f"missing field '{key}'")
    published = entry.get("published")
    if "published" in entry:
        if not isinstance(published, str) or parse_date(published)[1]:
            add(
                item, f"field 'published': expected a date as YYYY-MM-DD, found {_found(published)}"
            )
    digest = entry.get("fingerprint")
    if "fingerprint" in entry and not (isinstance(digest, str) and DIGEST_RE.match(digest)):
        add(item, f"field 'fingerprint': expected 16 hexadecimal digits, found {_found(digest)}")
    if "errata" in entry:
        _errata(entry.get("errata"), item, add)
    items = entry.get("items")
    if "items" not in entry:
        return
    if not isinstance(items, dict) or not items:
        add(item, f"field 'items': expected a mapping of item digests, found {_found(items)}")
        return
    bad = [k for k, v in items.items() if not (isinstance(v, str) and DIGEST_RE.match(v))]
    named = [(k, found) for k in items if (found := BAD_CHARACTER.search(k))]
    if named:
        name, found = named[0]
        character = describe_character(found.group())
        add(item, f"field 'items': the item name '{cleaned(name)}' contains {character}")
    elif bad:
        add(
            item,
            f"field 'items': the digest of '{cleaned(bad[0])}' is not 16 hexadecimal digits, "
            f"found {_found(items[bad[0]])}",
        )
    elif isinstance(digest, str) and DIGEST_RE.match(digest) and fingerprint(items) != digest:
        add(item, "field 'items' does not match the release's fingerprint")


ERRATUM_KEYS = ("date", "reason", "corrected")
ERRATA = (
    "field 'errata': expected a list of errata, each with date, reason and corrected (or, in a "
    "lock made before errata were recorded, their number)"
)


def _errata(errata: Any, item: str, add: Callable[[str | None, str], None]) -> None:
    if type(errata) is int and errata >= 0:
        return  # a lock made before errata were recorded: their number
    if not isinstance(errata, list):
        add(item, f"{ERRATA}, found {_found(errata)}")
        return
    for number, erratum in enumerate(errata, start=1):
        where = f"field 'errata': erratum {number}"
        if not isinstance(erratum, dict) or sorted(erratum) != sorted(ERRATUM_KEYS):
            add(item, f"{where}: expected a mapping of date, reason, corrected")
        elif not isinstance(erratum["date"], str) or parse_date(erratum["date"])[1]:
            add(item, f"{where}: expected a date as YYYY-MM-DD, found {_found(erratum['date'])}")
        elif not all(isinstance(erratum[k], str) and erratum[k] for k in ERRATUM_KEYS[1:]):
            add(item, f"{where}: expected its reason and corrected as text")


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
        _entry(entry, f"release {release_id}", add, fingerprint)
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
