"""Gaps in a KPI's reporting: stretches with no values, drawn as gaps rather than bridged.

A series' usual interval is the median time between its values (a week for a weekly figure,
a year for an annual one). Where two consecutive values lie more than twice that apart, the
figures in between were not reported: a chart breaks its line there, and its text says so,
rather than drawing a straight line that looks like data.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median
from typing import TypeVar

from generator.content.model import Point

P = TypeVar("P", bound=Point)

GAP_FACTOR = 2
"""A gap is longer than this many usual intervals."""


def usual_interval(values: Sequence[Point]) -> float | None:
    """The median number of days between consecutive values; None for fewer than two."""
    days = [(b.date - a.date).days for a, b in zip(values, values[1:], strict=False)]
    return float(median(days)) if days else None


def gaps(values: Sequence[P]) -> tuple[tuple[P, P], ...]:
    """Each pair of consecutive values more than ``GAP_FACTOR`` usual intervals apart."""
    usual = usual_interval(values)
    if not usual:
        return ()
    return tuple(
        (a, b)
        for a, b in zip(values, values[1:], strict=False)
        if (b.date - a.date).days > GAP_FACTOR * usual
    )


def runs(part: Sequence[P], series: Sequence[Point]) -> tuple[tuple[P, ...], ...]:
    """``part`` of ``series`` (a segment, or the whole) split at the gaps of ``series``:
    each run is drawn as one line; a run of one value is a marker alone."""
    starts = {b.date for _, b in gaps(series)}
    found: list[list[P]] = []
    for point in part:
        if not found or point.date in starts:
            found.append([])
        found[-1].append(point)
    return tuple(tuple(run) for run in found)
