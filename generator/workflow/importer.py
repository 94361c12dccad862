"""``progress-site import``: an action-plan table (CSV or XLSX) turned into content files.

The table is read as a council's Word or Excel action plan usually is: a heading row per
area ("Area for Improvement (1): ..."), a header row (repeated under each heading, sometimes
mangled), then one row per action. Columns are matched by name, flexibly; a mapping file
covers the rest. Every problem is reported with its row number, and nothing is written
unless every row is good (or ``--skip-bad-rows`` is given).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.content.ids import release_id_problem
from generator.content.model import slugify
from generator.content.validate import load_content
from generator.errors import ContentError, Problem, ProgressSiteError
from generator.workflow.import_mapping import read_mapping  # noqa: F401 - part of the importer's API
from generator.workflow.import_read import read_rows
from generator.workflow.timescales import TimescaleError, parse_timescale

FIELDS = (
    "id",
    "description",
    "strategic_lead",
    "operational_lead",
    "timescale",
    "outcome",
    "progress",
    "status",
    "recommendation",
)
SYNONYMS = {
    "id": ["action", "actionno", "actionnumber", "ref", "reference", "id", "no", "number"],
    "description": ["description", "actiondescription", "action description", "task"],
    "strategic_lead": ["strategiclead", "accountable", "executivelead", "lead"],
    "operational_lead": ["operationallead", "responsible", "owner", "responsibleofficer"],
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
    "recommendation": ["areaforimprovement", "recommendation", "area", "aip"],
}
GROUP_PATTERN = r"^\s*Area for Improvement\s*\((?P<id>[^)]+)\)\s*:?\s*(?P<text>.*)$"
STATUS_WORDS = {
    "completed": "completed",
    "complete": "completed",
    "in place": "in-place",
    "on track": "on-track",
    "planned": "planned",
    "due": "due",
}
STATUSES = [
    {"id": "completed", "label": "Completed", "meaning": "complete"},
    {"id": "in-place", "label": "In place", "meaning": "complete"},
    {"id": "on-track", "label": "On track", "meaning": "in-progress"},
    {"id": "planned", "label": "Planned", "meaning": "not-started"},
    {"id": "due", "label": "Due", "meaning": "not-started"},
    {"id": "not-reported", "label": "Not reported", "meaning": "not-reported"},
]


def normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


@dataclass
class Options:
    title: str = "Improvement plan"
    organisation: str = ""
    plan_date: date | None = None
    release: str | None = None
    release_title: str | None = None
    infer_status: bool = False
    columns: dict[str, str] = field(default_factory=dict)
    """Header text -> field, from the mapping file."""
    ignore: list[str] = field(default_factory=list)
    group_pattern: str = GROUP_PATTERN
    status_words: dict[str, str] = field(default_factory=lambda: dict(STATUS_WORDS))
    statuses: list[dict[str, str]] = field(default_factory=lambda: list(STATUSES))
    grouping: tuple[str, str] = ("Area for improvement", "Areas for improvement")


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


@dataclass
class Imported:
    areas: list[Area]
    problems: list[Problem]
    skipped: set[int]


def _field_for(header: str, options: Options) -> str | None:
    if header in options.columns:
        return options.columns[header]
    key = normalise(header)
    for name, words in SYNONYMS.items():
        if key in {normalise(w) for w in words}:
            return name
    return None


def _is_header(cells: list[str], options: Options) -> bool:
    return sum(1 for c in cells if c and _field_for(c, options)) >= 3


def _columns(
    number: int, cells: list[str], options: Options, problems: list[Problem], file: str
) -> dict[int, str]:
    columns: dict[int, str] = {}
    for index, header in enumerate(cells):
        if not header or header in options.ignore:
            continue
        name = _field_for(header, options)
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
    for required in ("id", "description"):
        if required not in columns.values():
            problems.append(Problem(file, number, None, f"no column for the action {required}"))
    return columns


def read_plan(path: Path, options: Options) -> Imported:
    """Read the table into areas and actions, collecting every problem with its row."""
    file = str(path)
    rows = read_rows(path)
    problems: list[Problem] = []
    skipped: set[int] = set()
    group = re.compile(options.group_pattern, re.IGNORECASE)
    columns: dict[int, str] | None = None
    areas: list[Area] = []
    seen: dict[str, int] = {}

    def reject(number: int, item: str | None, message: str) -> None:
        problems.append(Problem(file, number, item, message))
        skipped.add(number)

    for number, cells in rows:
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
        action_id = values.get("id", "").strip()
        item = f"action {action_id}" if action_id else None
        area_id = values.get("recommendation") or (areas[-1].id if areas else "")
        if values.get("recommendation") and not any(a.id == area_id for a in areas):
            areas.append(Area(area_id, area_id, number))
        if not area_id:
            reject(number, item, "no area heading above this row and no area column")
            continue
        if not action_id:
            reject(number, None, "no action id")
            continue
        if action_id.endswith(".") or action_id == area_id:
            reject(
                number,
                item,
                f"action id '{action_id}' looks truncated: expected {area_id}.<number>",
            )
            continue
        if action_id in seen:
            reject(
                number, item, f"duplicate action id '{action_id}' (first on row {seen[action_id]})"
            )
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
        area = next(a for a in areas if a.id == area_id)
        area.actions.append(Action(number, action_id, values, due))
    return Imported(areas, problems, skipped)


def infer_status(text: str, words: dict[str, str]) -> str | None:
    """The status named by the leading words of a progress text ("On track. ...")."""
    lowered = text.strip().lower()
    for phrase in sorted(words, key=len, reverse=True):
        if re.match(rf"{re.escape(phrase)}\b", lowered):
            return words[phrase]
    return None


def _release_id(options: Options) -> str:
    if options.release:
        return options.release
    return f"{(options.plan_date or date.today()):%Y-%m}"


def content_files(imported: Imported, options: Options) -> dict[str, Any]:
    """The content files' data, by file name."""
    release_id = _release_id(options)
    when = options.plan_date or date.today()
    groups, recommendations, progress = [], [], {}
    for area in imported.areas:
        if not area.actions:
            continue
        group_id = f"aip-{slugify(area.id)}"
        first_sentence = re.split(r"(?<=\.)\s", area.text, maxsplit=1)[0]
        groups.append({"id": group_id, "title": first_sentence.rstrip(".") or area.id})
        actions = []
        for action in area.actions:
            cells = action.cells
            entry: dict[str, Any] = {"id": action.id, "description": cells["description"]}
            for name in ("strategic_lead", "operational_lead", "timescale"):
                if cells.get(name):
                    entry[name] = cells[name]
            if action.due:
                entry["due"] = action.due.isoformat()
            if cells.get("outcome"):
                entry["outcome"] = cells["outcome"]
            actions.append(entry)
            status = cells.get("status") and infer_status(cells["status"], options.status_words)
            if not status and options.infer_status:
                status = infer_status(cells.get("progress", ""), options.status_words)
            record: dict[str, str] = {"status": status or "not-reported"}
            if cells.get("progress"):
                record["narrative"] = cells["progress"]
            progress[action.id] = record
        recommendations.append(
            {"id": area.id, "text": area.text or area.id, "groups": [group_id], "actions": actions}
        )
    singular, plural = options.grouping
    return {
        "site.yaml": {
            "title": options.title,
            "organisation": options.organisation or options.title,
            "grouping": {"singular": singular, "plural": plural},
            "statuses": options.statuses,
        },
        "plan.yaml": {"groups": groups, "recommendations": recommendations},
        "releases.yaml": {
            "releases": [
                {
                    "id": release_id,
                    "date": when.isoformat(),
                    "title": options.release_title or f"{when:%B %Y}",
                }
            ]
        },
        f"progress/{release_id}.yaml": {"actions": progress},
    }


def _dump(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _by_row(problems: list[Problem], imported: Imported, table: Path) -> list[Problem]:
    """Problems found in the imported content, placed on the table's rows."""
    rows = {f"action {a.id}": a.row for area in imported.areas for a in area.actions}
    rows |= {f"recommendation {area.id}": area.row for area in imported.areas}
    placed = [Problem(str(table), rows.get(p.item or ""), p.item, p.message) for p in problems]
    return sorted(set(placed), key=lambda p: (p.line or 0, p.item or "", p.message))


def import_plan(
    table: Path, into: Path, options: Options, skip_bad_rows: bool = False
) -> tuple[Imported, Path]:
    """Import ``table`` into the new content directory ``into``, all or nothing."""
    release_id = _release_id(options)
    if problem := release_id_problem(release_id):
        raise ProgressSiteError(f"--release: {release_id!r} is not a release id: {problem}")
    if into.exists() and not into.is_dir():
        raise ProgressSiteError(f"{into} is not a directory: import into a new directory")
    if into.exists() and any(into.iterdir()):
        raise ProgressSiteError(f"{into} is not empty: import into a new directory")
    imported = read_plan(table, options)
    row_problems = [p for p in imported.problems if p.line in imported.skipped]
    fatal = [p for p in imported.problems if p.line not in imported.skipped]
    if fatal or (row_problems and not skip_bad_rows):
        raise ContentError(sorted(imported.problems, key=lambda p: (p.line or 0, p.message)))
    if not any(area.actions for area in imported.areas):
        raise ProgressSiteError(f"{table}: no actions found")
    files = content_files(imported, options)
    work: Path | None = None
    try:
        into.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{into.name or 'content'}.import-", dir=into.parent))
        umask = os.umask(0o022)
        os.umask(umask)
        work.chmod(0o777 & ~umask)
        for name, data in files.items():
            target = work / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_dump(data), encoding="utf-8")
        try:
            load_content(work)  # what is written must be valid content
        except ContentError as exc:
            raise ContentError(_by_row(exc.problems, imported, table)) from None
        work.rename(into)  # replaces an empty directory atomically
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ProgressSiteError(f"cannot write {into}: {reason}; nothing was written") from exc
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    return imported, into
