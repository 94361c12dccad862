"""Derived facts for one release — the plan as it stood, statuses, overdue, counts, KPIs.

Everything a page shows that is *computed* is computed here, so it can be tested here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import cached_property

from generator.content.model import (
    Action,
    Assessment,
    Content,
    Evidence,
    Group,
    Kpi,
    Lifecycle,
    Meaning,
    Progress,
    Recommendation,
    RecommendationProgress,
    Release,
    StatusDef,
    Value,
    Withdrawal,
)
from generator.facts.series import (
    Direction,
    current_segment,
    direction_of,
    notes,
    publication,
    published_by,
    segment_baseline,
    segments,
)
from generator.facts.targets import TargetProgress, target_progress
from generator.facts.words import same_words


class State(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"


@dataclass(frozen=True)
class StatusCount:
    status: StatusDef
    count: int


@dataclass(frozen=True)
class Counts:
    """Actions by status, in the order of the site's vocabulary."""

    by_status: tuple[StatusCount, ...]
    total: int
    overdue: int
    late_to_start: int = 0
    """Active actions past their planned start and not started: never counted as overdue."""

    @property
    def nonzero(self) -> tuple[StatusCount, ...]:
        return tuple(c for c in self.by_status if c.count)

    def count_of(self, status: StatusDef) -> int:
        return sum(c.count for c in self.by_status if c.status == status)

    def of(self, meaning: Meaning) -> int:
        return sum(c.count for c in self.by_status if c.status.meaning is meaning)


@dataclass(frozen=True)
class ActionView:
    action: Action
    state: State
    withdrawal: Withdrawal | None
    status: StatusDef | None
    narrative: str
    overdue: bool
    past_due_unreported: bool
    new: bool
    kpis: tuple[Kpi, ...]
    inherited: bool
    """True when the action left the plan because its recommendation was withdrawn or merged."""
    carried_forward: bool = False
    """Status and narrative copied unchanged from the previous release (``new-release``)."""
    as_at: date | None = None
    """When its progress was written, where that is given: overdue is judged at this date."""
    late_to_start: bool = False
    """Past its planned start and still not started (judged like overdue, at ``as_at``)."""
    evidence: tuple[Evidence, ...] = ()
    """The evidence reported with its progress in this release (never carried forward)."""


@dataclass(frozen=True)
class RecommendationView:
    recommendation: Recommendation
    state: State
    withdrawal: Withdrawal | None
    groups: tuple[Group, ...]
    actions: tuple[ActionView, ...]
    counts: Counts
    new: bool
    assessments: tuple[Assessment, ...] = ()
    """Independent assessments of the recommendation made public with this release."""
    progress: RecommendationProgress | None = None
    """The recommendation's own progress in this release, where one was reported."""
    kpis: tuple[KpiView, ...] = ()
    """Its measures: the KPIs that name it, and those that measure its actions."""


@dataclass(frozen=True)
class GroupView:
    group: Group
    recommendations: tuple[RecommendationView, ...]
    counts: Counts
    kpis: tuple[KpiView, ...] = ()
    """Its measures: the KPIs that name it or one of its recommendations, and those that
    measure its actions."""


@dataclass(frozen=True)
class KpiView:
    kpi: Kpi
    values: tuple[Value, ...]
    latest: Value | None
    previous: Value | None
    """The value before the latest in the same segment: None after a break."""
    change: float | None
    direction: Direction
    actions: tuple[ActionView, ...]
    progress: TargetProgress | None
    """Progress toward the target as at this release; None when the KPI has no target."""
    revisions: tuple[tuple[Value, Value], ...] = ()
    """Each value shown that was revised by this release: as first published, and as shown."""
    stale: bool = False
    """No value newer than the previous release showed: this release has no new value, so
    its pages say so rather than repeat the last move as if it were news."""

    @property
    def segments(self) -> tuple[tuple[Value, ...], ...]:
        return segments(self.values)

    @property
    def has_periods(self) -> bool:
        """Some value names its period: tables head their first column "Period"."""
        return any(v.period for v in self.values)

    @property
    def notes(self) -> tuple[tuple[int, Value], ...]:
        """The values with a note, numbered as on the chart."""
        return notes(self.values)

    @property
    def annotated(self) -> bool:
        """The series has notes or breaks to explain."""
        return bool(self.notes) or len(self.segments) > 1

    @property
    def baseline_replaced(self) -> bool:
        """The KPI's baseline predates a break, so progress is judged from the first value
        after it."""
        judged = self.progress.baseline if self.progress else None
        return self.kpi.baseline is not None and judged is not None and judged != self.kpi.baseline

    @property
    def broken(self) -> bool:
        """The latest value starts a new segment, after earlier values."""
        return self.latest is not None and len(self.segments) > 1 and len(self.segments[-1]) == 1


@dataclass(frozen=True)
class ReleaseView:
    content: Content
    release: Release
    previous: Release | None
    history: tuple[Release, ...]
    """Every release up to and including this one, newest first."""
    groups: tuple[GroupView, ...]
    recommendations: tuple[RecommendationView, ...]
    kpis: tuple[KpiView, ...]
    counts: Counts

    @property
    def kpis_without_new_value(self) -> frozenset[str]:
        """The ids of the KPIs whose latest value is no newer than the one the previous
        release showed: whatever their last move, this release has nothing new on them."""
        return frozenset(k.kpi.id for k in self.kpis if k.stale)

    @property
    def kpi_directions(self) -> tuple[tuple[Direction, int], ...]:
        """How many KPIs moved each way at their latest value, in a fixed order; a KPI with
        no value newer than in the previous release counts as "no new value", never as the
        move it made before then."""
        stale = self.kpis_without_new_value
        found = [Direction.NO_NEW_VALUE if k.kpi.id in stale else k.direction for k in self.kpis]
        return tuple((d, found.count(d)) for d in Direction if found.count(d))

    @property
    def headline_kpis(self) -> tuple[KpiView, ...]:
        """The headline measures, shown first on the home page."""
        return tuple(k for k in self.kpis if k.kpi.headline)

    @property
    def kpis_in_no_group(self) -> tuple[KpiView, ...]:
        """The KPIs no group lists among its measures."""
        placed = {k.kpi.id for g in self.groups for k in g.kpis}
        return tuple(k for k in self.kpis if k.kpi.id not in placed)

    @property
    def active_recommendations(self) -> tuple[RecommendationView, ...]:
        return tuple(r for r in self.recommendations if r.state is State.ACTIVE)

    @property
    def assessments(self) -> tuple[tuple[RecommendationView, Assessment], ...]:
        """Every independent assessment made public with this release, in plan order."""
        return tuple((r, a) for r in self.recommendations for a in r.assessments)

    def merged_into(self, rec: RecommendationView) -> RecommendationView | None:
        """The recommendation ``rec`` was merged into, where it is in the plan at this release:
        the one whose page reports its progress."""
        target = rec.withdrawal.merged_into if rec.withdrawal else None
        return next((r for r in self.recommendations if r.recommendation.id == target), None)

    @property
    def overdue(self) -> tuple[ActionView, ...]:
        return tuple(a for r in self.recommendations for a in r.actions if a.overdue)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Every piece of evidence reported with this release, in plan order."""
        found: list[Evidence] = []
        for r in self.recommendations:
            found += r.progress.evidence if r.progress else ()
            found += [e for a in r.actions for e in a.evidence]
        return tuple(found)

    @property
    def late_to_start(self) -> tuple[ActionView, ...]:
        return tuple(a for r in self.recommendations for a in r.actions if a.late_to_start)

    @cached_property
    def has_due_dates(self) -> bool:
        """Some action of the plan has a due date: without one, nothing can be overdue and
        no page says how many are."""
        return any(a.due for r in self.content.recommendations for a in r.actions)

    @cached_property
    def has_start_dates(self) -> bool:
        """Some action of the plan has a planned start: without one, no page speaks of
        actions late to start."""
        return any(a.start for r in self.content.recommendations for a in r.actions)


def state_at(lifecycle: Lifecycle, index: int, release_ids: list[str]) -> State | None:
    """The state of an item at release ``index``; None if it is not in the plan yet."""
    if lifecycle.added and release_ids.index(lifecycle.added) > index:
        return None
    withdrawn = lifecycle.withdrawn
    if withdrawn and release_ids.index(withdrawn.release) <= index:
        return State.MERGED if withdrawn.merged_into else State.WITHDRAWN
    return State.ACTIVE


def is_overdue(due: date | None, as_of: date, status: StatusDef) -> bool:
    """Past its due date and not complete. An unreported status is never called overdue."""
    if due is None or due >= as_of:
        return False
    return status.meaning not in (Meaning.COMPLETE, Meaning.NOT_REPORTED)


def is_late_to_start(start: date | None, as_of: date, status: StatusDef) -> bool:
    """Past its planned start (before ``as_of``) and its status means not started. Starting
    on the day itself is not late; an action late to start is never called overdue for it."""
    return start is not None and start < as_of and status.meaning is Meaning.NOT_STARTED


def count(
    statuses: list[StatusDef],
    vocabulary: tuple[StatusDef, ...],
    overdue: int,
    late_to_start: int = 0,
) -> Counts:
    order, tally = list(vocabulary), [0] * len(vocabulary)
    for status in statuses:  # one pass; the same object is found without comparing fields
        index = next((i for i, s in enumerate(order) if s is status), None)
        if index is None:
            index = next((i for i, s in enumerate(order) if s == status), None)
        if index is None:
            order.append(status)
            tally.append(0)
            index = len(order) - 1
        tally[index] += 1
    by_status = tuple(StatusCount(s, n) for s, n in zip(order, tally, strict=True))
    return Counts(by_status, len(statuses), overdue, late_to_start)


def _counts(actions: list[ActionView], vocabulary: tuple[StatusDef, ...]) -> Counts:
    active = [a for a in actions if a.state is State.ACTIVE and a.status is not None]
    return count(
        [a.status for a in active],
        vocabulary,
        sum(1 for a in active if a.overdue),
        sum(1 for a in active if a.late_to_start),
    )


def _vocabulary(content: Content) -> tuple[StatusDef, ...]:
    site = content.site
    if any(s.meaning is Meaning.NOT_REPORTED for s in site.statuses):
        return site.statuses
    return (*site.statuses, site.not_reported)


def _carried_forward(progress: Progress | None, before: Progress | None) -> bool:
    """Marked as carried forward and still as it was: editing either field clears the mark."""
    if progress is None or before is None or not progress.carried_forward:
        return False
    return progress.status == before.status and same_words(progress.narrative, before.narrative)


@dataclass(frozen=True)
class _Moment:
    """What deriving one release needs to know about where it stands in the history."""

    content: Content
    index: int
    release_ids: list[str]
    release: Release
    statuses: dict[str, StatusDef]
    previous: dict[str, Progress]
    published_kpis: dict[str, Kpi]

    def added_here(self, added: str | None) -> bool:
        """Whether an item ``added`` in that release is new in this one (none in the first)."""
        return added == self.release.id and self.index > 0


def _action_view(
    moment: _Moment, rec: Recommendation, rec_state: State, action: Action
) -> ActionView | None:
    state = state_at(action.lifecycle, moment.index, moment.release_ids)
    if state is None:
        return None
    if rec_state is not State.ACTIVE and state is State.ACTIVE:
        state = rec_state
    release = moment.release
    progress = release.progress.get(action.id)
    as_at = (progress.as_at if progress else None) or release.as_at
    # a status carried forward is reported again at this release's date, not its old as_at
    judged = (None if progress and progress.carried_forward else as_at) or release.as_at
    judged_at = min(judged, release.date) if judged else release.date
    if moment.index > 0:  # never before the release before: what was overdue then stays so
        judged_at = max(judged_at, moment.content.releases[moment.index - 1].date)
    status = None
    if state is State.ACTIVE:
        status = moment.statuses[progress.status] if progress else moment.content.site.not_reported
    return ActionView(
        action=action,
        state=state,
        withdrawal=action.lifecycle.withdrawn or rec.lifecycle.withdrawn
        if state is not State.ACTIVE
        else None,
        status=status,
        narrative=progress.narrative if progress else "",
        overdue=status is not None and is_overdue(action.due, judged_at, status),
        past_due_unreported=status is not None
        and status.meaning is Meaning.NOT_REPORTED
        and action.due is not None
        and action.due < judged_at,
        new=moment.added_here(action.lifecycle.added),
        kpis=tuple(moment.published_kpis[k] for k in action.kpis if k in moment.published_kpis),
        inherited=state is not State.ACTIVE and action.lifecycle.withdrawn is None,
        carried_forward=_carried_forward(progress, moment.previous.get(action.id)),
        as_at=as_at,
        late_to_start=status is not None and is_late_to_start(action.start, judged_at, status),
        evidence=progress.evidence if progress else (),
    )


def _no_new_value(view: KpiView, previous: Release) -> bool:
    """The KPI's latest value is no newer than the one ``previous`` showed."""
    before = published_by(view.kpi.values, previous.date)
    return view.latest is not None and bool(before) and before[-1].date >= view.latest.date


def _kpi_view(kpi: Kpi, release: Release, action_views: Iterable[ActionView]) -> KpiView:
    values, first = publication(kpi.values).on(release.date)
    revisions = tuple(
        (first[v.date], v)
        for v in values
        if first[v.date] is not v and first[v.date].value != v.value
    )
    segment = current_segment(values)  # values either side of a break are never compared
    latest = values[-1] if values else None
    previous = segment[-2] if len(segment) > 1 else None
    return KpiView(
        kpi=kpi,
        values=values,
        latest=latest,
        previous=previous,
        change=latest.value - previous.value if latest and previous else None,
        direction=direction_of(
            previous.value if previous else None,
            latest.value if latest else None,
            kpi.polarity,
            kpi.tolerance,
        ),
        actions=tuple(a for a in action_views if kpi.id in a.action.kpis),
        progress=target_progress(
            kpi.target, segment_baseline(kpi.baseline, segment), segment, kpi.polarity
        )
        if kpi.target
        else None,
        revisions=revisions,
    )


def _measures(kpis: Sequence[KpiView], actions: Iterable[ActionView], **named: str) -> set[str]:
    """The ids of the KPIs that measure ``actions`` or name the item (``groups=id`` or
    ``recommendations=id``)."""
    found = {k for a in actions for k in a.action.kpis}
    for field, item in named.items():
        found |= {k.kpi.id for k in kpis if item in getattr(k.kpi, field)}
    return found


def _rec_kpis(rec: RecommendationView, kpis: Sequence[KpiView]) -> RecommendationView:
    actions = rec.actions if rec.state is State.ACTIVE else ()
    ids = _measures(kpis, actions, recommendations=rec.recommendation.id)
    return replace(rec, kpis=tuple(k for k in kpis if k.kpi.id in ids))


def _group_view(
    group: Group,
    recs: Sequence[RecommendationView],
    kpis: Sequence[KpiView],
    vocabulary: tuple[StatusDef, ...],
) -> GroupView:
    members = tuple(r for r in recs if group.id in r.recommendation.groups)
    actions = [a for r in members if r.state is State.ACTIVE for a in r.actions]
    measured = _measures(kpis, actions, groups=group.id)
    measured |= {k.kpi.id for r in members for k in r.kpis}
    group_kpis = tuple(k for k in kpis if k.kpi.id in measured)
    return GroupView(group, members, _counts(actions, vocabulary), group_kpis)


def release_view(content: Content, release_id: str) -> ReleaseView:
    """Everything the pages of one release show, as of that release's date."""
    release_ids = [r.id for r in content.releases]
    index = release_ids.index(release_id)
    release = content.releases[index]
    vocabulary = _vocabulary(content)
    moment = _Moment(
        content=content,
        index=index,
        release_ids=release_ids,
        release=release,
        statuses={s.id: s for s in vocabulary},
        previous=content.releases[index - 1].progress if index else {},
        published_kpis={
            k.id: k for k in content.kpis if not k.added or release_ids.index(k.added) <= index
        },
    )
    groups = {g.id: g for g in content.groups}
    recs: list[RecommendationView] = []
    action_views: dict[str, ActionView] = {}
    for rec in content.recommendations:
        rec_state = state_at(rec.lifecycle, index, release_ids)
        if rec_state is None:
            continue
        actions = []
        for action in rec.actions:
            view = _action_view(moment, rec, rec_state, action)
            if view is not None:
                actions.append(view)
                action_views[action.id] = view
        recs.append(
            RecommendationView(
                recommendation=rec,
                state=rec_state,
                withdrawal=rec.lifecycle.withdrawn if rec_state is not State.ACTIVE else None,
                groups=tuple(groups[g] for g in rec.groups),
                actions=tuple(actions),
                counts=_counts(actions, vocabulary),
                new=moment.added_here(rec.lifecycle.added),
                assessments=tuple(a for a in release.assessments if a.recommendation == rec.id),
                progress=release.recommendations.get(rec.id),
            )
        )
    kpis = [_kpi_view(k, release, action_views.values()) for k in moment.published_kpis.values()]
    if index:
        kpis = [replace(k, stale=_no_new_value(k, content.releases[index - 1])) for k in kpis]
    recs = [_rec_kpis(r, kpis) for r in recs]
    all_actions = [a for r in recs if r.state is State.ACTIVE for a in r.actions]
    return ReleaseView(
        content=content,
        release=release,
        previous=content.releases[index - 1] if index else None,
        history=tuple(reversed(content.releases[: index + 1])),
        groups=tuple(_group_view(g, recs, kpis, vocabulary) for g in content.groups),
        recommendations=tuple(recs),
        kpis=tuple(kpis),
        counts=_counts(all_actions, vocabulary),
    )


def release_views(content: Content) -> tuple[ReleaseView, ...]:
    """Every release's view, oldest first."""
    return tuple(release_view(content, r.id) for r in content.releases)
