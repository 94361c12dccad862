"""The changes pages of a release: what changed since the previous report and since the first.

A short comparison is one page. A long one keeps its address and its summary, and sets out
its detail by group (``/<release>/changes/<group-id>/`` and
``/<release>/changes/baseline/<group-id>/``). A group whose detail is itself long continues on
numbered pages (``/<release>/changes/<group-id>/2/``...), each holding whole recommendations,
so that no page grows with the size of the plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.facts.compare import Diff
from generator.facts.derive import GroupView
from generator.facts.terms import plan_terms
from generator.render.paging import cut, ids_label

SPLIT_ABOVE = 40
"""A comparison listing more entries than this in its detail is split by group."""
PAGE_ENTRIES = 25
"""A group's part continues on another page beyond this many entries (a recommendation's
entries are never divided between pages)."""


@dataclass(frozen=True)
class GroupChanges:
    """One page of the detail of a comparison: some of one group's recommendations."""

    group: GroupView
    diff: Diff
    """The changes to this page's recommendations and their actions."""
    whole: Diff
    """The changes to all of the group's recommendations, on every page of the group."""
    baseline: bool
    """Compared with the first report, not the previous one."""
    page: int = 1
    recommendations: tuple[str, ...] = ()
    """The ids of the recommendations on this page, in plan order."""
    pages: int = 1
    """How many pages the group's part has."""

    @property
    def label(self) -> str:
        """What the page holds, as the pager of every paged list says it."""
        return ids_label(
            self.recommendations, plan_terms(self.diff.new.content.site).recommendation
        )


def _entries(whole: Diff) -> Callable[[str], int]:
    """How many entries a recommendation of ``whole`` adds to a page."""
    return lambda rec_id: whole.within(frozenset({rec_id})).detail_size


def split(diff: Diff, baseline: bool) -> tuple[tuple[GroupChanges, ...], ...]:
    """The comparison's detail by group, each as its pages; nothing where the comparison fits
    one page."""
    groups = diff.new.groups
    if diff.detail_size <= SPLIT_ABOVE or len(groups) < 2:
        return ()
    result = []
    for group in groups:
        ids = [r.recommendation.id for r in group.recommendations]
        whole = diff.within(frozenset(ids))
        pages = cut(ids, _entries(whole), PAGE_ENTRIES)
        result.append(
            tuple(
                GroupChanges(
                    group, whole.within(frozenset(page)), whole, baseline, n, page, len(pages)
                )
                for n, page in enumerate(pages, start=1)
            )
        )
    return tuple(result)
