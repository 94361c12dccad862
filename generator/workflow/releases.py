"""The release workflow: publish a draft, or lock a published release again after an erratum.

The lock itself (fingerprints, and the check that published releases have not changed) is
``generator.facts.lock``; starting a draft is ``drafts``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from generator.content.transaction import commit, writing
from generator.content.validate import load_content
from generator.errors import ContentError, ProgressSiteError
from generator.facts.derive import release_view
from generator.facts.lock import (
    LOCK_FILE,
    as_locked,
    check_locks,
    fingerprint,
    fingerprint_items,
    lock_text,
    read_lock,
    unrecorded_locks,
)
from generator.facts.lock_errata import (
    errata_problems,
    errata_record,
    locked_errata,
    upgraded,
)
from generator.workflow.releases_file import mark_published


def write_lock(content_dir: Path, releases: dict[str, Any]) -> None:
    """Write releases.lock whole or not at all (see ``transaction``)."""
    with writing(content_dir):
        commit(content_dir, {LOCK_FILE: lock_text(releases)})


def _publish(content_dir: Path, release_id: str, when: date) -> str:
    content = load_content(content_dir)
    release = content.require_release(release_id)
    ids = [r.id for r in content.releases]
    locks = read_lock(content_dir)
    others = [
        m for m in check_locks(content, content_dir) if not m.startswith(f"release {release_id}:")
    ]
    if others:
        raise ContentError.from_messages(str(content_dir / LOCK_FILE), others)
    files: dict[str, str] = {}
    if release.draft:
        earlier = [
            r.id for r in content.releases if r.draft and ids.index(r.id) < ids.index(release_id)
        ]
        if earlier:
            raise ProgressSiteError(
                f"release {release_id} cannot be published before draft release {earlier[0]}"
            )
        files["releases.yaml"] = _marked(content_dir, release_id, when)
        summary = f"Published release {release_id} ({release.title}) on {when.isoformat()}"
    elif release_id in locks:
        lock = locks[release_id]
        if errata := errata_problems(release, lock):
            raise ContentError.from_messages(str(content_dir / LOCK_FILE), errata)
        items = as_locked(fingerprint_items(release_view(content, release_id)), lock)
        if fingerprint(items) == lock.get("fingerprint"):
            return (
                f"Release {release_id} was already published on {lock['published']}; nothing to do"
            )
        if len(release.errata) <= locked_errata(lock):
            raise ContentError.from_messages(
                str(content_dir / LOCK_FILE), check_locks(content, content_dir)
            )
        newest = release.errata[-1]
        summary = (
            f"Locked release {release_id} again with its erratum of {newest.date.isoformat()}: "
            f"{newest.corrected}"
        )
    else:
        if release.published is not None:  # marked published by publish, its lock since lost
            raise ContentError.from_messages(
                str(content_dir / LOCK_FILE), unrecorded_locks(content, locks)
            )
        files["releases.yaml"] = _marked(content_dir, release_id, when)
        summary = (
            f"Published release {release_id} ({release.title}) on "
            f"{(release.published or when).isoformat()}"
        )
    # what the pages show does not depend on the draft or published marks
    items = fingerprint_items(release_view(content, release_id))
    locks[release_id] = {
        "published": (release.published or when).isoformat(),
        "fingerprint": fingerprint(items),
        "errata": errata_record(release),
        "items": items,
    }
    files[LOCK_FILE] = lock_text(upgraded(locks, content))
    commit(content_dir, files)
    return summary


def _marked(content_dir: Path, release_id: str, when: date) -> str:
    path = content_dir / "releases.yaml"
    return mark_published(path.read_bytes().decode("utf-8"), release_id, when, str(path))


def publish(content_dir: Path, release_id: str, when: date) -> str:
    """Publish a draft, or lock a published release again after an erratum. Returns a summary.

    releases.yaml and releases.lock change together or not at all (see ``transaction``).
    """
    with writing(content_dir):
        return _publish(content_dir, release_id, when)
