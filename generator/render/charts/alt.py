"""The text alternatives of KPI charts and sparklines, stating what the picture shows."""

from __future__ import annotations

import markupsafe

from generator.facts.derive import KpiView
from generator.facts.gaps import gaps
from generator.render.format import finalize, format_change, format_number, long_date
from generator.render.periods import period_label, value_when

Md = markupsafe.Markup


def trend_alt(k: KpiView) -> Md:
    """The sparkline's alternative: the first and latest values."""
    unit = k.kpi.unit
    if len(k.values) > 1 and k.latest:
        first = k.values[0]
        return Md(
            f"Trend of {finalize(k.kpi.title)} from {finalize(period_label(first))} to "
            f"{finalize(period_label(k.latest))}: {finalize(format_number(first.value, unit))} "
            f"to {finalize(format_number(k.latest.value, unit))}"
        )
    if k.latest:
        return Md(
            f"{finalize(k.kpi.title)}: one value, {finalize(format_number(k.latest.value, unit))} "
            f"{finalize(value_when(k.latest))}"
        )
    return Md("")


def chart_alt(k: KpiView) -> Md:
    """The chart's alternative: the series, the last move, and the marked points."""
    unit = k.kpi.unit
    text = f"Line chart of {finalize(k.kpi.title)}"
    if len(k.values) > 1 and k.latest:
        first = k.values[0]
        text += (
            f", {finalize(len(k.values))} values from {finalize(period_label(first))} to "
            f"{finalize(period_label(k.latest))}: {finalize(format_number(first.value, unit))} "
            f"at the start, {finalize(format_number(k.latest.value, unit))} at the latest"
        )
        if k.previous:
            text += (
                f", {finalize(format_change(k.change, unit))} since the value before "
                f"({finalize(k.direction.value)})"
            )
    elif k.latest:
        text += (
            f", one value: {finalize(format_number(k.latest.value, unit))} "
            f"{finalize(value_when(k.latest))}"
        )
    text += "."
    marks = [("Baseline", "on", k.kpi.baseline)] if k.kpi.baseline else []
    marks += [("Milestone", "by", p) for p in k.kpi.milestones]
    marks += [("Target", "by", k.kpi.target)] if k.kpi.target else []
    for name, when, point in marks:
        text += (
            f" {name} {finalize(format_number(point.value, unit))} {when} "
            f"{finalize(long_date(point.date))}."
        )
    for segment in k.segments[1:]:
        text += (
            f" The series breaks before {finalize(period_label(segment[0]))}: the line is "
            "not joined across it."
        )
    for before, after in gaps(k.values):
        text += (
            f" No value was reported between {finalize(period_label(before))} and "
            f"{finalize(period_label(after))}: the line is not joined across the gap."
        )
    for number, point in k.notes:
        text += f" Note {number}, {finalize(period_label(point))}: {finalize(point.note)}."
    return Md(text + " The values are in the table.")
