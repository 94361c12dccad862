"""Derived facts across releases: what changed between two of them, and each action's history.

A comparison works on two :class:`~generator.facts.derive.ReleaseView` objects, so "the plan as it
stood" means the same thing on a changes page, in ``progress-site diff`` and on every other
page. Any two releases can be compared, in either order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property

from generator.content.model import Action, Kpi, Meaning, Release, StatusDef, Value, Withdrawal
from generator.facts.compare_recs import RecommendationChange, recommendation_changes
from generator.facts.derive import (
    ActionView,
    Direction,
    KpiView,
    RecommendationView,
    ReleaseView,
    State,
    direction_of,
)
from generator.facts.diff_cache import kept_word_diff
from generator.facts.series import breaks_between
from generator.facts.words import Segment, same_words


class Move(StrEnum):
    """How an action's status changed, read through the meanings of the two statuses."""

    IMPROVED = "improved"
    WORSENED = "worsened"
    OTHER = "other"
    UNCHANGED = "unchanged"
    NOT_RATED = "not-rated"
    """A move to or from *not reported*: a rating that was not given is not a change of status."""


PROGRESS_ORDER = (
    Meaning.OFF_TRACK,
    Meaning.AT_RISK,
    Meaning.NOT_STARTED,
    Meaning.IN_PROGRESS,
    Meaning.COMPLETE,
)
"""Status meanings from worst to best. "Not reported" has no place: a move to or from it is
neither better nor worse, and not a change of status at all (:attr:`Move.NOT_RATED`)."""


def status_move(old: StatusDef | None, new: StatusDef | None) -> Move:
    if old is None or new is None or old == new:
        return Move.UNCHANGED
    if Meaning.NOT_REPORTED in (old.meaning, new.meaning):
        return Move.NOT_RATED
    if old.meaning not in PROGRESS_ORDER or new.meaning not in PROGRESS_ORDER:
        return Move.OTHER
    rank_old, rank_new = PROGRESS_ORDER.index(old.meaning), PROGRESS_ORDER.index(new.meaning)
    if rank_new > rank_old:
        return Move.IMPROVED
    if rank_new < rank_old:
        return Move.WORSENED
    return Move.OTHER


def _active(view: ActionView | None) -> bool:
    return view is not None and view.state is State.ACTIVE


@dataclass(frozen=True)
class ActionChange:
    """One action in two releases. ``old`` or ``new`` is None where it was not in the plan."""

    old: ActionView | None
    new: ActionView | None
    move: Move

    @property
    def narratives(self) -> tuple[str, str]:
        """The narrative in each release ("" where there is none)."""
        return (self.old.narrative if self.old else "", self.new.narrative if self.new else "")

    @cached_property
    def narrative_changed(self) -> bool:
        """The action is in the plan in the later release and its narrative's words differ."""
        return _active(self.new) and not same_words(*self.narratives)

    @cached_property
    def narrative(self) -> tuple[Segment, ...]:
        """The word diff of the narrative; empty when the words did not change.

        Worked out when first asked for: summaries such as the feed's only need the count.
        """
        return kept_word_diff(*self.narratives) if self.narrative_changed else ()

    @property
    def action(self) -> Action:
        view = self.new or self.old
        if view is None:
            raise ValueError("an action change needs the action in one of the two releases")
        return view.action

    @property
    def status_from(self) -> StatusDef | None:
        return self.old.status if self.old else None

    @property
    def status_to(self) -> StatusDef | None:
        return self.new.status if self.new else None

    @property
    def overdue_from(self) -> bool:
        return bool(self.old and self.old.overdue)

    @property
    def overdue_to(self) -> bool:
        return bool(self.new and self.new.overdue)

    @property
    def newly_overdue(self) -> bool:
        return self.overdue_to and not self.overdue_from

    @property
    def no_longer_overdue(self) -> bool:
        return self.overdue_from and not self.overdue_to and _active(self.new)

    @property
    def late_to_start_from(self) -> bool:
        return bool(self.old and self.old.late_to_start)

    @property
    def late_to_start_to(self) -> bool:
        return bool(self.new and self.new.late_to_start)

    @property
    def newly_late_to_start(self) -> bool:
        return self.late_to_start_to and not self.late_to_start_from

    @property
    def status_changed(self) -> bool:
        """The status changed: a move to or from *not reported* is not a change."""
        return self.move not in (Move.UNCHANGED, Move.NOT_RATED)

    @property
    def not_rated(self) -> bool:
        """The action has no rating in the later release but had one in the earlier."""
        return (
            self.move is Move.NOT_RATED
            and self.status_to is not None
            and (self.status_to.meaning is Meaning.NOT_REPORTED)
        )

    @property
    def rated_again(self) -> bool:
        """The action is rated again after having no rating in the earlier release."""
        return self.move is Move.NOT_RATED and not self.not_rated

    @property
    def changed(self) -> bool:
        return (
            self.move is not Move.UNCHANGED
            or self.narrative_changed
            or self.overdue_from != self.overdue_to
            or self.late_to_start_from != self.late_to_start_to
            or _active(self.old) != _active(self.new)
        )


@dataclass(frozen=True)
class PlanChange:
    """A recommendation, action or KPI that came into or left the plan between two releases."""

    kind: str
    """``recommendation``, ``action`` or ``kpi``."""
    id: str
    title: str
    state: State | None
    """For an item that left the plan: withdrawn or merged (None if it is simply absent)."""
    withdrawal: Withdrawal | None
    target: RecommendationView | ActionView | KpiView
    """The item's view in the release where it is in the plan, for links."""
    release: str
    """The release whose pages show the item: the later one for additions."""


@dataclass(frozen=True)
class Revision:
    """A value published in both releases, revised between them."""

    old: Value
    new: Value


@dataclass(frozen=True)
class KpiChange:
    kpi: Kpi
    old: KpiView | None
    new: KpiView | None

    @property
    def value_from(self) -> Value | None:
        return self.old.latest if self.old else None

    @property
    def value_to(self) -> Value | None:
        return self.new.latest if self.new else None

    @cached_property
    def revisions(self) -> tuple[Revision, ...]:
        """The values both releases show for the same date, revised in between: oldest first."""
        if self.old is None or self.new is None:
            return ()
        before = {v.date: v for v in self.old.values}
        return tuple(
            Revision(before[v.date], v)
            for v in self.new.values
            if v.date in before and before[v.date].value != v.value
        )

    @property
    def new_value(self) -> bool:
        """The later release has a value newer than the earlier one's latest."""
        before, after = self.value_from, self.value_to
        return after is not None and (before is None or after.date > before.date)

    @property
    def revised(self) -> Revision | None:
        """The revision of the latest value, where there is no newer one."""
        if self.new_value or not self.revisions:
            return None
        last = self.revisions[-1]
        return last if self.value_to is not None and last.new.date == self.value_to.date else None

    @property
    def change(self) -> float | None:
        if self.value_from is None or self.value_to is None:
            return None
        return self.value_to.value - self.value_from.value

    @property
    def direction(self) -> Direction:
        """Judged as on the KPI's page: with its tolerance, and never across a break. When
        both releases' latest value is for the same date there is no move: that value was
        revised, or there is no new value."""
        before, after = self.value_from, self.value_to
        if before and after and before.date == after.date:
            return Direction.REVISED if self.revised else Direction.NO_NEW_VALUE
        return self._judged(before, after)

    def _judged(self, before: Value | None, after: Value | None) -> Direction:
        if before and after:
            series = max((v.values for v in (self.old, self.new) if v), key=len)
            first, last = sorted((before, after), key=lambda p: p.date)
            if breaks_between(series, first, last):
                return Direction.NOT_COMPARABLE
        return direction_of(
            before.value if before else None,
            after.value if after else None,
            self.kpi.polarity,
            self.kpi.tolerance,
        )


def _recommendation_of(change: PlanChange) -> str | None:
    """The recommendation an addition or removal belongs to (None for an indicator)."""
    if isinstance(change.target, ActionView):
        return change.target.action.recommendation
    return change.id if change.kind == "recommendation" else None


_WITHIN = ("actions", "added", "removed", "recommendations")
"""What ``Diff.within`` keeps of a comparison, by recommendation."""


@dataclass(frozen=True)
class Diff:
    old: ReleaseView
    new: ReleaseView
    actions: tuple[ActionChange, ...]
    """Every action in the plan in either release, in plan order."""
    kpis: tuple[KpiChange, ...]
    """Every KPI published in either release."""
    added: tuple[PlanChange, ...]
    removed: tuple[PlanChange, ...]
    recommendations: tuple[RecommendationChange, ...] = ()
    """Every recommendation in the plan in either release, in plan order."""

    def moved(self, move: Move) -> tuple[ActionChange, ...]:
        return tuple(a for a in self.actions if a.move is move)

    def within(self, recommendations: frozenset[str]) -> Diff:
        """The changes to the actions of these recommendations and to the recommendations
        themselves; the indicators are left out (they belong to the whole plan)."""

        def ours(p: PlanChange) -> bool:
            return _recommendation_of(p) in recommendations

        return replace(
            self,
            actions=tuple(a for a in self.actions if a.action.recommendation in recommendations),
            kpis=(),
            added=tuple(p for p in self.added if ours(p)),
            removed=tuple(p for p in self.removed if ours(p)),
            recommendations=tuple(
                r for r in self.recommendations if r.recommendation.id in recommendations
            ),
        )

    def within_each(self) -> dict[str, Diff]:
        """``within`` each recommendation on its own, by its id, in one pass over the changes
        (a recommendation with no changes has none)."""
        found: dict[str, dict[str, list[object]]] = {}

        def add(rec_id: str | None, field: str, change: object) -> None:
            if rec_id is not None:
                found.setdefault(rec_id, {f: [] for f in _WITHIN})[field].append(change)

        for a in self.actions:
            add(a.action.recommendation, "actions", a)
        for p in self.added:
            add(_recommendation_of(p), "added", p)
        for p in self.removed:
            add(_recommendation_of(p), "removed", p)
        for r in self.recommendations:
            add(r.recommendation.id, "recommendations", r)
        return {
            rec_id: replace(self, kpis=(), **{f: tuple(v) for f, v in fields.items()})
            for rec_id, fields in found.items()
        }

    @property
    def detail_size(self) -> int:
        """How many entries the detail of a changes page lists."""
        return sum(
            len(entries)
            for entries in (
                self.status_changes,
                self.not_rated,
                self.rated_again,
                self.newly_overdue,
                self.newly_late_to_start,
                self.narrative_changes,
                self.recommendation_narrative_changes,
                self.added,
                self.removed,
            )
        )

    @property
    def status_changes(self) -> tuple[ActionChange, ...]:
        return tuple(a for a in self.actions if a.status_changed)

    @property
    def not_rated(self) -> tuple[ActionChange, ...]:
        """Actions rated in the earlier release and not rated in the later one."""
        return tuple(a for a in self.actions if a.not_rated)

    @property
    def rated_again(self) -> tuple[ActionChange, ...]:
        """Actions not rated in the earlier release and rated in the later one."""
        return tuple(a for a in self.actions if a.rated_again)

    @property
    def newly_overdue(self) -> tuple[ActionChange, ...]:
        return tuple(a for a in self.actions if a.newly_overdue)

    @property
    def no_longer_overdue(self) -> tuple[ActionChange, ...]:
        return tuple(a for a in self.actions if a.no_longer_overdue)

    @property
    def newly_late_to_start(self) -> tuple[ActionChange, ...]:
        """Actions past their planned start and not started, that were not late to start in
        the earlier release."""
        return tuple(a for a in self.actions if a.newly_late_to_start)

    @property
    def has_due_dates(self) -> bool:
        """Either release's plan gives an action a due date (else overdue is never spoken of)."""
        return self.old.has_due_dates or self.new.has_due_dates

    @property
    def has_start_dates(self) -> bool:
        """Either release's plan gives an action a planned start."""
        return self.old.has_start_dates or self.new.has_start_dates

    @property
    def narrative_changes(self) -> tuple[ActionChange, ...]:
        return tuple(a for a in self.actions if a.narrative_changed)

    @property
    def recommendation_narratives(self) -> bool:
        """Either release reports a narrative for a recommendation as a whole."""
        return any(r.reported for r in self.recommendations)

    @property
    def recommendation_narrative_changes(self) -> tuple[RecommendationChange, ...]:
        return tuple(r for r in self.recommendations if r.narrative_changed)

    @property
    def kpi_moves(self) -> tuple[KpiChange, ...]:
        """KPIs with a value in both releases."""
        return tuple(k for k in self.kpis if k.value_from and k.value_to)

    @property
    def kpis_moved(self) -> tuple[KpiChange, ...]:
        """KPIs whose value moved between the two releases by more than their tolerance,
        with no break in the series between the two values."""
        still = (
            Direction.NO_SIGNIFICANT_CHANGE,
            Direction.NOT_COMPARABLE,
            Direction.NO_NEW_VALUE,
            Direction.REVISED,
        )
        return tuple(k for k in self.kpi_moves if k.change and k.direction not in still)

    @property
    def kpis_revised(self) -> tuple[KpiChange, ...]:
        """KPIs with a value both releases show, revised between them."""
        return tuple(k for k in self.kpis if k.revisions)

    @property
    def kpi_directions(self) -> tuple[tuple[Direction, int], ...]:
        found = [k.direction for k in self.kpi_moves]
        return tuple((d, found.count(d)) for d in Direction if found.count(d))


def _actions_by_id(view: ReleaseView) -> dict[str, ActionView]:
    return {a.action.id: a for r in view.recommendations for a in r.actions}


def _plan_order(old: ReleaseView, new: ReleaseView) -> list[str]:
    ids = {a.action.id for r in (*old.recommendations, *new.recommendations) for a in r.actions}
    return [
        action.id
        for rec in new.content.recommendations
        for action in rec.actions
        if action.id in ids
    ]


Item = RecommendationView | ActionView | KpiView


def _state(view: Item | None) -> State | None:
    if view is None:
        return None
    return State.ACTIVE if isinstance(view, KpiView) else view.state


def _entry(
    kind: str, item_id: str, title: str, old: Item | None, new: Item | None, ids: tuple[str, str]
) -> tuple[str, PlanChange] | None:
    """Classify one item as added, removed or neither, from its views in the two releases."""
    was, now = _state(old), _state(new)
    if now is State.ACTIVE and was is not State.ACTIVE and new is not None:
        return "added", PlanChange(kind, item_id, title, None, None, new, ids[1])
    if was is State.ACTIVE and now is not State.ACTIVE and old is not None:
        withdrawal = None if new is None or isinstance(new, KpiView) else new.withdrawal
        target, release = (new, ids[1]) if new is not None else (old, ids[0])
        return "removed", PlanChange(kind, item_id, title, now, withdrawal, target, release)
    return None


def compare(old: ReleaseView, new: ReleaseView) -> Diff:
    """Everything that changed between two releases (``old`` may be the later one)."""
    old_actions, new_actions = _actions_by_id(old), _actions_by_id(new)
    actions = []
    for action_id in _plan_order(old, new):
        before, after = old_actions.get(action_id), new_actions.get(action_id)
        move = (
            status_move(before.status, after.status)
            if _active(before) and _active(after) and before and after
            else Move.UNCHANGED
        )
        actions.append(ActionChange(before, after, move))

    ids = (old.release.id, new.release.id)
    changes: dict[str, list[PlanChange]] = {"added": [], "removed": []}
    old_recs = {r.recommendation.id: r for r in old.recommendations}
    new_recs = {r.recommendation.id: r for r in new.recommendations}
    for rec in new.content.recommendations:
        before_rec, after_rec = old_recs.get(rec.id), new_recs.get(rec.id)
        entry = _entry("recommendation", rec.id, rec.text, before_rec, after_rec, ids)
        if entry:
            changes[entry[0]].append(entry[1])
        for action in rec.actions:
            before, after = old_actions.get(action.id), new_actions.get(action.id)
            if after is not None and after.inherited and _state(before) is State.ACTIVE:
                continue  # left the plan with its recommendation, which is listed already
            entry = _entry(
                "action", action.id, action.title or action.description, before, after, ids
            )
            if entry:
                changes[entry[0]].append(entry[1])

    old_kpis = {k.kpi.id: k for k in old.kpis}
    new_kpis = {k.kpi.id: k for k in new.kpis}
    kpis = []
    for kpi in new.content.kpis:
        before_kpi, after_kpi = old_kpis.get(kpi.id), new_kpis.get(kpi.id)
        if before_kpi is None and after_kpi is None:
            continue
        kpis.append(KpiChange(kpi, before_kpi, after_kpi))
        entry = _entry("kpi", kpi.id, kpi.title, before_kpi, after_kpi, ids)
        if entry:
            changes[entry[0]].append(entry[1])

    return Diff(
        old=old,
        new=new,
        actions=tuple(actions),
        kpis=tuple(kpis),
        added=tuple(changes["added"]),
        removed=tuple(changes["removed"]),
        recommendations=recommendation_changes(old, new),
    )


@dataclass(frozen=True)
class Span:
    """A run of consecutive releases in which an action kept the same status (or state)."""

    status: StatusDef | None
    state: State
    releases: tuple[Release, ...]

    @property
    def first(self) -> Release:
        return self.releases[0]

    @property
    def last(self) -> Release:
        return self.releases[-1]


def status_history(views: Sequence[ReleaseView]) -> dict[str, tuple[Span, ...]]:
    """Each action's statuses across ``views`` (oldest first), with repeats run together."""
    spans: dict[str, list[Span]] = {}
    for view in views:
        for action_id, action in _actions_by_id(view).items():
            runs = spans.setdefault(action_id, [])
            if runs and (runs[-1].status, runs[-1].state) == (action.status, action.state):
                last = runs[-1]
                runs[-1] = Span(last.status, last.state, (*last.releases, view.release))
            else:
                runs.append(Span(action.status, action.state, (view.release,)))
    return {action_id: tuple(runs) for action_id, runs in spans.items()}
