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
from dataclasses import dataclass, fields

from generator.content.model import Content


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Described:
    """The content described once per build, for every digest made of it."""

    shared: str
    """SHA-256 of everything but the releases."""
    releases: tuple[str, ...]
    """SHA-256 of each release, oldest first."""


def describe(content: Content) -> Described:
    """The content's digests. The content is immutable, so its ``repr`` states every field
    of every item exactly."""
    shared = {f.name: getattr(content, f.name) for f in fields(content) if f.name != "releases"}
    return Described(_sha(repr(shared)), tuple(_sha(repr(r)) for r in content.releases))


def release_keys(content: Content, salt: str, described: Described | None = None) -> dict[str, str]:
    """A key per release id, oldest first; ``salt`` stands for the code that derives views;
    ``described`` is the content's ``describe``, where it is known."""
    described = described or describe(content)
    previous = _sha(salt + "\n" + described.shared)
    keys = {}
    for release, digest in zip(content.releases, described.releases, strict=True):
        previous = _sha(previous + "\n" + digest)
        keys[release.id] = previous
    return keys
