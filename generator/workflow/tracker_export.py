"""``export-tracker``: the workbook an improvement team sends round to action owners.

Sheets: Actions (one row per active action; owners edit Status and Progress, the other
columns are protected), Recommendations, KPIs (one row per value; new values are added as
rows) and About. Every text is written as text, never as a formula.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from generator.content.model import Content
from generator.content.transaction import reading
from generator.content.validate import load_content
from generator.errors import ProgressSiteError
from generator.facts.derive import State, release_view

ACTION_COLUMNS = (
    "Recommendation",
    "Action",
    "Description",
    "Strategic lead",
    "Operational lead",
    "Timescale",
    "Due",
    "Status",
    "Progress",
)
EDITABLE = ("Status", "Progress")
RECOMMENDATION_COLUMNS = ("Recommendation", "Text")
KPI_COLUMNS = ("KPI", "Title", "Date", "Value")
WIDTHS = {"Description": 50, "Progress": 60, "Text": 70, "Title": 40, "Status": 22}


def action_rows(content: Content, release_id: str) -> list[dict[str, str]]:
    """The Actions sheet's rows, by column: what the release shows for each active action."""
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
            rows.append(
                {
                    "Recommendation": rec.recommendation.id,
                    "Action": action.id,
                    "Description": action.description,
                    "Strategic lead": action.strategic_lead,
                    "Operational lead": action.operational_lead,
                    "Timescale": action.timescale,
                    "Due": action.due.isoformat() if action.due else "",
                    "Status": status.label if status else "",
                    "Progress": progress.narrative if progress else "",
                }
            )
    return rows


def kpi_rows(content: Content, until: date) -> list[tuple[str, str, str, float]]:
    return [
        (kpi.id, kpi.title, point.date.isoformat(), point.value)
        for kpi in content.kpis
        for point in kpi.values
        if point.date <= until
    ]


def _text(sheet: Any, row: int, column: int, value: object) -> Any:
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # "=HYPERLINK(...)" in a narrative stays text
    return cell


def _table(sheet: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wrap = Alignment(wrap_text=True, vertical="top")
    for index, name in enumerate(columns, 1):
        _text(sheet, 1, index, name).font = Font(bold=True)
        width = WIDTHS.get(name, 16)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, values in enumerate(rows, 2):
        for index, value in enumerate(values, 1):
            _text(sheet, number, index, value).alignment = wrap
    sheet.freeze_panes = "A2"


def _actions_sheet(book: Any, content: Content, release_id: str) -> None:
    from openpyxl.styles import Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book.active
    sheet.title = "Actions"
    rows = action_rows(content, release_id)
    _table(sheet, ACTION_COLUMNS, [tuple(r[c] for c in ACTION_COLUMNS) for r in rows])
    lists = book.create_sheet("Statuses")
    for number, status in enumerate(content.site.statuses, 1):
        _text(lists, number, 1, status.label)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    status_column = ACTION_COLUMNS.index("Status") + 1
    letter = sheet.cell(row=1, column=status_column).column_letter
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
    for name in EDITABLE:
        column = ACTION_COLUMNS.index(name) + 1
        for number in range(2, last + 1):
            sheet.cell(row=number, column=column).protection = Protection(locked=False)
    sheet.protection.sheet = True  # no password: it guards against slips, not people
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False


def workbook(content: Content, release_id: str) -> Any:
    from openpyxl import Workbook

    release = content.require_release(release_id)
    book = Workbook()
    _actions_sheet(book, content, release_id)
    recs = book.create_sheet("Recommendations", 1)
    view = release_view(content, release_id)
    _table(
        recs,
        RECOMMENDATION_COLUMNS,
        [(r.recommendation.id, r.recommendation.text) for r in view.recommendations],
    )
    kpis = book.create_sheet("KPIs", 2)
    _table(kpis, KPI_COLUMNS, kpi_rows(content, release.date))
    about = book.create_sheet("About", 3)
    lines = [
        ("Release", release.id),
        ("Title", release.title),
        ("Date", release.date.isoformat()),
        ("Site", content.site.title),
        ("How to fill it in", INSTRUCTIONS),
    ]
    _table(about, ("", ""), lines)
    about.column_dimensions["B"].width = 90
    return book


INSTRUCTIONS = (
    "On the Actions sheet, choose each action's Status from the drop-down and write its "
    "Progress. Leave a row as it is if nothing changed. The other columns come from the plan "
    "and are protected: plan changes are made in plan.yaml. On the KPIs sheet, add new "
    "values as new rows (KPI id, title, date YYYY-MM-DD, value). Then give the workbook back "
    "for 'progress-site import-tracker'."
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
    try:
        book.save(temp)
        os.chmod(temp, 0o644)
        os.replace(temp, out)
    except OSError as exc:
        raise ProgressSiteError(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return rows
