"""The changes pages of a release: what changed since the previous report and since the first.

A comparison of up to ``SPLIT_ABOVE`` changed actions, a normal month, is one page. A longer
one keeps its address and its summary, and sets out
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

SPLIT_ABOVE = 150
"""A comparison of more changed actions than this sets out its detail by group: a normal
month, up to this many, is one page."""
PAGE_ENTRIES = 120
"""A group's part continues on another page beyond this many entries (a recommendation's
entries are never divided between pages), which keeps each page within 3,000 HTML elements
and 60 KB compressed (tests/integration/test_bounded_pages.py)."""


def changed_actions(diff: Diff) -> int:
    """How many actions changed in any way: status, narrative, overdue, in or out of the plan."""
    return sum(1 for a in diff.actions if a.changed)


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
    each = whole.within_each()
    return lambda rec_id: each[rec_id].detail_size if rec_id in each else 0


def split(diff: Diff, baseline: bool) -> tuple[tuple[GroupChanges, ...], ...]:
    """The comparison's detail by group, each as its pages; nothing where the comparison fits
    one page."""
    groups = diff.new.groups
    if changed_actions(diff) <= SPLIT_ABOVE or len(groups) < 2:
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
