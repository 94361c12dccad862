"""Reading a filled tracker's sheets: every problem named by file, sheet, cell and value."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from generator.content.fields import parse_date
from generator.content.model import Content, Progress, Release
from generator.errors import Problem
from generator.workflow.import_read import Rows
from generator.workflow.tracker_export import ACTION_COLUMNS, EDITABLE, KPI_COLUMNS, action_rows

PLAN_COLUMNS = [c for c in ACTION_COLUMNS if c not in EDITABLE and c != "Action"]


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _key(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass
class Sheet:
    file: str
    name: str
    rows: Rows
    problems: list[Problem]
    columns: dict[str, int] = field(default_factory=dict)

    def where(self, row: int, column: str) -> str:
        cell = f"{_letter(self.columns[column])}{row}"
        return f"{self.name}!{cell}" if self.name else cell

    def add(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(self.file, None, self.where(row, column), message))

    def header(self, wanted: tuple[str, ...] | list[str], required: tuple[str, ...]) -> bool:
        if not self.rows:
            self.problems.append(Problem(self.file, None, self.name or None, "the sheet is empty"))
            return False
        number, cells = self.rows[0]
        names = {_key(c): i for i, c in enumerate(cells) if c}
        self.columns = {name: names[_key(name)] for name in wanted if _key(name) in names}
        missing = [name for name in required if name not in self.columns]
        if missing:
            where = f"{self.name}!{number}" if self.name else f"row {number}"
            self.problems.append(
                Problem(self.file, None, where, f"no column {', '.join(missing)} in the header")
            )
        return not missing

    def cell(self, cells: list[str], column: str) -> str:
        index = self.columns.get(column)
        return cells[index] if index is not None and index < len(cells) else ""


@dataclass
class Read:
    progress: dict[str, Progress]
    kpi_values: list[tuple[str, str, str]]
    warnings: list[Problem]


def _status(sheet: Sheet, number: int, text: str, content: Content) -> str | None:
    for status in content.site.statuses:
        if _key(text) in (_key(status.label), _key(status.id)):
            return status.id
    known = ", ".join(s.label for s in content.site.statuses)
    sheet.add(number, "Status", f"unknown status '{text}' (known: {known})")
    return None


def read_actions(
    sheet: Sheet, content: Content, base: Release, warnings: list[Problem]
) -> dict[str, Progress]:
    """Each action's progress from the Actions sheet; an unchanged row stays carried forward."""
    exported = {row["Action"]: row for row in action_rows(content, base.id)}
    if not sheet.header(ACTION_COLUMNS, ("Action", "Status", "Progress")):
        return {}
    progress: dict[str, Progress] = {}
    seen: dict[str, int] = {}
    for number, cells in sheet.rows[1:]:
        if not any(cells):
            continue
        action_id = sheet.cell(cells, "Action").strip()
        if action_id not in exported:
            message = f"unknown action id '{action_id}': add new actions in plan.yaml first"
            sheet.add(number, "Action", message if action_id else "no action id")
            continue
        if action_id in seen:
            message = f"action {action_id} is given twice (first on row {seen[action_id]})"
            sheet.add(number, "Action", message)
            continue
        seen[action_id] = number
        for column in PLAN_COLUMNS:
            given = sheet.cell(cells, column)
            if column in sheet.columns and _key(given) != _key(exported[action_id][column]):
                message = (
                    f"action {action_id}: {column} '{given}' differs from the plan; not applied "
                    "(plan changes are made in plan.yaml)"
                )
                warnings.append(Problem(sheet.file, None, sheet.where(number, column), message))
        text, narrative = sheet.cell(cells, "Status"), sheet.cell(cells, "Progress")
        previous = base.progress.get(action_id)
        if not text.strip():
            if narrative.strip():
                sheet.add(number, "Status", f"action {action_id}: no status")
            continue
        status = _status(sheet, number, text, content)
        if status is None:
            continue
        same = previous and previous.status == status
        if same and previous and narrative.strip() == previous.narrative.strip():
            progress[action_id] = Progress(
                status=status, narrative=previous.narrative, carried_forward=True
            )
        else:
            progress[action_id] = Progress(status=status, narrative=narrative.strip())
    for action_id, previous in base.progress.items():
        if action_id in exported and action_id not in seen:  # a row deleted: carried forward
            progress[action_id] = Progress(
                status=previous.status, narrative=previous.narrative, carried_forward=True
            )
    return progress


def read_kpis(sheet: Sheet, content: Content, until: date) -> list[tuple[str, str, str]]:
    """New KPI values (id, date, value text): a later value or a changed one is an error."""
    if not sheet.header(KPI_COLUMNS, ("KPI", "Date", "Value")):
        return []
    known = {kpi.id: {p.date: p.value for p in kpi.values} for kpi in content.kpis}
    new: list[tuple[str, str, str]] = []
    for number, cells in sheet.rows[1:]:
        kpi_id, when_text = sheet.cell(cells, "KPI").strip(), sheet.cell(cells, "Date").strip()
        value_text = sheet.cell(cells, "Value").strip()
        if not (kpi_id or when_text or value_text):
            continue
        if kpi_id not in known:
            sheet.add(number, "KPI", f"unknown KPI '{kpi_id}' (known: {', '.join(known)})")
            continue
        when, reason = parse_date(when_text)
        if when is None:
            sheet.add(number, "Date", reason or "not a date")
            continue
        try:
            value = float(value_text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            sheet.add(number, "Value", f"'{value_text}' is not a number")
            continue
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
        known[kpi_id][when] = value
        new.append((kpi_id, when.isoformat(), value_text))
    return new
