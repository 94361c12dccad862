"""``erratum``: record the correction of a published release and lock it again, in one step.

The release's content has already been corrected (in plan.yaml, releases.yaml, its progress
file...); the command adds the erratum under the release in releases.yaml, in the file's own
layout, and records the corrected release, with every erratum, in releases.lock. Both files
change together or not at all (``transaction``), under the same lock as ``publish``.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

from generator.content.ids import release_id_problem
from generator.content.transaction import commit, writing
from generator.content.validate import load_content
from generator.errors import ContentError, ProgressSiteError
from generator.facts.derive import release_view
from generator.facts.lock import (
    CHANGED,
    LOCK_FILE,
    as_locked,
    changed_items,
    check_locks,
    fingerprint,
    fingerprint_items,
    lock_text,
    read_lock,
)
from generator.facts.lock_errata import errata_problems, errata_record, locked_errata, upgraded
from generator.workflow.releases_entries import add_erratum

MAX_TEXT = 2000
"""An erratum's reason and what it corrected are a sentence or two, shown on every page."""


def _check_text(option: str, text: str) -> None:
    if not text.strip():
        raise ProgressSiteError(f"{option}: must not be empty")
    if len(text) > MAX_TEXT:
        raise ProgressSiteError(f"{option}: {len(text)} characters; keep it under {MAX_TEXT}")
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs", "Cn", "Zl", "Zp"):
            raise ProgressSiteError(
                f"{option}: contains a character that cannot be used here (U+{ord(char):04X}); "
                "remove it"
            )


def record_erratum(
    content_dir: Path, release_id: str, reason: str, corrected: str, when: date
) -> str:
    """Add the erratum and lock the corrected release; returns a summary."""
    if problem := release_id_problem(release_id):
        raise ProgressSiteError(problem)
    _check_text("--reason", reason)
    _check_text("--corrected", corrected)
    with writing(content_dir):
        content = load_content(content_dir)
        release = content.require_release(release_id)
        locks = read_lock(content_dir)
        if release.draft or release_id not in locks:
            state = "a draft" if release.draft else "not locked in releases.lock"
            raise ProgressSiteError(
                f"release {release_id} is {state}, so it has no published version to correct: "
                f"edit it as it is, and publish it with 'progress-site publish {release_id}'"
            )
        lock = locks[release_id]
        others, pending = [], []
        for message in check_locks(content, content_dir):
            if message.startswith(f"release {release_id}:"):
                continue
            if CHANGED in message:  # a shared file corrected: each release records its own
                pending.append(message.split(":", 1)[0].removeprefix("release "))
            else:
                others.append(message)
        if errata := errata_problems(release, lock):
            others += errata
        if others:
            raise ContentError.from_messages(str(content_dir / LOCK_FILE), others)
        if len(release.errata) > locked_errata(lock):
            newest = release.errata[-1]
            raise ProgressSiteError(
                f"release {release_id} already has an erratum that is not locked (of "
                f"{newest.date.isoformat()}): lock it with 'progress-site publish {release_id}', "
                "or remove it from releases.yaml and run this command again"
            )
        items = fingerprint_items(release_view(content, release_id))
        current = as_locked(items, lock)
        if fingerprint(current) == lock["fingerprint"]:
            raise ProgressSiteError(
                f"release {release_id}: nothing differs from what was published on "
                f"{lock['published']}; correct the release first, then record the erratum"
            )
        published = date.fromisoformat(lock["published"])
        if when < published:
            raise ProgressSiteError(
                f"--date: the erratum's date ({when.isoformat()}) is before release "
                f"{release_id} was published ({published.isoformat()})"
            )
        changed = changed_items(lock["items"], current)
        path = content_dir / "releases.yaml"
        text = add_erratum(
            path.read_bytes().decode("utf-8"), release_id, when, reason, corrected, str(path)
        )
        entry = {"date": when.isoformat(), "reason": reason, "corrected": corrected}
        locks[release_id] = {
            "published": lock["published"],
            "fingerprint": fingerprint(items),
            "errata": [*errata_record(release), entry],
            "items": items,
        }
        commit(content_dir, {"releases.yaml": text, LOCK_FILE: lock_text(upgraded(locks, content))})
    then = "".join(
        f"\nRelease {other} was changed too: record its erratum with 'progress-site erratum "
        f"{other} --reason TEXT --corrected TEXT'"
        for other in pending
    )
    return (
        f"Recorded the erratum of {when.isoformat()} to release {release_id} and locked the "
        f"corrected release. Corrected: {', '.join(changed)}{then}"
    )
