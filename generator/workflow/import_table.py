"""Reading an action-plan table into areas and actions, as councils' appendices lay them out.

Two passes. The first finds headings, header rows and action rows: a header row is one whose
cells name known fields (the id column's header may be blank, as it often is in a table
exported from Word), and a group or recommendation column's text is carried down through the
rows that leave it blank; a heading row, or a group column, starts a group (see
``import_groups``). The second pass checks ids once every row of a recommendation is known:
a whole-number id ("2", or "2.") is the id of a recommendation's only action; it is reported
as truncated only when the recommendation has several actions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.errors import Problem, ProgressSiteError
from generator.workflow.import_columns import (  # noqa: F401 - part of the importer's API
    FIELDS,
    TableOptions,
    columns_of,
    is_header,
    no_header,
)
from generator.workflow.import_groups import (
    ID_ONLY,
    Group,
    group_from,
    prefix,
    slug_id,
    split_label,
)
from generator.workflow.import_read import read_rows
from generator.workflow.timescales import (
    TimescaleError,
    month_first,
    parse_start,
    parse_timescale,
)

_WHOLE = re.compile(r"^(?P<number>\d+)\.?$")


@dataclass
class Action:
    row: int
    id: str
    cells: dict[str, str]
    due: date | None
    start: date | None = None


@dataclass(eq=False)
class Area:
    id: str
    text: str
    row: int | None = None
    actions: list[Action] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    """Every action row read under the area, good or bad."""
    group: Group | None = None
    heading: bool = False
    """Made by a heading row or a group cell: the group's recommendation where the table names
    none of its own under it."""


@dataclass
class Imported:
    areas: list[Area]
    problems: list[Problem]
    skipped: set[int]
    left_out: list[Problem] = field(default_factory=list)
    """Recommendations left without actions, each named with its row."""
    groups: list[Group] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    """The header of each field's column, as the table words it."""


def _area_for(
    values: dict[str, str], areas: list[Area], number: int, group: Group | None
) -> Area | None:
    """The area a row belongs to; a recommendation cell starts one, a blank cell continues
    (where the table has no recommendation column, the group's own)."""
    cell = " ".join(values.get("recommendation", "").split())
    action_prefix = prefix(values.get("id", "").strip())
    if not cell:
        if areas and areas[-1].group is group:
            return areas[-1]
        own = [a for a in areas if a.group is group and a.heading]
        if "recommendation" not in values and group and own:
            return own[0]
        if not areas or not action_prefix:
            return areas[-1] if areas else None
        cell = action_prefix  # a new group's first row, its recommendation left blank
    label_id, text = split_label(cell) if group else (None, cell)
    if ID_ONLY.match(cell):
        label_id, text = cell.rstrip("."), cell.rstrip(".")
    if label_id and action_prefix.endswith(label_id) and action_prefix != label_id:
        label_id = action_prefix  # 'F4' of action P1.F4.A2 is focus area P1.F4
    area_id = label_id or action_prefix or str(len(areas) + 1)
    text = " ".join(values.get("recommendation_text", "").split()) or text or cell
    found = [a for a in areas if a.id == area_id and not a.heading]
    if found and group and label_id and all(a.group is not group for a in found):
        area_id = f"{group.id}.{area_id}"  # the same label in another group
        found = [a for a in areas if a.id == area_id and not a.heading]
    if found:
        area = next((a for a in found if a.group is group), found[0])
        if area.text == area.id and text != area_id:
            area.text = text
        return area
    areas.append(Area(area_id, text, number, group=group))
    return areas[-1]


def read_plan(path: Path, options: TableOptions) -> Imported:
    """Read the table into groups, areas and actions, collecting every problem with its row."""
    file = str(path)
    problems: list[Problem] = []
    pattern = re.compile(options.group_pattern, re.IGNORECASE)
    recommendation = options.recommendation_pattern and re.compile(
        options.recommendation_pattern, re.IGNORECASE
    )
    columns: dict[int, str] | None = None
    areas: list[Area] = []
    groups: list[Group] = []
    group: Group | None = None
    skipped: set[int] = set()
    above: list[int] = []
    headers: dict[str, str] = {}
    rows = [(number, cells) for number, cells in read_rows(path) if any(cells)]
    for number, cells in rows:
        filled = [c for c in cells if c]
        heading = pattern.match(filled[0]) if len(filled) == 1 else None
        if heading:
            group = _heading_group(heading, number, groups, areas)
            continue
        named = recommendation.match(filled[0]) if recommendation and len(filled) == 1 else None
        if named:
            text = " ".join(named["text"].split())
            areas.append(Area(named["id"].strip() or slug_id(text), text, number, group=group))
            continue
        if is_header(cells, options):
            if columns is None:
                columns = columns_of(number, cells, options, problems, file)
                headers = {name: cells[i] for i, name in columns.items()}
            continue
        if columns is None:
            above.append(number)
            continue
        values = {name: cells[i] if i < len(cells) else "" for i, name in columns.items()}
        if values.get("group", "").strip():
            group = _new_group(values, groups, areas, number)
        area = _area_for(values, areas, number, group)
        if area is None:
            action_id = values.get("id", "").strip()
            item = f"action {action_id}" if action_id else None
            message = "no area heading above this row and no area column"
            problems.append(Problem(file, number, item, message))
            skipped.add(number)
            continue
        area.rows.append((number, values))
    if columns is None and rows:
        raise ProgressSiteError(no_header(file, rows, options))
    areas = [a for a in areas if a.rows or not a.heading or _alone(a, areas)]
    imported = Imported(areas, problems, skipped, groups=groups, headers=headers)
    if above:
        rows_above = f"row {above[0]}" if len(above) == 1 else f"rows {above[0]} to {above[-1]}"
        message = f"left out: {rows_above}, above the header row"
        imported.left_out.append(Problem(file, above[0], None, message))
    _check_actions(imported, file, options)
    return imported


def _heading_group(
    heading: re.Match[str], number: int, groups: list[Group], areas: list[Area]
) -> Group:
    """The group a heading row starts: a heading repeated (as on each page of an export)
    continues its group; one whose pattern gives no id is named by its text."""
    text = " ".join(heading["text"].split())
    group_id = heading["id"].strip() or slug_id(text)
    for group in groups:
        if group.heading and group.id == group_id:
            return group
    groups.append(Group(group_id, text, number, heading=True))
    areas.append(Area(group_id, text, number, group=groups[-1], heading=True))
    return groups[-1]


def _new_group(
    values: dict[str, str], groups: list[Group], areas: list[Area], number: int
) -> Group:
    """The group a group cell names; where the table has no recommendation column, the group
    is its own recommendation, as a heading row is."""
    group = group_from(values["group"], number, groups, values.get("group_title", ""))
    if "recommendation" not in values and not any(a.group is group for a in areas):
        areas.append(Area(group.id, group.title, number, group=group, heading=True))
    return group


def _alone(area: Area, areas: list[Area]) -> bool:
    """A heading with no rows is left out where its group has recommendations of its own."""
    return not any(other.group is area.group and not other.heading for other in areas)


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

    dated = ("timescale", "start", "due")
    us = month_first([v.get(n, "") for a in imported.areas for _, v in a.rows for n in dated])
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
                due = parse_timescale(values.get("timescale", ""), options.plan_date, us).due
            except TimescaleError as exc:
                reject(number, item, f"timescale {exc}")
                continue
            try:
                start = parse_start(values.get("start", ""), us)
            except TimescaleError as exc:
                reject(number, item, f"start {exc}")
                continue
            try:  # a due column wins over the timescale's due date
                due = parse_timescale(values.get("due", ""), options.plan_date, us).due or due
            except TimescaleError as exc:
                reject(number, item, f"due {exc}")
                continue
            area.actions.append(Action(number, action_id, values, due, start))
    imported.problems.extend(p for _, p in sorted(found, key=lambda f: f[0]))
    for area in imported.areas:
        if not area.actions:
            count = len(area.rows)
            rows = f"none of its {count} rows" if count > 1 else "its only row"
            why = f"{rows} could be imported" if area.rows else "it has no action rows"
            message = f"left out: {why}"
            imported.left_out.append(Problem(file, area.row, f"recommendation {area.id}", message))
