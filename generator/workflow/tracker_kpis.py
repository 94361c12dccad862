"""Reading a filled tracker's KPIs sheet: new values, each checked where it is typed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from generator.content.fields import number_problem, parse_date
from generator.content.model import Content, Kpi, Release
from generator.workflow.tracker_export import KPI_COLUMNS
from generator.workflow.tracker_formats import is_percent_unit
from generator.workflow.tracker_sheet import Sheet


def _published_after(content: Content, kpi: Kpi, when: date) -> Release | None:
    """The latest published release dated on or after ``when`` that shows ``kpi``: a value
    dated then would change what it showed (a KPI added later can have its history added)."""
    ids = [r.id for r in content.releases]
    shown = [
        r
        for index, r in enumerate(content.releases)
        if not r.draft
        and r.date >= when
        and (not kpi.added or kpi.added not in ids or ids.index(kpi.added) <= index)
    ]
    return shown[-1] if shown else None


def _kpi_value(sheet: Sheet, number: int, kpi: Kpi, text: str, percent: set[str]) -> str | None:
    """The value as the cell shows it: a cell formatted as a percentage, for a KPI counted
    in %, is the percentage shown (0.31 shown as 31% is 31); for a KPI in any other unit it
    cannot be told what was meant, and is refused."""
    if sheet.where(number, "Value") not in percent:
        return text
    shown = format((Decimal(text) * 100).normalize(), "f")
    if is_percent_unit(kpi.unit):
        return shown
    unit = f"in {kpi.unit}" if kpi.unit.strip() else "as a plain number"
    sheet.add(
        number,
        "Value",
        f"{kpi.id}: the cell shows {shown}% (a percentage), but {kpi.id} is counted {unit}; "
        "type the value without a percentage format",
    )
    return None


def read_kpis(
    sheet: Sheet,
    content: Content,
    until: date,
    cells: list[str] | None = None,
    percent: set[str] | None = None,
) -> list[tuple[str, str, str, str, str]]:
    """New KPI values (id, date, value text, period, published): a later value or a changed one
    is an error. One dated in a published release is an error too, unless the plan records when its
    values were published: it is then published with this release (``until``), and the
    releases before keep what they showed. The Value cell of each is added to ``cells``;
    ``percent`` holds the cells formatted as percentages."""
    if not sheet.header(KPI_COLUMNS, ("KPI", "Date", "Value")):
        return []
    kpis = {kpi.id: kpi for kpi in content.kpis}
    known = {kpi.id: {p.date: p.value for p in kpi.values} for kpi in content.kpis}
    recorded = {(kpi.id, p.date, p.value) for kpi in content.kpis for p in kpi.values}
    publishes = any(p.published for kpi in content.kpis for p in kpi.values)
    new: list[tuple[str, str, str, str, str]] = []
    for number, cells_ in sheet.rows[1:]:
        kpi_id, when_text = sheet.cell(cells_, "KPI").strip(), sheet.cell(cells_, "Date").strip()
        value_text = sheet.cell(cells_, "Value").strip()
        if not (kpi_id or when_text or value_text):
            continue
        if kpi_id not in known:
            sheet.add(number, "KPI", f"unknown KPI '{kpi_id}' (known: {', '.join(known)})")
            continue
        when, reason = parse_date(when_text)
        if when is None:
            sheet.add(number, "Date", reason or "not a date")
            continue
        problem = number_problem(value_text)
        if problem:
            sheet.add(number, "Value", f"{kpi_id}: {problem}")
            continue
        if (kpi_id, when, float(value_text)) in recorded:
            continue  # a value already recorded (or revised since), however its cell is formatted
        shown = _kpi_value(sheet, number, kpis[kpi_id], value_text, percent or set())
        if shown is None:
            continue
        value_text, value = shown, float(shown)
        if when > until:
            message = f"{kpi_id} on {when.isoformat()} is dated after the release ({until})"
            sheet.add(number, "Date", message)
            continue
        if when in known[kpi_id]:
            if known[kpi_id][when] != value:
                message = (
                    f"{kpi_id} already has {known[kpi_id][when]:g} on {when.isoformat()}; "
                    f"a different value '{value_text}' is not taken (correct kpi-values.csv)"
                )
                sheet.add(number, "Value", message)
            continue
        locked = _published_after(content, kpis[kpi_id], when)
        published = until.isoformat() if locked and publishes and until > locked.date else ""
        if locked is not None and not published:
            message = (
                f"{kpi_id} on {when.isoformat()} is dated on or before release {locked.id} "
                f"({locked.date.isoformat()}), which is published: adding it would change what "
                "that release showed; date new values after it, or correct a published value "
                "in kpi-values.csv with an erratum"
            )
            sheet.add(number, "Date", message)
            continue
        known[kpi_id][when] = value
        period = " ".join(sheet.cell(cells_, "Period").split())
        new.append((kpi_id, when.isoformat(), value_text, period, published))
        if cells is not None:
            cells.append(sheet.where(number, "Value"))
    return new
