"""The first two phases of a build, each one call: ``gather`` reads and checks the content,
``derive`` works out everything the pages and the site's files are made from, once.

The later phases (render, build with the site engine, write) are ``generator.site.build``'s.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.content.model import Content
from generator.content.transaction import reading
from generator.content.validate import load_content
from generator.facts.derive import ReleaseView, release_view
from generator.facts.kept import Keyed, locked_digests, version_digests
from generator.facts.keys import Described, describe, release_keys
from generator.facts.lock import LOCK_FILE, lock_problems, read_lock, refuse


@dataclass(frozen=True)
class Gathered:
    """The content as read and validated, with its lock."""

    everything: Content
    """Every release, drafts included."""
    content: Content
    """The releases this build shows (drafts only when previewing)."""
    locks: Mapping[str, Any]
    """``releases.lock``, every field checked."""
    lock_file: str
    """Where the lock is, as messages name it."""

    @property
    def drafts_left_out(self) -> tuple[str, ...]:
        shown = {r.id for r in self.content.releases}
        return tuple(r.id for r in self.everything.releases if r.id not in shown)


def gather(content_dir: Path, drafts: bool = False) -> Gathered:
    """Load and validate the content and read its lock, from one moment of the content."""
    with reading(content_dir):
        everything = load_content(content_dir)
        locks = read_lock(content_dir)
    content = everything if drafts else everything.without_drafts()
    return Gathered(everything, content, locks, str(content_dir / LOCK_FILE))


@dataclass(frozen=True)
class Derived:
    """What every later phase reads: the views and what is kept by content key."""

    views: Sequence[ReleaseView]
    keys: Mapping[str, str]
    """Each release's content key (``keys.release_keys``)."""
    fingerprints: Keyed
    """Each release's lock fingerprint, under its key."""
    contents: Keyed
    """Each release's content digest (``history.json``), under its key."""
    digests: Sequence[str]
    """Each version's cache digest, oldest first."""
    described: Described
    """The content's own digests (``keys.describe``)."""


def derive(
    gathered: Gathered,
    kept: Mapping[str, Keyed],
    shared: str,
    known: MutableMapping[str, ReleaseView] | None = None,
) -> Derived:
    """Every view, its content key, lock fingerprint and cache digest; refuse the build
    (ContentError naming the lock file) if it would silently change a published release.

    ``kept`` is what the last build recorded (``fingerprints``, ``contents``), reused where a
    release's key is unchanged; ``shared`` is the digest of everything all versions share.
    ``known`` holds the views of the last build in this process by content key (the
    preview's), reused where the key is the same; it is left holding this build's.
    """
    described = describe(gathered.content)
    keys = release_keys(gathered.content, shared, described)
    views = _views(gathered.content, keys, {} if known is None else known)
    fingerprints, contents = locked_digests(
        views, keys, kept.get("fingerprints", {}), kept.get("contents", {})
    )
    found = {rid: fingerprint for rid, (_, fingerprint) in fingerprints.items()}
    refuse(gathered.lock_file, lock_problems(gathered.everything, gathered.locks, found))
    digests = version_digests(views, shared, found)
    return Derived(views, keys, fingerprints, contents, digests, described)


def _views(
    content: Content, keys: Mapping[str, str], known: MutableMapping[str, ReleaseView]
) -> tuple[ReleaseView, ...]:
    """Every release's view, oldest first: worked out again only where its content key is new.
    A kept view is made from the same content up to its release (that is what the key
    digests), but it is given this content, so that it lists the releases after it."""
    views = []
    for release in content.releases:
        view = known.get(keys[release.id])
        views.append(
            release_view(content, release.id) if view is None else replace(view, content=content)
        )
    known.clear()
    known.update((keys[v.release.id], v) for v in views)
    return tuple(views)
