"""What a KPI chart says in words: its headline, the measure it shows, its axis and its data.

Following the Government Analysis Function's guidance on charts, a chart's title states its
message ("Open cases fell by 80 in April 2017") and a subtitle names the measure. The axis of
a count starts at zero; where an axis does not, the page says why. The chart's data is a
download named with its format and size.
"""

from __future__ import annotations

import csv
import io
import math
import re
from datetime import date, timedelta

from generator.facts.derive import Direction, KpiView
from generator.render.format import COUNT_UNITS, format_number, long_date
from generator.render.opendata import safe_cell
from generator.render.periods import period_label, period_of, value_when

_NOT_A_COUNT = re.compile(
    r"%|percent|\b(?:per|rate|rates|average|mean|median|ratio|score|index)\b", re.IGNORECASE
)
"""Units that measure something other than how many: percentages, rates, averages."""

DATA_COLUMNS = ("kpi", "title", "unit", "date", "value", "note", "break", "period", "published")


def is_count(unit: str) -> bool:
    """A unit counts things (``count``, ``cases``) rather than measuring a share or a rate."""
    return not _NOT_A_COUNT.search(unit)


def _amount(value: float, unit: str) -> str:
    """An amount of change in the KPI's unit: percentages move in percentage points."""
    if unit.strip() == "%":
        points = format_number(value)
        return f"{points} percentage point{'' if value == 1 else 's'}"
    text = format_number(value, unit)
    if value == 1 and text.endswith("s") and unit not in COUNT_UNITS:
        return text[:-1]  # "1 case", not "1 cases"
    return text


def _month_before(day: date) -> tuple[int, int]:
    first = day.replace(day=1) - timedelta(days=1)
    return first.year, first.month


def period(previous: date, latest: date, labels: tuple[str, str] = ("", "")) -> str:
    """When a move happened: "in April 2017" for a month on month move, or "between 2023-24
    and 2024-25" where both values name their period."""
    if all(labels):
        return f"between {labels[0]} and {labels[1]}"
    if (latest - previous).days <= 7:
        return f"in the week to {long_date(latest)}"
    if (previous.year, previous.month) == _month_before(latest):
        return f"in {latest:%B %Y}"
    return f"between {long_date(previous)} and {long_date(latest)}"


def tolerance_words(kpi: KpiView) -> str:
    """The KPI's tolerance in words ("5 cases", "2% of the earlier value"), or ""."""
    tolerance = kpi.kpi.tolerance
    if tolerance is None:
        return ""
    if tolerance.absolute is not None:
        return _amount(tolerance.absolute, kpi.kpi.unit)
    if tolerance.percent is not None:
        return f"{format_number(tolerance.percent, '%')} of the earlier value"
    return ""


def chart_headline(kpi: KpiView) -> str:
    """The chart's message in words, naming the measure."""
    title, unit = kpi.kpi.title, kpi.kpi.unit
    latest, previous = kpi.latest, kpi.previous
    if latest is None:
        return f"No values of {title} have been reported yet"
    value = format_number(latest.value, unit)
    if kpi.broken:
        return f"{title} was {value} {value_when(latest)}, the first value of a new series"
    if previous is None or kpi.change is None:
        return f"{title} was {value} {value_when(latest)}"
    when = period(previous.date, latest.date, (period_of(previous), period_of(latest)))
    if kpi.change == 0:
        return f"{title} was unchanged at {value} {when}"
    verb = "rose" if kpi.change > 0 else "fell"
    moved = f"{verb} by {_amount(abs(kpi.change), unit)}"
    if kpi.direction is Direction.NO_SIGNIFICANT_CHANGE:
        return (
            f"{title} showed no significant change {when}: it {moved}, within its tolerance "
            f"of {tolerance_words(kpi)}"
        )
    return f"{title} {moved} {when}"


def chart_measure(kpi: KpiView) -> str:
    """The chart's subtitle: the measure, its unit and the period shown."""
    unit = kpi.kpi.unit
    text = kpi.kpi.title if unit in ("", *COUNT_UNITS) else f"{kpi.kpi.title} ({unit})"
    if kpi.values:
        first, last = period_label(kpi.values[0]), period_label(kpi.values[-1])
        text += f", {first}" + (f" to {last}" if last != first else "")
    return text


def _marked_values(kpi: KpiView) -> list[float]:
    k = kpi.kpi
    points = [*kpi.values, *k.milestones, *([k.baseline] if k.baseline else [])]
    return [p.value for p in (*points, *([k.target] if k.target else []))]


def axis_floor(kpi: KpiView) -> float | None:
    """Where the chart's vertical axis starts: zero for counts (and for any measure that
    reaches zero or below it), else a little below the lowest value shown. None when there is
    nothing to draw."""
    values = _marked_values(kpi)
    if not values:
        return None
    low, high = min(values), max(values)
    if low <= 0 or is_count(kpi.kpi.unit):
        return min(0.0, low)
    floor = low - max((high - low) * 0.15, abs(low) * 0.05)
    if floor <= 0:
        return 0.0
    step = 10 ** math.floor(math.log10(floor)) if floor >= 1 else 1
    return float(math.floor(floor / step) * step)


def axis_note(kpi: KpiView) -> str:
    """Why the vertical axis does not start at zero, or "" when it does."""
    floor = axis_floor(kpi)
    if not floor or floor < 0:
        return ""
    return (
        f"The vertical axis starts at {format_number(floor, kpi.kpi.unit)}, not zero: this "
        "measure is not a count, and a scale fitted to its values shows changes of a few "
        "points that would otherwise look flat."
    )


def chart_data(kpi: KpiView) -> str:
    """The chart's data as CSV: one row per value drawn."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DATA_COLUMNS)
    k = kpi.kpi
    for point in kpi.values:
        value = int(point.value) if float(point.value).is_integer() else point.value
        flag = "true" if point.starts_segment else ""
        row = [k.id, k.title, k.unit, point.date.isoformat(), value, point.note, flag]
        row += [point.period, point.published.isoformat() if point.published else ""]
        writer.writerow([safe_cell(c) for c in row])
    return buffer.getvalue()


def file_size(size: int) -> str:
    """A file size as GOV.UK writes it: "1 KB", "12 KB", "1.5 MB"."""
    if size < 1024 * 1024:
        return f"{max(1, math.ceil(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def data_link_text(kpi: KpiView) -> str:
    size = len(chart_data(kpi).encode("utf-8"))
    return f"Download the data for this chart (CSV, {file_size(size)})"
