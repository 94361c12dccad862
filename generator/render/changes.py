"""The changes pages of a release: what changed since the previous report and since the first.

A short comparison is one page. A long one keeps its address and its summary, and sets out
its detail on a page per group (``/<release>/changes/<group-id>/`` and
``/<release>/changes/baseline/<group-id>/``), so that no page grows with the size of the plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.facts.compare import Diff
from generator.facts.derive import GroupView

SPLIT_ABOVE = 40
"""A comparison listing more entries than this in its detail is split by group."""


@dataclass(frozen=True)
class GroupChanges:
    """The detail of one comparison for the recommendations of one group."""

    group: GroupView
    diff: Diff
    baseline: bool
    """Compared with the first report, not the previous one."""


def split(diff: Diff, baseline: bool) -> tuple[GroupChanges, ...]:
    """The comparison's detail by group, or nothing where the comparison fits one page."""
    groups = diff.new.groups
    if diff.detail_size <= SPLIT_ABOVE or len(groups) < 2:
        return ()
    return tuple(
        GroupChanges(
            group,
            diff.within(frozenset(r.recommendation.id for r in group.recommendations)),
            baseline,
        )
        for group in groups
    )
