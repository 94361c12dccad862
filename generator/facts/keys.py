"""Content keys: one digest per release of everything its view is derived from.

A release's view depends on the plan, the KPIs and their values, the site settings, the
glossary, and the releases up to and including it (their entries and progress reports). The
key chains each release to the one before, so publishing a release leaves the keys of the
earlier ones as they were, and anything derived from a view can be kept between builds under
its key (the lock fingerprints are).
"""

from __future__ import annotations

import hashlib

from generator.content.model import Content


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def release_keys(content: Content, salt: str) -> dict[str, str]:
    """A key per release id, oldest first; ``salt`` stands for the code that derives views.

    The content is immutable, so its ``repr`` states every field of every item exactly.
    """
    shared = repr((content.site, content.groups, content.recommendations, content.kpis))
    previous = _sha(salt + "\n" + shared + "\n" + repr(content.glossary))
    keys = {}
    for release in content.releases:
        previous = _sha(previous + "\n" + repr(release))
        keys[release.id] = previous
    return keys
