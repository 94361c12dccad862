"""Derived facts: is a KPI on course to reach its target?

The method follows Open SDG's progress measure, which compares the rate of change actually
achieved since the baseline with the rate needed to reach the target by its date:

    ratio = actual rate / required rate
    actual rate   = (latest value - baseline value) / (latest date - baseline date)
    required rate = (target value - baseline value) / (target date - baseline date)

Rates are linear (change per day) rather than compound growth, because many council
measures are counts or percentages that can be zero. The ratio is read with Open SDG's
thresholds:

    target met                   achieved
    ratio >= 0.95                on course
    0.6 <= ratio < 0.95          behind (moderate progress)
    0 <= ratio < 0.6             behind (limited progress)
    ratio < 0                    deteriorating: moving away from the target

The baseline is the KPI's stated baseline, or else its first value. Which way is better comes
from the target itself (above or below the baseline), so it works for either polarity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from generator.content.model import Point, Polarity

ON_COURSE = 0.95
MODERATE = 0.6
NO_PROGRESS = 0.0


class Judgement(StrEnum):
    ACHIEVED = "achieved"
    ON_COURSE = "on course"
    BEHIND = "behind"
    DETERIORATING = "deteriorating"
    NOT_ENOUGH_DATA = "not enough data"


@dataclass(frozen=True)
class TargetProgress:
    judgement: Judgement
    baseline: Point | None
    latest: Point | None
    target: Point
    ratio: float | None
    """Actual rate of change divided by the required rate; None where it cannot be worked out."""

    @property
    def moderate(self) -> bool:
        """Behind, but with at least 60% of the required rate of change."""
        return (
            self.judgement is Judgement.BEHIND
            and self.ratio is not None
            and (self.ratio >= MODERATE)
        )


def _days(start: date, end: date) -> int:
    return (end - start).days


def _met(value: float, baseline: float, target: float, polarity: Polarity | None) -> bool:
    if target == baseline:  # "hold at": the KPI's polarity says which side is good
        if polarity is None or polarity is Polarity.NEUTRAL:
            return value == target
        return value >= target if polarity is Polarity.HIGHER else value <= target
    return value >= target if target > baseline else value <= target


def target_progress(
    target: Point,
    baseline: Point | None,
    values: tuple[Point, ...],
    polarity: Polarity | None = Polarity.NEUTRAL,
) -> TargetProgress:
    """Judge progress toward ``target`` from ``values`` (oldest first) as they stood."""
    start = baseline or (values[0] if values else None)
    latest = values[-1] if values else None

    def judged(judgement: Judgement, ratio: float | None = None) -> TargetProgress:
        return TargetProgress(judgement, start, latest, target, ratio)

    if start is None or latest is None:
        return judged(Judgement.NOT_ENOUGH_DATA)
    if _met(latest.value, start.value, target.value, polarity) and latest.date >= start.date:
        return judged(Judgement.ACHIEVED)
    elapsed = _days(start.date, latest.date)
    allowed = _days(start.date, target.date)
    if elapsed <= 0 or allowed <= 0:
        return judged(Judgement.NOT_ENOUGH_DATA)
    required = (target.value - start.value) / allowed
    actual = (latest.value - start.value) / elapsed
    if required == 0:  # a "hold at" target that is not met: the value has moved the wrong way
        return judged(Judgement.DETERIORATING)
    ratio = actual / required
    if ratio >= ON_COURSE:
        return judged(Judgement.ON_COURSE, ratio)
    if ratio >= NO_PROGRESS:
        return judged(Judgement.BEHIND, ratio)
    return judged(Judgement.DETERIORATING, ratio)
