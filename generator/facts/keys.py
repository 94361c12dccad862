"""Content keys: one digest per release of everything its view is derived from.

A release's view depends on everything in the content but the later releases: the plan, the
KPIs and their values, the site settings, the glossary, the facets, and the releases up to
and including it (their entries and progress reports). The key chains each release to the
one before, so publishing a release leaves the keys of the earlier ones as they were, and
anything derived from a view can be kept between builds under its key (the lock
fingerprints and feed summaries are).
"""

from __future__ import annotations

import hashlib
from dataclasses import fields

from generator.content.model import Content


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def release_keys(content: Content, salt: str) -> dict[str, str]:
    """A key per release id, oldest first; ``salt`` stands for the code that derives views.

    The content is immutable, so its ``repr`` states every field of every item exactly.
    """
    shared = {f.name: getattr(content, f.name) for f in fields(content) if f.name != "releases"}
    previous = _sha(salt + "\n" + repr(shared))
    keys = {}
    for release in content.releases:
        previous = _sha(previous + "\n" + repr(release))
        keys[release.id] = previous
    return keys
