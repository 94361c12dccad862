"""Reading an action-plan table into areas and actions, as councils' appendices lay them out.

Two passes. The first finds headings, header rows and action rows: a header row is one whose
cells name known fields (the id column's header may be blank, as it often is in a table
exported from Word), and a recommendation column's text is carried down through the rows
that leave it blank. The second pass checks ids once every row of a recommendation is known:
a whole-number id ("2", or "2.") is the id of a recommendation's only action; it is reported
as truncated only when the recommendation has several actions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.errors import Problem
from generator.workflow.import_read import read_rows
from generator.workflow.timescales import TimescaleError, parse_timescale

FIELDS = (
    "id",
    "description",
    "lead",
    "strategic_lead",
    "operational_lead",
    "resources",
    "timescale",
    "outcome",
    "progress",
    "status",
    "recommendation",
)
SYNONYMS = {
    "id": ["action", "actionno", "actionnumber", "ref", "reference", "id", "no", "number"],
    "description": [
        "description",
        "actiondescription",
        "action description",
        "task",
        "actions",
        "actiontaken",
        "completedalreadyinprogress",
    ],
    "lead": ["lead", "leadofficer", "leadofficers", "leadofficer(s)", "leadperson"],
    "strategic_lead": ["strategiclead", "accountable", "executivelead"],
    "operational_lead": ["operationallead", "responsible", "owner", "responsibleofficer"],
    "resources": ["resources", "resource", "resourcesrequired", "resourceimplications"],
    "timescale": ["timescale", "timescalebywhen", "bywhen", "deadline", "duedate", "when"],
    "outcome": ["performanceoutcome", "outcome", "performance", "successmeasure", "measure"],
    "progress": [
        "progresstodateandevidenceofimprovement",
        "progresstodate",
        "progress",
        "update",
        "commentary",
    ],
    "status": ["status", "rag", "ragrating", "ragstatus"],
    "recommendation": [
        "areaforimprovement",
        "recommendation",
        "recommendationdetail",
        "area",
        "aip",
    ],
}
GROUP_PATTERN = r"^\s*Area for Improvement\s*\((?P<id>[^)]+)\)\s*:?\s*(?P<text>.*)$"
_AREA_ID = re.compile(r"^(?=\D*\d)[A-Za-z0-9][\w./-]{0,15}$")
_WHOLE = re.compile(r"^(?P<number>\d+)\.?$")


def normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


@dataclass
class TableOptions:
    columns: dict[str, str] = field(default_factory=dict)
    """Header text -> field, from the mapping file."""
    ignore: list[str] = field(default_factory=list)
    group_pattern: str = GROUP_PATTERN
    plan_date: date | None = None


@dataclass
class Action:
    row: int
    id: str
    cells: dict[str, str]
    due: date | None


@dataclass
class Area:
    id: str
    text: str
    row: int | None = None
    actions: list[Action] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    """Every action row read under the area, good or bad."""


@dataclass
class Imported:
    areas: list[Area]
    problems: list[Problem]
    skipped: set[int]
    left_out: list[Problem] = field(default_factory=list)
    """Recommendations left without actions, each named with its row."""


def field_for(header: str, options: TableOptions) -> str | None:
    if header in options.columns:
        return options.columns[header]
    key = normalise(header)
    for name, words in SYNONYMS.items():
        if key in {normalise(w) for w in words}:
            return name
    return None


def _is_header(cells: list[str], options: TableOptions) -> bool:
    named = [c for c in cells if c and c not in options.ignore]
    known = sum(1 for c in named if field_for(c, options))
    if known >= 3:
        return True
    # Two known headers and nothing else, after a blank one: the id column lost its header.
    return known == 2 and len(named) == 2 and bool(cells) and not cells[0]


def _columns(
    number: int, cells: list[str], options: TableOptions, problems: list[Problem], file: str
) -> dict[int, str]:
    columns: dict[int, str] = {}
    blank: list[int] = []
    for index, header in enumerate(cells):
        if not header:
            blank.append(index)
            continue
        if header in options.ignore:
            continue
        name = field_for(header, options)
        if name is None:
            problems.append(
                Problem(
                    file,
                    number,
                    None,
                    f"unknown column '{header}' (column {index + 1}): name it in a mapping file "
                    f"under 'columns' (as one of {', '.join(FIELDS)}) or under 'ignore'",
                )
            )
        elif name in columns.values():
            problems.append(Problem(file, number, None, f"two columns are {name}: '{header}'"))
        else:
            columns[index] = name
    if blank and blank[0] < min(columns, default=0) and "description" not in columns.values():
        for index, name in columns.items():  # "Action" beside a blank id header: the action
            if name == "id" and normalise(cells[index]) == "action":
                columns[index] = "description"
    if "id" not in columns.values() and blank and blank[0] < min(columns, default=0):
        columns[blank[0]] = "id"  # the first column, its header left blank
    if "lead" in columns.values() and "strategic_lead" not in columns.values():
        if "operational_lead" in columns.values():  # "Lead" beside "Responsible"
            columns = {i: "strategic_lead" if n == "lead" else n for i, n in columns.items()}
    for required in ("id", "description"):
        if required not in columns.values():
            problems.append(Problem(file, number, None, f"no column for the action {required}"))
    return dict(sorted(columns.items()))


def _prefix(action_id: str) -> str:
    """The recommendation an action id names: '1.2' -> '1', '3b' -> '3', '2' -> '2'."""
    head = action_id.split(".", 1)[0]
    match = re.match(r"^(.*?\d+)[a-z]?$", head, re.IGNORECASE)
    return match[1] if match else head


def _area_for(values: dict[str, str], areas: list[Area], number: int) -> Area | None:
    """The area a row belongs to; a recommendation cell starts one, a blank cell continues."""
    cell = " ".join(values.get("recommendation", "").split())
    if not cell:
        return areas[-1] if areas else None
    if _AREA_ID.match(cell):
        area_id, text = cell.rstrip("."), cell.rstrip(".")
    else:
        area_id, text = _prefix(values.get("id", "").strip()) or str(len(areas) + 1), cell
    for area in areas:
        if area.id == area_id:
            if area.text == area.id and text != area_id:
                area.text = text
            return area
    areas.append(Area(area_id, text, number))
    return areas[-1]


def read_plan(path: Path, options: TableOptions) -> Imported:
    """Read the table into areas and actions, collecting every problem with its row."""
    file = str(path)
    problems: list[Problem] = []
    group = re.compile(options.group_pattern, re.IGNORECASE)
    columns: dict[int, str] | None = None
    areas: list[Area] = []
    skipped: set[int] = set()
    for number, cells in read_rows(path):
        filled = [c for c in cells if c]
        if not filled:
            continue
        heading = group.match(filled[0]) if len(filled) == 1 else None
        if heading:
            areas.append(Area(heading["id"].strip(), " ".join(heading["text"].split()), number))
            continue
        if _is_header(cells, options):
            if columns is None:
                columns = _columns(number, cells, options, problems, file)
            continue
        if columns is None:
            problems.append(Problem(file, number, None, "a row before the header row"))
            continue
        values = {name: cells[i] if i < len(cells) else "" for i, name in columns.items()}
        area = _area_for(values, areas, number)
        if area is None:
            action_id = values.get("id", "").strip()
            item = f"action {action_id}" if action_id else None
            message = "no area heading above this row and no area column"
            problems.append(Problem(file, number, item, message))
            skipped.add(number)
            continue
        area.rows.append((number, values))
    imported = Imported(areas, problems, skipped)
    _check_actions(imported, file, options)
    return imported


def _action_id(raw: str, area: Area) -> str | None:
    """The row's id, or None when it looks truncated: a bare number where several rows are."""
    if raw.endswith(".") or raw == area.id:
        whole = _WHOLE.match(raw)
        if whole and whole["number"] == area.id and len(area.rows) == 1:
            return whole["number"]
        return None
    return raw


def _check_actions(imported: Imported, file: str, options: TableOptions) -> None:
    seen: dict[str, int] = {}
    found: list[tuple[int, Problem]] = []

    def reject(number: int, item: str | None, message: str) -> None:
        found.append((number, Problem(file, number, item, message)))
        imported.skipped.add(number)

    for area in imported.areas:
        for number, values in area.rows:
            raw = values.get("id", "").strip()
            item = f"action {raw}" if raw else None
            if not raw:
                reject(number, None, "no action id")
                continue
            action_id = _action_id(raw, area)
            if action_id is None:
                message = f"action id '{raw}' looks truncated: expected {area.id}.<number>"
                reject(number, item, message)
                continue
            if action_id in seen:
                message = f"duplicate action id '{action_id}' (first on row {seen[action_id]})"
                reject(number, item, message)
                continue
            seen[action_id] = number
            if not values.get("description"):
                reject(number, item, "no description")
                continue
            try:
                due = parse_timescale(values.get("timescale", ""), options.plan_date).due
            except TimescaleError as exc:
                reject(number, item, f"timescale {exc}")
                continue
            area.actions.append(Action(number, action_id, values, due))
    imported.problems.extend(p for _, p in sorted(found, key=lambda f: f[0]))
    for area in imported.areas:
        if not area.actions:
            count = len(area.rows)
            rows = f"none of its {count} rows" if count > 1 else "its only row"
            why = f"{rows} could be imported" if area.rows else "it has no action rows"
            message = f"left out: {why}"
            imported.left_out.append(Problem(file, area.row, f"recommendation {area.id}", message))
