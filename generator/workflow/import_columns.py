"""The columns of an action-plan table: headers matched to fields by name, flexibly, or by
the mapping file; the header row found; and, for a table whose header is not recognised, one
message saying what was searched, found and expected."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel

from generator.content.model import Action
from generator.content.model.meta import imported
from generator.errors import Problem

TABLE_ONLY = {
    "progress": (
        *("Progress to date and evidence of improvement", "Progress to date", "Progress"),
        *("Update", "Commentary"),
    ),
    "status": ("Status", "RAG", "RAG rating", "RAG status"),
    "recommendation": (
        *("Area for improvement", "Recommendation", "Recommendation detail", "Area", "AIP"),
        "Focus area",
    ),
    "group": ("Group", "Pillar", "Theme", "Strategic priority", "Goal"),
    "group_title": ("Group title", "Group name", "Pillar title", "Pillar name", "Theme name"),
    "recommendation_text": (
        *("Recommendation text", "Recommendation title", "Focus area title"),
        *("Focus area name", "Focus area description"),
    ),
}
"""The columns that are not fields of an action: its progress and status, and where it sits
in the plan. The action's own fields name their headers in the model (``Meta.headers``)."""
TABLE_EXAMPLES = {
    "progress": "Progress, Update",
    "status": "Status, RAG",
    "recommendation": "Recommendation, Area, Focus area",
    "group": "Group, Pillar, Theme",
    "group_title": "Pillar name, Group title",
    "recommendation_text": "Focus area name, Recommendation text",
}


def normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def synonyms(model: type[BaseModel] = Action) -> dict[str, list[str]]:
    """Each field a table's column can fill -> its headers, normalised: the model's imported
    fields, in its order, then the columns that are not its fields."""
    headers = {d.name: d.meta.headers for d in imported(model)} | TABLE_ONLY
    return {name: list(dict.fromkeys(map(normalise, words))) for name, words in headers.items()}


def examples(model: type[BaseModel] = Action) -> dict[str, str]:
    """Headers recognised for each field, as the message for a table without a header lists
    them."""
    own = {d.name: d.meta.examples or d.meta.headers[0] for d in imported(model)}
    return own | TABLE_EXAMPLES


SYNONYMS = synonyms()
FIELDS = tuple(SYNONYMS)
EXAMPLES = examples()
GROUP_PATTERN = r"^\s*Area for Improvement\s*\((?P<id>[^)]+)\)\s*:?\s*(?P<text>.*)$"


@dataclass
class TableOptions:
    columns: dict[str, str] = field(default_factory=dict)
    """Header text -> field, from the mapping file."""
    ignore: list[str] = field(default_factory=list)
    group_pattern: str = GROUP_PATTERN
    recommendation_pattern: str | None = None
    plan_date: date | None = None


_BY_WORD = {normalise(w): name for name, words in reversed(SYNONYMS.items()) for w in words}
"""Each recognised header, normalised -> its field (the first field naming it wins)."""


def field_for(header: str, options: TableOptions) -> str | None:
    if header in options.columns:
        return options.columns[header]
    return _BY_WORD.get(normalise(header))


def is_header(cells: list[str], options: TableOptions) -> bool:
    named = [c for c in cells if c and c not in options.ignore]
    known = sum(1 for c in named if field_for(c, options))
    if known >= 3:
        return True
    # Two known headers and nothing else, after a blank one: the id column lost its header.
    return known == 2 and len(named) == 2 and bool(cells) and not cells[0]


def _index(columns: dict[int, str], name: str) -> int:
    return next(i for i, n in columns.items() if n == name)


def _action_beside_id(cells: list[str], columns: dict[int, str], index: int) -> bool:
    """Two id columns, one headed just "Action", and no description column yet."""
    headers = {normalise(cells[index]), normalise(cells[_index(columns, "id")])}
    return "description" not in columns.values() and "action" in headers and len(headers) == 2


def columns_of(
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
        elif name == "id" and "id" in columns.values() and _action_beside_id(cells, columns, index):
            # "Action" beside "Action ID": the action itself
            first = _index(columns, "id")
            action, other = (index, first) if normalise(header) == "action" else (first, index)
            columns[other], columns[action] = "id", "description"
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


def _known(cells: list[str], options: TableOptions) -> int:
    return sum(1 for c in cells if c and c not in options.ignore and field_for(c, options))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def _meaning(header: str, options: TableOptions) -> str:
    if header in options.ignore:
        return "ignored"
    return field_for(header, options) or "unknown"


def no_header(file: str, rows: list[tuple[int, list[str]]], options: TableOptions) -> str:
    """The one message for a table in which no row is a header row: the rows searched, the
    columns of the likeliest row (the first of the fullest), the columns expected, and the
    mapping file that names them."""
    fullest, cells = max(
        rows, key=lambda row: (sum(1 for c in row[1] if c), _known(row[1], options), -row[0])
    )
    named = [c for c in cells if c]
    shown = [f"'{_short(c)}' ({_meaning(c, options)})" for c in named[:20]]
    more = f" and {len(named) - 20} more" if len(named) > 20 else ""
    expected = "; ".join(f"{name} ({EXAMPLES[name]})" for name in FIELDS)
    return (
        f"{file}: no header row found in rows {rows[0][0]} to {rows[-1][0]}: a header row names "
        f"at least 3 known columns. Row {fullest} has the columns {', '.join(shown)}{more}. "
        f"The columns expected: {expected}. Name this table's columns in a mapping file, "
        "given with --mapping, under 'columns' (header: field) or 'ignore'"
    )
