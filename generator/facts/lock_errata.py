"""The errata in the lock: each one's date, reason and what was corrected, as it was locked.

A lock made before errata were recorded holds only how many there were; it still reads, and
``upgraded`` fills in the errata it counted, as the content has them, the next time the lock
is written (``publish``, ``erratum``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.content.model import Content, Release
from generator.content.strings import cleaned


def errata_record(release: Release) -> list[dict[str, str]]:
    """The release's errata as the lock records them."""
    return [
        {"date": e.date.isoformat(), "reason": e.reason, "corrected": e.corrected}
        for e in release.errata
    ]


def locked_errata(lock: Mapping[str, Any]) -> int:
    """How many errata the release had when it was locked."""
    errata = lock.get("errata", 0)
    return len(errata) if isinstance(errata, list) else int(errata)


def upgraded(locks: dict[str, Any], content: Content) -> dict[str, Any]:
    """``locks`` with each count of errata (a lock made before errata were recorded) replaced
    by the errata it counted, as the content has them."""
    known = {r.id: r for r in content.releases}
    for release_id, lock in locks.items():
        release = known.get(release_id)
        if isinstance(lock.get("errata"), int) and release is not None:
            lock["errata"] = errata_record(release)[: lock["errata"]]
    return locks


def _short(text: str) -> str:
    text = cleaned(" ".join(text.split()))
    return f"{text[:57]}..." if len(text) > 60 else text


def errata_problems(release: Release, lock: Mapping[str, Any]) -> list[str]:
    """Locked errata of ``release`` that releases.yaml no longer has as they were locked."""
    locked = lock.get("errata")
    if not isinstance(locked, list):
        return []  # a lock made before errata were recorded: only their number is known
    current = errata_record(release)
    problems = []
    for number, erratum in enumerate(locked):
        start = (
            f"release {release.id}: its erratum of {erratum['date']} was locked with the release"
        )
        if number >= len(current):
            problems.append(
                f"{start} and cannot be removed; put it back in releases.yaml as it was "
                f"(reason: “{_short(erratum['reason'])}”)"
            )
        elif current[number] != erratum:
            fields = [
                k for k in ("date", "reason", "corrected") if current[number][k] != erratum[k]
            ]
            problems.append(
                f"{start} and cannot be changed, but its {' and '.join(fields)} now "
                f"{'differ' if len(fields) > 1 else 'differs'}; put it back in releases.yaml as "
                "it was locked"
            )
    return problems
