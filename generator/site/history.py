"""``history.json``: a record of every published release that anyone can check.

For each published release, oldest first: its id, publication date, a digest of its locked
content, a digest of each open-data file as the site serves it, its errata and the digest of
the entry before it, so that the entries form a hash chain. ``progress-site verify`` checks a
site against it, and a history kept from an earlier month against the site's own.

Digests are SHA-256, written as 64 hexadecimal digits. An entry's digest is taken over its
canonical JSON (``canonical``): keys sorted, no spaces, everything beyond ASCII escaped.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.facts.derive import ReleaseView
from generator.facts.kept import Keyed, reuse_keyed

HISTORY = "history.json"
FORMAT = 1
DATA_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.(?:csv|json)")
"""The open-data files of a version: the CSV and JSON files in its ``data/`` directory."""


def canonical(entry: Mapping[str, Any]) -> bytes:
    """The bytes an entry's digest is taken over."""
    text = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return text.encode("ascii")


def entry_digest(entry: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def data_digests(version_dir: Path) -> dict[str, str]:
    """The digest of each open-data file of a built version, by its path in the version."""
    folder = version_dir / "data"
    if not folder.is_dir():
        return {}
    return {
        f"data/{path.name}": file_digest(path.read_bytes())
        for path in sorted(folder.iterdir())
        if DATA_FILE.fullmatch(path.name) and path.is_file()
    }


def version_data(
    site_dir: Path,
    digests: Mapping[str, str],
    known: Keyed,
    reused: Sequence[str],
    reused_dir: Path | None = None,
) -> Keyed:
    """Each version's open-data digests (as JSON) under its cache digest (``digests``).

    A version built now is read from ``site_dir``; one reused from the last build keeps the
    digests recorded when it was built, so that a file altered in the output since then is
    found by ``verify`` rather than recorded as it now is (read from ``reused_dir``, by
    default ``site_dir``, where none was recorded).
    """
    found: Keyed = {}
    for rid, digest in digests.items():
        text = reuse_keyed(known, digests, rid) if rid in reused else None
        if text is None:
            folder = (reused_dir or site_dir) if rid in reused else site_dir
            text = json.dumps(data_digests(folder / rid), sort_keys=True)
        found[rid] = (digest, text)
    return found


def history(
    views: Sequence[ReleaseView], contents: Mapping[str, str], data: Mapping[str, str]
) -> dict[str, Any]:
    """The history of the published (not draft) releases among ``views``, oldest first.

    ``contents`` holds each release's content digest, ``data`` its open-data digests as JSON.
    """
    entries: list[dict[str, Any]] = []
    for view in views:
        release = view.release
        if release.draft:
            continue
        entry = {
            "id": release.id,
            "published": release.published.isoformat() if release.published else None,
            "content": contents[release.id],
            "data": json.loads(data[release.id]),
            "errata": [{"date": e.date.isoformat(), "reason": e.reason} for e in release.errata],
            "previous": entry_digest(entries[-1]) if entries else None,
        }
        entries.append(entry)
    return {"format": FORMAT, "releases": entries}


def write_history(site_dir: Path, record: Mapping[str, Any]) -> None:
    text = json.dumps(record, indent=2, ensure_ascii=True) + "\n"
    (site_dir / HISTORY).write_text(text, encoding="utf-8")
