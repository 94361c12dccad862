"""``export-tracker``: the workbook an improvement team sends round to action owners.

Sheets: Actions (one row per active action; owners edit Status, Progress and As at, the
other columns are protected), Recommendations (owners edit Progress), KPIs (one row per
value; new values are added as rows) and About. Dates are date cells; every text is
written as text, never as a formula.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from generator.content.model import Action, Content
from generator.content.model.meta import leads
from generator.content.transaction import reading
from generator.content.validate import load_content
from generator.errors import ProgressSiteError
from generator.facts.derive import State, release_view
from generator.facts.terms import plan_terms
from generator.workflow.tracker_origin import ABOUT_ROWS, Origin, origin_of, record

LEAD_FIELDS = {d.meta.label: d.name for d in leads(Action)}
"""Each lead column's header (the field's label, as on the pages) -> the action's field."""
EDITABLE = ("Status", "Progress", "As at")
RECOMMENDATION_COLUMNS = ("Recommendation", "Text", "Progress")
RECOMMENDATION_EDITABLE = ("Progress",)
KPI_COLUMNS = ("KPI", "Title", "Date", "Value", "Period")
"""The KPIs sheet's columns; Period only where the plan names its values' periods."""
WIDTHS = {"Description": 50, "Progress": 60, "Text": 70, "Title": 40, "Status": 22}
DATE_FORMAT = "yyyy-mm-dd"


def tracker_headers(content: Content) -> dict[str, str]:
    """The columns the plan names in its own words, as the tracker's header shows them."""
    terms = plan_terms(content.site)
    return {"Recommendation": terms.recommendation.singular, "Action": terms.action.singular}


def lead_columns(content: Content) -> tuple[str, ...]:
    """The lead columns, as the plan names its leads: one Lead column where it names single
    leads (or none at all), Strategic lead and Operational lead where it uses those, and all
    three where some actions have a single lead and others the pair, so that no lead is lost."""
    actions = [a for rec in content.recommendations for a in rec.actions]
    one, *pairs = LEAD_FIELDS
    single = any(a.lead for a in actions)
    pair = any(getattr(a, LEAD_FIELDS[label]) for a in actions for label in pairs)
    if pair:
        return (one, *pairs) if single else tuple(pairs)
    return (one,)


def action_columns(content: Content) -> tuple[str, ...]:
    """The Actions sheet's columns, in order (Title where some action has one)."""
    titled = any(a.title for rec in content.recommendations for a in rec.actions)
    return (
        "Recommendation",
        "Action",
        *(("Title",) if titled else ()),
        "Description",
        *lead_columns(content),
        "Timescale",
        "Due",
        "Status",
        "Progress",
        "As at",
    )


def cell_text(value: object) -> str:
    """A cell's value as the tracker reads it back: a date as YYYY-MM-DD, none as ''."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def action_rows(content: Content, release_id: str) -> list[dict[str, Any]]:
    """The Actions sheet's rows, by column (every lead column, whichever the sheet shows):
    what the release shows for each active action."""
    release = content.release(release_id)
    view = release_view(content, release_id)
    rows = []
    for rec in view.recommendations:
        for item in rec.actions:
            if item.state is not State.ACTIVE:
                continue
            action = item.action
            progress = release.progress.get(action.id)
            status = content.site.status(progress.status) if progress else None
            row: dict[str, Any] = {
                "Recommendation": rec.recommendation.id,
                "Action": action.id,
                "Title": action.title,
                "Description": action.description,
            }
            row.update({name: getattr(action, key) for name, key in LEAD_FIELDS.items()})
            row.update(
                {
                    "Timescale": action.timescale,
                    "Due": action.due,
                    "Status": status.label if status else "",
                    "Progress": progress.narrative if progress else "",
                    "As at": progress.as_at if progress else None,
                }
            )
            rows.append(row)
    return rows


def recommendation_rows(content: Content, release_id: str) -> list[tuple[str, str, str]]:
    """The Recommendations sheet's rows: each active recommendation and its progress."""
    release = content.release(release_id)
    rows = []
    for rec in release_view(content, release_id).active_recommendations:
        progress = release.recommendations.get(rec.recommendation.id)
        narrative = progress.narrative if progress else ""
        rows.append((rec.recommendation.id, rec.recommendation.text, narrative))
    return rows


def kpi_columns(content: Content) -> tuple[str, ...]:
    """The KPIs sheet's columns: with Period where any value names its period."""
    periods = any(point.period for kpi in content.kpis for point in kpi.values)
    return KPI_COLUMNS if periods else KPI_COLUMNS[:-1]


def kpi_rows(content: Content, until: date) -> list[tuple[str, str, date, float, str]]:
    """One row per KPI and date: a revised value is given as revised (the last row for its
    date), as import-tracker reads it back. The period is last, dropped with its column."""
    rows: dict[tuple[str, date], tuple[str, str, date, float, str]] = {}
    for kpi in content.kpis:
        for point in kpi.values:
            if point.date <= until:
                row = (kpi.id, kpi.title, point.date, point.value, point.period)
                rows[(kpi.id, point.date)] = row
    return list(rows.values())


def _text(sheet: Any, row: int, column: int, value: object) -> Any:
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # "=HYPERLINK(...)" in a narrative stays text
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT  # a real date cell, shown as YYYY-MM-DD
    return cell


def _table(
    sheet: Any,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    shown: dict[str, str] | None = None,
) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wrap = Alignment(wrap_text=True, vertical="top")
    for index, name in enumerate(columns, 1):
        _text(sheet, 1, index, (shown or {}).get(name, name)).font = Font(bold=True)
        width = WIDTHS.get(name, 16)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, values in enumerate(rows, 2):
        for index, value in enumerate(values, 1):
            _text(sheet, number, index, value).alignment = wrap
    sheet.freeze_panes = "A2"


def _protect(sheet: Any, columns: tuple[str, ...], editable: tuple[str, ...], last: int) -> None:
    """Lock the sheet (no password: it guards against slips, not people) but its editable
    columns."""
    from openpyxl.styles import Protection

    for name in editable:
        column = columns.index(name) + 1
        for number in range(2, last + 1):
            sheet.cell(row=number, column=column).protection = Protection(locked=False)
    sheet.protection.sheet = True
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False


def _actions_sheet(book: Any, content: Content, release_id: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book.create_sheet("Actions")
    columns = action_columns(content)
    rows = action_rows(content, release_id)
    _table(sheet, columns, [tuple(r[c] for c in columns) for r in rows], tracker_headers(content))
    lists = book.create_sheet("Statuses")
    for number, status in enumerate(content.site.statuses, 1):
        _text(lists, number, 1, status.label)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    letter = sheet.cell(row=1, column=columns.index("Status") + 1).column_letter
    last = max(len(rows) + 1, 2)
    choice = DataValidation(
        type="list",
        formula1=f"=Statuses!$A$1:$A${len(content.site.statuses)}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Status",
        error="Choose one of the site's statuses.",
    )
    choice.add(f"{letter}2:{letter}{last}")
    sheet.add_data_validation(choice)
    on = sheet.cell(row=1, column=columns.index("As at") + 1).column_letter
    when = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="1",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="As at",
        error="Enter the date the progress was written, such as 2017-05-31.",
    )
    when.add(f"{on}2:{on}{last}")
    sheet.add_data_validation(when)
    _protect(sheet, columns, EDITABLE, last)


def _about_sheet(book: Any, content: Content, release_id: str, origin: Origin) -> None:
    """The first sheet, the one a workbook opens on: how to fill it in, then where it comes
    from (the release, and digests of the plan and progress, which ``import-tracker``
    checks)."""
    from openpyxl.styles import Alignment, Font

    release = content.require_release(release_id)
    about = book.active
    about.title = "About"
    lines = [
        ("How to fill it in", instructions(content)),
        ("Release", release.id),
        ("Title", release.title),
        ("Date", release.date.isoformat()),
        ("Site", content.site.title),
        (ABOUT_ROWS["plan"], origin.plan),
        (ABOUT_ROWS["progress"], origin.progress),
        ("Exported from", ORIGIN_NOTE.format(release=release.id)),
    ]
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, (label, value) in enumerate(lines, 1):
        _text(about, number, 1, label).font = Font(bold=True)
        _text(about, number, 2, value).alignment = wrap
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = 90
    about.protection.sheet = True


def workbook(content: Content, release_id: str) -> Any:
    from openpyxl import Workbook

    release = content.require_release(release_id)
    origin = origin_of(content, release_id)
    book = Workbook()
    _about_sheet(book, content, release_id, origin)
    _actions_sheet(book, content, release_id)
    recs = book.create_sheet("Recommendations", 2)
    rec_rows = recommendation_rows(content, release_id)
    _table(recs, RECOMMENDATION_COLUMNS, rec_rows, tracker_headers(content))
    _protect(recs, RECOMMENDATION_COLUMNS, RECOMMENDATION_EDITABLE, max(len(rec_rows) + 1, 2))
    kpis = book.create_sheet("KPIs", 3)
    columns = kpi_columns(content)
    _table(kpis, columns, [row[: len(columns)] for row in kpi_rows(content, release.date)])
    record(book, origin)
    book.active = 0
    return book


INSTRUCTIONS = (
    "On the Actions sheet, choose each {action}'s Status from the drop-down, write its "
    "Progress and the date it was written (As at, YYYY-MM-DD). Leave a row as it is if "
    "nothing changed. The other columns come from the plan and are protected: plan changes "
    "are made in plan.yaml. On the Recommendations sheet, write each {recommendation}'s "
    "Progress. On the KPIs sheet, add new values as new rows (KPI id, title, date "
    "YYYY-MM-DD, value). Then give the workbook back for 'progress-site import-tracker'."
)


def instructions(content: Content) -> str:
    """How to fill the tracker in, naming the plan's items in its own words."""
    terms = plan_terms(content.site)
    return INSTRUCTIONS.format(action=terms.action.one, recommendation=terms.recommendation.one)


ORIGIN_NOTE = (
    "This workbook holds release {release}. It can only be read back while {release} is the "
    "latest release and the plan and its progress are as they were when it was exported: "
    "the digests above record them."
)


def export_tracker(content_dir: Path, release_id: str, out: Path) -> int:
    """Write the tracker for ``release_id`` to ``out`` (whole or not at all); its row count."""
    if out.suffix.lower() != ".xlsx":
        raise ProgressSiteError(f"--out: {out}: expected a file name ending in .xlsx")
    with reading(content_dir):
        content = load_content(content_dir)
    book = workbook(content, release_id)
    rows = book["Actions"].max_row - 1
    target = out.parent if str(out.parent) else Path(".")
    if not target.is_dir():
        raise ProgressSiteError(f"--out: {target} is not a directory")
    fd, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=target)
    os.close(fd)
    failure = None
    hook = sys.unraisablehook
    # openpyxl's sheet writers, dropped mid-write (a full disk), complain on their way out
    sys.unraisablehook = lambda _: None
    try:
        try:
            book.save(temp)
            os.chmod(temp, 0o644)
            os.replace(temp, out)
        except OSError as exc:
            failure = exc.strerror or str(exc)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
        gc.collect()
    finally:
        sys.unraisablehook = hook
    if failure is not None:
        raise ProgressSiteError(f"cannot write {out}: {failure}")
    return rows
