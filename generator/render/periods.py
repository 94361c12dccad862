"""When a KPI's value is for, in the plan's words, and what a comparison says of it.

A value may name its period (``2023-24``, ``2025 Q3``, ``FY2024``): pages, tables, chart ticks
and headlines then show the period; its date, the end of the period, only places it on the
chart. Between two releases a value for the same date that changed was revised, which is not
a move, and a KPI with no newer value has "no new value", never "no change".
"""

from __future__ import annotations

from generator.content.model import Point, Value
from generator.facts.compare import KpiChange, Revision
from generator.facts.series import Direction
from generator.render.format import format_change, format_number, long_date


def period_of(point: Point | None) -> str:
    """The period a value covers, or "" where it names none (a baseline, a plain value)."""
    return point.period if isinstance(point, Value) else ""


def period_label(point: Point | None) -> str:
    """When a value is for: its period where it names one, else its date ("30 June 2024")."""
    if point is None:
        return ""
    return period_of(point) or long_date(point.date)


def value_when(point: Point | None) -> str:
    """ "in 2023-24" for a value that names its period, else "on 30 June 2024"."""
    if point is None:
        return ""
    period = period_of(point)
    return f"in {period}" if period else f"on {long_date(point.date)}"


def revision_words(revision: Revision, unit: str) -> str:
    """ "revised from 81.2% to 80.9% (2023-24)"."""
    before = format_number(revision.old.value, unit)
    after = format_number(revision.new.value, unit)
    return f"revised from {before} to {after} ({period_label(revision.new)})"


def change_words(change: KpiChange) -> str:
    """What a comparison says of a KPI's latest value: its move, its revision, or that it
    has no new value; with any revision of an earlier value after it."""
    unit = change.kpi.unit
    revised = change.revised
    if revised is not None:
        words = revision_words(revised, unit)
    elif change.direction is Direction.NO_NEW_VALUE:
        words = "no new value"
    else:
        words = format_change(change.change, unit)
    earlier = [revision_words(r, unit) for r in change.revisions if r is not revised]
    return "; ".join([w for w in (words, *earlier) if w])


def earlier_revisions(change: KpiChange) -> str:
    """Every revision between the two releases, for an indicator with no new value:
    "revised from 28% to 27% (2014 Q3)"."""
    unit = change.kpi.unit
    return "; ".join(revision_words(r, unit) for r in change.revisions)
