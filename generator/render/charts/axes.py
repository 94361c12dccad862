"""A chart's scales: the range each axis shows, and where its ticks fall and what they say.

Values get "nice" ticks (steps of 1, 2, 2.5 or 5 times a power of ten); dates get ticks on
whole days, months or years, as few as say the span clearly (three to seven).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

MONTH_STEPS = (1, 2, 3, 4, 6, 12, 24, 60, 120, 240, 600, 1200)
DAY_STEPS = (1, 2, 7, 14)
MAX_TICKS = 7


@dataclass(frozen=True)
class Tick:
    at: float
    """Where, in the axis's own units (the value, or the date's ordinal)."""
    label: tuple[str, ...]
    """The label's lines."""


@dataclass(frozen=True)
class Scale:
    low: float
    high: float
    ticks: tuple[Tick, ...]

    def fraction(self, at: float) -> float:
        """How far along the axis ``at`` lies, from 0 at ``low`` to 1 at ``high``."""
        return (at - self.low) / (self.high - self.low)


def _step(span: float) -> float:
    """A nice step that cuts ``span`` into about five."""
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    for nice in (1, 2, 2.5, 5, 10):
        if raw <= nice * power * 1.0000001:
            return nice * power
    return 10 * power  # pragma: no cover - the loop always returns


def _decimals(step: float) -> int:
    """The decimal places that write every multiple of ``step`` exactly (``0.25``: 2)."""
    places = 0
    while abs(round(step, places) - step) > abs(step) * 1e-6:
        places += 1
    return places


def value_label(value: float, places: int = 9) -> str:
    """A tick's number: thousands separated, no trailing zeros, no "-0"."""
    text = f"{round(value, places):,.{places}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text


def value_scale(values: Sequence[float], floor: float | None, headroom: float = 0.0) -> Scale:
    """The vertical axis: from ``floor`` (or a little below the lowest value) to a tick at or
    above the highest value, with ``headroom`` (a share of the span) kept free above it."""
    low, high = min(values), max(values)
    if floor is not None:
        low = min(low, floor)
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = (low if floor is not None else low - pad), high + pad
    span = high - low
    top = high + span * max(headroom, 0.05)
    bottom = low if floor is not None else low - span * 0.05
    step = _step(top - bottom)
    top = math.ceil(top / step - 1e-9) * step  # the axis ends on a labelled tick
    if floor is None:
        bottom = math.floor(bottom / step + 1e-9) * step
    first = math.ceil(bottom / step - 1e-9)
    ticks = []
    at = first
    places = _decimals(step)
    while at * step <= top + step * 1e-9:
        ticks.append(Tick(at * step, (value_label(at * step, places),)))
        at += 1
    return Scale(bottom, top, tuple(ticks))


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_ticks(first: date, last: date, step: int) -> list[date]:
    start = first.replace(day=1)
    index = start.year * 12 + start.month - 1
    if index % step:
        start = _add_months(start, step - index % step)
    if start < first:
        start = _add_months(start, step)
    found = []
    while start <= last:
        found.append(start)
        start = _add_months(start, step)
    return found


def _day_ticks(first: date, last: date, step: int) -> list[date]:
    if step == 7:  # weeks start on Monday
        first = first + timedelta(days=(7 - first.weekday()) % 7)
    return [first + timedelta(days=n) for n in range(0, (last - first).days + 1, step)]


def _date_labels(days: Sequence[date], monthly: bool, step: int) -> list[tuple[str, ...]]:
    """Concise labels: the year once it changes, the month where months are ticked."""
    labels: list[tuple[str, ...]] = []
    shown_year: int | None = None
    for day in days:
        if monthly and step >= 12:
            labels.append((str(day.year),))
        else:
            text = f"{day:%b}" if monthly else f"{day.day} {day:%b}"
            labels.append((text, str(day.year)) if day.year != shown_year else (text,))
        shown_year = day.year
    return labels


def _ticked(first: date, last: date) -> tuple[list[date], bool, int]:
    """The finest ticking of ``first`` to ``last`` with at most ``MAX_TICKS`` ticks (and at
    least two), else the coarsest: its days, whether they are months, and its step."""
    ticked: tuple[list[date], bool, int] = ([], False, 1)
    for monthly, steps in ((False, DAY_STEPS), (True, MONTH_STEPS)):
        for step in steps:
            days = (_month_ticks if monthly else _day_ticks)(first, last, step)
            ticked = (days, monthly, step)
            if 2 <= len(days) <= MAX_TICKS:
                return ticked
    return ticked


def date_scale(days: Sequence[date]) -> Scale:
    """The horizontal axis over ``days``, with a small margin at each end."""
    first, last = min(days), max(days)
    if first == last:
        first, last = first - timedelta(days=15), last + timedelta(days=15)
    margin = max(1.0, (last - first).days * 0.05)
    low, high = first.toordinal() - margin, last.toordinal() + margin
    inside_first = date.fromordinal(math.ceil(low))
    inside_last = date.fromordinal(math.floor(high))
    days_ticked, monthly, step = _ticked(inside_first, inside_last)
    labels = _date_labels(days_ticked, monthly, step)
    ticks = tuple(Tick(d.toordinal(), label) for d, label in zip(days_ticked, labels, strict=True))
    return Scale(low, high, ticks)


def labelled(scale: Scale, labels: Sequence[tuple[date, str]], most: int) -> Scale:
    """``scale`` ticked at the values' own periods ("2023-24", "2025 Q3") instead of at whole
    months: at most ``most`` of them, counted back from the latest, which is always ticked.
    A label with a space is drawn on two lines ("2025", "Q3")."""
    if not labels:
        return scale
    step = max(1, math.ceil(len(labels) / max(1, most)))
    chosen = list(labels)[::-1][::step][::-1]
    ticks = tuple(Tick(day.toordinal(), tuple(text.split(" ", 1))) for day, text in chosen)
    return Scale(scale.low, scale.high, ticks)
