"""``verify``: check a site against its ``history.json``, and that history against an older one.

- Each version's open-data files must match their digests, and each entry's ``previous`` the
  digest of the entry before it (the chain).
- Against a copy of an older history: every release it lists must still be there with the
  same publication date, content digest and open-data digests, unless the site's history
  records an erratum for it that the older one did not have. Recorded errata are never
  removed or changed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from generator.content.ids import release_id_problem
from generator.content.strings import cleaned
from generator.errors import ProgressSiteError
from generator.site.history import DATA_FILE, FORMAT, HISTORY, entry_digest, file_digest
from generator.site.verify_source import Missing, Source

DIGEST = re.compile(r"[0-9a-f]{64}")
KEYS = ("id", "published", "content", "data", "errata", "previous")

Entry = dict[str, Any]


@dataclass
class Report:
    """What was checked, one line per release, and every problem found."""

    lines: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    files: int = 0

    def note(self, rid: str, text: str) -> None:
        self.lines.setdefault(rid, []).append(text)

    def problem(self, rid: str, text: str) -> None:
        self.problems.append(f"release {rid}: {text}")


def _is_day(value: object) -> bool:
    try:
        return isinstance(value, str) and date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _entry_problem(entry: object) -> str | None:
    """Why ``entry`` is not a history entry, or None."""
    if not isinstance(entry, dict):
        return "expected a mapping"
    missing = [k for k in KEYS if k not in entry]
    if missing:
        return f"missing field '{missing[0]}'"
    rid = entry["id"]
    if not isinstance(rid, str):
        return "field 'id': expected a release id"
    problem = release_id_problem(rid)
    if problem:
        return f"field 'id': {problem}"
    if entry["published"] is not None and not _is_day(entry["published"]):
        return "field 'published': expected a date as YYYY-MM-DD or null"
    if not isinstance(entry["content"], str) or not DIGEST.fullmatch(entry["content"]):
        return "field 'content': expected 64 hexadecimal digits"
    previous = entry["previous"]
    if previous is not None and not (isinstance(previous, str) and DIGEST.fullmatch(previous)):
        return "field 'previous': expected 64 hexadecimal digits or null"
    data = entry["data"]
    if not isinstance(data, dict):
        return "field 'data': expected a mapping of file paths to digests"
    for path, digest in data.items():
        folder, _, name = path.partition("/")
        if folder != "data" or not DATA_FILE.fullmatch(name):
            return f"field 'data': '{cleaned(path)[:60]}' is not an open-data file path"
        if not isinstance(digest, str) or not DIGEST.fullmatch(digest):
            return f"field 'data': the digest of {path} is not 64 hexadecimal digits"
    errata = entry["errata"]
    if not isinstance(errata, list) or not all(
        isinstance(e, dict) and _is_day(e.get("date")) and isinstance(e.get("reason"), str)
        for e in errata
    ):
        return "field 'errata': expected a list of {date, reason}"
    return None


def parse_history(data: bytes, name: str) -> list[Entry]:
    """The releases of a history file; ProgressSiteError naming ``name`` if it is not one."""
    try:
        found = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProgressSiteError(f"{name} is not UTF-8 text") from None
    except RecursionError:
        raise ProgressSiteError(f"{name} is nested too deeply to be a history") from None
    except ValueError as exc:
        message = getattr(exc, "msg", str(exc))
        raise ProgressSiteError(f"{name} is not valid JSON ({message})") from None
    releases = found.get("releases") if isinstance(found, dict) else None
    if not isinstance(releases, list) or found.get("format") != FORMAT:
        raise ProgressSiteError(
            f"{name} is not a progress-site history "
            f"(expected a mapping with 'format': {FORMAT} and a list of 'releases')"
        )
    seen: set[str] = set()
    for number, entry in enumerate(releases, start=1):
        problem = _entry_problem(entry)
        if problem is None and entry["id"] in seen:
            problem = f"release {entry['id']} is listed twice"
        if problem:
            raise ProgressSiteError(f"{name}: release entry {number}: {problem}")
        seen.add(entry["id"])
    return releases


def read_history(source: Source) -> list[Entry]:
    name = source.name(HISTORY)
    try:
        data = source.read(HISTORY)
    except Missing:
        raise ProgressSiteError(
            f"{name} does not exist: is {source.where} a site built by progress-site?"
        ) from None
    return parse_history(data, name)


def check_site(source: Source, entries: list[Entry], report: Report) -> None:
    """Each release's open-data files against their digests, and the chain."""
    for index, entry in enumerate(entries):
        rid = entry["id"]
        wrong = 0
        for path, digest in sorted(entry["data"].items()):
            report.files += 1
            try:
                data = source.read(f"{rid}/{path}")
            except Missing:
                report.problem(rid, f"{path} is missing from the site")
                wrong += 1
                continue
            if file_digest(data) != digest:
                report.problem(rid, f"{path} does not match its digest in {HISTORY}")
                wrong += 1
        count = len(entry["data"])
        if wrong:
            report.note(rid, f"{wrong} of {count} data files do not match")
        else:
            report.note(rid, f"{count} data files match")
        extra = [
            name
            for name in source.listing(f"{rid}/data") or []
            if DATA_FILE.fullmatch(name) and f"data/{name}" not in entry["data"]
        ]
        for name in extra:
            report.problem(rid, f"data/{name} is on the site but not in {HISTORY}")
        if extra:
            report.note(rid, f"{len(extra)} more not in {HISTORY}")
        expected = entry_digest(entries[index - 1]) if index else None
        if entry["previous"] == expected:
            report.note(rid, "chain intact")
        else:
            report.note(rid, "chain broken")
            before = f"release {entries[index - 1]['id']}" if index else "no entry (it is first)"
            report.problem(
                rid, f"the chain is broken: 'previous' does not match the entry before, {before}"
            )


def check_against(old: list[Entry], new: list[Entry], name: str, report: Report) -> None:
    """That no release listed in the older history ``old`` has changed, but by an erratum."""
    now = {e["id"]: e for e in new}
    for was in old:
        rid = was["id"]
        entry = now.get(rid)
        if entry is None:
            report.problem(rid, f"was published in {name} but is no longer in the site's history")
            report.note(rid, f"missing, though published in {name}")
            continue
        changes = _changes(was, entry)
        added = entry["errata"][len(was["errata"]) :]
        if was["errata"] != entry["errata"][: len(was["errata"])]:
            report.problem(rid, f"its errata have been changed or removed since {name}")
            report.note(rid, f"changed since {name}")
        elif not changes:
            report.note(rid, f"unchanged since {name}")
        elif added:
            dates = ", ".join(e["date"] for e in added)
            report.note(rid, f"corrected since {name} by an erratum of {dates}")
        else:
            for change in changes:
                report.problem(rid, f"{change} since {name}, with no erratum recorded")
            report.note(rid, f"changed since {name}")
    before = {e["id"] for e in old}
    for entry in new:
        if entry["id"] not in before:
            report.note(entry["id"], f"new since {name}")


def _changes(was: Entry, entry: Entry) -> list[str]:
    """What differs between a release's entry in an older history and now."""
    changes = []
    if was["published"] is not None and entry["published"] != was["published"]:
        changes.append(
            f"its publication date changed from {was['published']} to {entry['published']}"
        )
    if was["content"] != entry["content"]:
        changes.append("its content changed")
    for path, digest in sorted(was["data"].items()):
        if path not in entry["data"]:
            changes.append(f"{path} was removed")
        elif entry["data"][path] != digest:
            changes.append(f"{path} changed")
    if was["errata"] != entry["errata"]:
        changes.append("its errata changed")
    return changes
