"""What a build keeps for the next one, by content key (``keys``), and the digests it makes.

A build records, per release, things derived from its view (its lock fingerprint, content
digest, feed texts) under the release's content key, and reuses them while the key is the
same. Each version also gets a cache digest chained to the one before (``version_digests``),
so a version whose inputs have not changed is copied, not rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

from generator.facts.derive import ReleaseView
from generator.facts.glossary import site_glossary
from generator.facts.lock import fingerprint, fingerprint_all

Keyed = dict[str, tuple[str, str]]
"""Release id to (content key, value): something derived from a release's view, kept in the
manifest and reused while the release's content key is the same."""


def reuse_keyed(known: Keyed, keys: Mapping[str, str], rid: str) -> str | None:
    """The value ``known`` holds for ``rid`` under its current key, or None."""
    found = known.get(rid)
    return found[1] if found is not None and found[0] == keys[rid] else None


def content_digest(items: Mapping[str, str]) -> str:
    """SHA-256 of what the lock fingerprints: the digest of every field of every item the
    release's pages show (``fingerprint_items``), in the same canonical text."""
    text = json.dumps(sorted(items.items()), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def locked_digests(
    views: Sequence[ReleaseView], keys: Mapping[str, str], fingerprints: Keyed, contents: Keyed
) -> tuple[Keyed, Keyed]:
    """Each view's lock fingerprint and content digest under its content key: taken from the
    last build (``fingerprints``, ``contents``) where the key is the same, computed otherwise
    (the two from one pass over the release's items)."""

    def known(rid: str) -> bool:
        return all(reuse_keyed(found, keys, rid) is not None for found in (fingerprints, contents))

    computed = fingerprint_all([v for v in views if not known(v.release.id)])
    new_fingerprints: Keyed = {}
    new_contents: Keyed = {}
    for view in views:
        rid, key = view.release.id, keys[view.release.id]
        items = computed.get(rid)
        if items is None:
            new_fingerprints[rid] = (key, fingerprints[rid][1])
            new_contents[rid] = (key, contents[rid][1])
        else:
            new_fingerprints[rid] = (key, fingerprint(items))
            new_contents[rid] = (key, content_digest(items))
    return new_fingerprints, new_contents


def version_digests(
    views: Sequence[ReleaseView], shared: str, fingerprints: Mapping[str, str]
) -> list[str]:
    """One digest per version, oldest first, each chained to the one before.

    ``shared`` stands for everything all versions are built with (templates, code, libraries);
    ``fingerprints`` are the views' lock fingerprints.
    """
    digests: list[str] = []
    previous = shared
    for view in views:
        release = view.release
        own = {
            "items": fingerprints[release.id],
            "draft": release.draft,
            "published": str(release.published),
            "errata": [e.model_dump(mode="json") for e in release.errata],
            "glossary": [t.model_dump(mode="json") for t in site_glossary(view.content)],
        }
        text = json.dumps([previous, own], sort_keys=True, default=str)
        previous = hashlib.sha256(text.encode()).hexdigest()
        digests.append(previous)
    return digests
