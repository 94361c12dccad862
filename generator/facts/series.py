"""A KPI's series read honestly: its segments, its notes, and direction of travel.

A ``break`` in kpi-values.csv (a new definition, a new source) starts a new segment: values
either side of it are not compared, so direction of travel and progress toward a target are
judged within the latest segment only. A KPI's ``tolerance`` says how far it may move from
one value to the next and still be "no significant change", following the criteria for
change of Scotland's National Performance Framework, which judges each indicator as
improving, maintaining or worsening against a stated tolerance.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import TypeVar

from generator.content.model import Point, Polarity, Tolerance, Value

P = TypeVar("P", bound=Point)


class Direction(StrEnum):
    """Direction of travel of a KPI, derived from its last two values and its polarity."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    NO_CHANGE = "no change"
    NO_SIGNIFICANT_CHANGE = "no significant change"
    """The value moved, but by no more than the KPI's tolerance."""
    UP = "up"
    DOWN = "down"
    UNKNOWN = "not enough data"
    NOT_COMPARABLE = "not comparable"
    """The two values lie either side of a break in the series."""
    NO_NEW_VALUE = "no new value"
    """Between two releases: the later one has no value newer than the earlier one's."""
    REVISED = "revised"
    """Between two releases: no newer value, but the latest one was revised."""


def direction_of(
    previous: float | None,
    latest: float | None,
    polarity: Polarity | None,
    tolerance: Tolerance | None = None,
) -> Direction:
    """Direction of travel between two values, read through the KPI's polarity and, where
    it has one, its tolerance."""
    if previous is None or latest is None:
        return Direction.UNKNOWN
    if latest == previous:
        return Direction.NO_CHANGE
    if tolerance is not None and tolerance.allows(previous, latest):
        return Direction.NO_SIGNIFICANT_CHANGE
    rising = latest > previous
    if polarity is None or polarity is Polarity.NEUTRAL:
        return Direction.UP if rising else Direction.DOWN
    better = rising == (polarity is Polarity.HIGHER)
    return Direction.IMPROVING if better else Direction.WORSENING


def starts_segment(point: Point) -> bool:
    return isinstance(point, Value) and point.starts_segment


def segments(values: Sequence[P]) -> tuple[tuple[P, ...], ...]:
    """The series split at its breaks, oldest first; a break starts a new segment."""
    found: list[list[P]] = []
    for point in values:
        if not found or starts_segment(point):
            found.append([])
        found[-1].append(point)
    return tuple(tuple(segment) for segment in found)


def current_segment(values: Sequence[P]) -> tuple[P, ...]:
    """The values since the latest break (all of them when the series has none)."""
    parts = segments(values)
    return parts[-1] if parts else ()


def breaks_between(values: Sequence[Point], after: Point, until: Point) -> bool:
    """Whether a break lies after ``after`` and up to ``until``: the two are not comparable."""
    return any(after.date < p.date <= until.date and starts_segment(p) for p in values)


def notes(values: Sequence[Point]) -> tuple[tuple[int, Value], ...]:
    """The values with a note, numbered from 1 in date order, as marked on the chart."""
    noted = [p for p in values if isinstance(p, Value) and p.note]
    return tuple(enumerate(noted, start=1))


def segment_baseline(baseline: Point | None, segment: Sequence[Point]) -> Point | None:
    """The KPI's baseline if it lies in the current segment; else None (the segment's first
    value is then the baseline)."""
    if baseline is None or not segment:
        return baseline
    return baseline if baseline.date >= segment[0].date else None


class Publication:
    """A series' values in the order they were made public: the series as it stood on any day,
    each day worked out once (a build asks for the same KPI on the same day several times)."""

    def __init__(self, values: Sequence[Value]) -> None:
        # made public the same day, a later row revises an earlier one
        self._ordered = sorted(enumerate(values), key=lambda row: (row[1].made_public, row[0]))
        self._days = [value.made_public for _, value in self._ordered]
        self._on: dict[date, tuple[tuple[Value, ...], dict[date, Value]]] = {}

    def on(self, day: date) -> tuple[tuple[Value, ...], dict[date, Value]]:
        """The series as it stood on ``day`` (the values made public by then, oldest first,
        each date's value as last revised by then), and each date's first value given by then
        (the first row for the date)."""
        if day not in self._on:
            latest: dict[date, Value] = {}
            first: dict[date, tuple[int, Value]] = {}
            for row, value in self._ordered[: bisect_right(self._days, day)]:
                latest[value.date] = value
                if value.date not in first or row < first[value.date][0]:
                    first[value.date] = (row, value)
            series = tuple(latest[when] for when in sorted(latest))
            self._on[day] = series, {when: value for when, (_, value) in first.items()}
        return self._on[day]


_PUBLICATIONS: dict[int, tuple[tuple[Value, ...], Publication]] = {}
"""Each series' ``Publication``, by the identity of its (immutable) tuple of values."""


def publication(values: Sequence[Value]) -> Publication:
    """The ``Publication`` of ``values``: made once for a tuple of values."""
    if not isinstance(values, tuple):
        return Publication(values)
    kept = _PUBLICATIONS.get(id(values))
    if kept is None or kept[0] is not values:
        if len(_PUBLICATIONS) >= 4096:
            _PUBLICATIONS.clear()
        kept = _PUBLICATIONS[id(values)] = (values, Publication(values))
    return kept[1]


def published_by(values: Sequence[Value], day: date) -> tuple[Value, ...]:
    """The series as it stood on ``day``: the values made public by then, oldest first, each
    date's value as last revised by then."""
    return publication(values).on(day)[0]
