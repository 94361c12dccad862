"""The feeds' texts for every release, worked out once per build: each release's entry
summary in the site's feed and what the recommendations' feeds say of it.

Both come from one comparison of the release with the one before, and are kept from the last
build (by content key, ``facts.kept``) while the release, and so the one before it, is
unchanged.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, Sequence

from generator.facts.compare import Diff, compare
from generator.facts.derive import ReleaseView
from generator.facts.kept import Keyed, reuse_keyed
from generator.render.feed import entry_summary
from generator.render.recfeed import Lines, release_lines

MAX_KEPT_SUMMARY = 4096
"""Longer feed summaries are worked out again by every build rather than kept."""


def feed_texts(
    views: Sequence[ReleaseView], keys: Mapping[str, str], kept: Mapping[str, Keyed]
) -> dict[str, Keyed]:
    """Each release's feed entry summary (``summaries``) and what the recommendations' feeds
    say of it, as JSON (``recfeeds``), under its content key; ``kept`` is the last build's."""

    @functools.cache
    def diff(index: int) -> Diff | None:
        return compare(views[index - 1], views[index]) if index else None

    makers: dict[str, Callable[[int], str]] = {
        "summaries": lambda i: entry_summary(views, i, diff(i)),
        "recfeeds": lambda i: json.dumps(release_lines(views, i, diff(i)), ensure_ascii=False),
    }
    found: dict[str, Keyed] = {}
    for name, make in makers.items():
        known = kept.get(name, {})
        found[name] = {}
        for index, view in enumerate(views):
            rid = view.release.id
            text = reuse_keyed(known, keys, rid)
            found[name][rid] = (keys[rid], make(index) if text is None else text)
    return found


def to_keep(texts: Mapping[str, Keyed]) -> dict[str, Keyed]:
    """The texts worth keeping for the next build: all but the longest summaries."""
    kept = dict(texts)
    kept["summaries"] = {
        rid: text for rid, text in texts["summaries"].items() if len(text[1]) <= MAX_KEPT_SUMMARY
    }
    return kept


def kept_lines(keyed: Keyed, views: Sequence[ReleaseView]) -> list[Lines] | None:
    """The recommendations' feed lines of every release, or None if any is unreadable."""
    try:
        found = [json.loads(keyed[v.release.id][1]) for v in views]
        return [{str(k): tuple(str(x) for x in v) for k, v in lines.items()} for lines in found]
    except (KeyError, ValueError, AttributeError, TypeError):
        return None
