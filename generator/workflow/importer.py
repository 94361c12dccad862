"""``progress-site import``: an action-plan table (CSV or XLSX) turned into content files.

The table is read as a council's Word or Excel action plan usually is: a heading row per
area ("Area for Improvement (1): ..."), a header row (repeated under each heading, sometimes
mangled), then one row per action; or as a strategic plan's table is, with a column per
level (Pillar, Focus area, Action ID). Columns are matched by name, flexibly; a mapping file
covers the rest. Every problem is reported with its row number, and nothing is written
unless every row is good (or ``--skip-bad-rows`` is given).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.content.ids import release_id_problem
from generator.content.model import Action as ActionModel
from generator.content.model import slugify
from generator.content.model.meta import imported
from generator.content.validate import load_content
from generator.errors import ContentError, Problem, ProgressSiteError
from generator.plurals import counted
from generator.workflow.import_groups import group_ids
from generator.workflow.import_mapping import read_mapping  # noqa: F401 - part of the importer's API
from generator.workflow.import_status import (  # noqa: F401 - part of the importer's API
    EXTRA_STATUSES,
    STATUS_WORDS,
    STATUSES,
    infer_status,
    status_words,
    statuses_used,
)
from generator.workflow.import_table import (  # noqa: F401 - part of the importer's API
    FIELDS,
    Action,
    Imported,
    TableOptions,
    read_plan,
)
from generator.workflow.release_ids import release_date
from generator.workflow.scratch import scratch_tree


@dataclass
class Options(TableOptions):
    title: str = "Improvement plan"
    organisation: str = ""
    release: str | None = None
    release_date: date | None = None
    """The release's date (by default today); the plan's date only reads timescales."""
    release_title: str | None = None
    infer_status: bool = False
    status_words: dict[str, str] = field(default_factory=lambda: dict(STATUS_WORDS))
    statuses: list[dict[str, str]] = field(default_factory=lambda: list(STATUSES))
    grouping: tuple[str, str] | None = None
    """The groups' name (by default, the group column's header, or Area for improvement)."""


class RowsRefused(ContentError):
    """Bad rows, and nothing else, refused the import: the good ones can be imported alone."""

    def __init__(self, problems: list[Problem], good: int) -> None:
        super().__init__(problems)
        self.good = good

    def report(self) -> str:
        actions = counted(self.good, "action")
        return (
            f"{super().report()}\nNothing was written; --skip-bad-rows imports the rest "
            f"({actions}) and lists each row it skips."
        )


def _release(options: Options) -> tuple[str, date]:
    """The release's id and date: as given, or each from the other; never today's. The plan's
    date dates only the plan (its timescales such as '3 months')."""
    if options.release:
        when = release_date(options.release, options.release_date, "--release-date")
        return options.release, when
    if options.release_date is None:
        raise ProgressSiteError(
            "give the release with --release YYYY-MM (dated the last day of that month), or "
            "its date with --release-date YYYY-MM-DD; --plan-date dates only the plan"
        )
    return f"{options.release_date:%Y-%m}", options.release_date


def _action_entry(action: Action) -> dict[str, Any]:
    """An action's entry in plan.yaml: its id, then each field the model imports that the
    table gives, in the model's order (dates as read, the title on one line)."""
    cells = action.cells
    entry: dict[str, Any] = {"id": action.id}
    for name in (d.name for d in imported(ActionModel) if d.name != "id"):
        if name in ("start", "due"):
            when = getattr(action, name)
            if when:
                entry[name] = when.isoformat()
        elif name == "title":
            if title := " ".join(cells.get("title", "").split()):
                entry["title"] = title  # plain text on one line
        elif name == "description":
            entry["description"] = cells["description"]
        elif cells.get(name):
            entry[name] = cells[name]
    return entry


def _grouping(header: str) -> tuple[str, str]:
    """The groups' name from their column's header: Pillar, Pillars."""
    return _words(header) or ("Area for improvement", "Areas for improvement")


def _recommendation_terms(headers: dict[str, str]) -> dict[str, Any]:
    """``terms:`` naming the recommendations by their column's header (Focus area, Focus
    areas) in a table whose groups have a column too; none where the header is the default
    word or the table has two levels, whose recommendations keep their usual name."""
    words = _words(headers.get("recommendation", "")) if headers.get("group") else None
    if words is None or words[0] == "Recommendation":
        return {}
    return {"terms": {"recommendation": {"singular": words[0], "plural": words[1]}}}


def _words(header: str) -> tuple[str, str] | None:
    """A header as a singular and a plural word: Pillar, Pillars."""
    name = " ".join(header.split())
    if not name or len(name) > 40:
        return None
    name = name[0].upper() + name[1:].lower()
    if re.search(r"[^aeiou]y$", name):
        return name, name[:-1] + "ies"
    return name, name + ("es" if re.search(r"(s|x|ch|sh)$", name) else "s")


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=\.)\s", text, maxsplit=1)[0].rstrip(".")


def _progress_record(cells: dict[str, str], words: dict[str, str], infer: bool) -> dict[str, str]:
    status = cells.get("status") and infer_status(cells["status"], words)
    if not status and infer:
        # The progress text's leading words; a table with no progress column states its
        # progress in the action's own text ("Completed - ...").
        text = cells["progress"] if "progress" in cells else cells.get("description", "")
        status = infer_status(text, words)
    record: dict[str, str] = {"status": status or "not-reported"}
    if cells.get("progress"):
        record["narrative"] = cells["progress"]
    return record


def content_files(imported: Imported, options: Options) -> dict[str, Any]:
    """The content files' data, by file name."""
    release_id, when = _release(options)
    words = status_words(options.statuses, options.status_words)
    recommendations, progress = [], {}
    groups: dict[int, dict[str, str]] = {}
    kept = [area for area in imported.areas if area.actions]
    alone = {
        id(area.group)
        for area in kept
        if area.heading and sum(1 for a in kept if a.group is area.group) == 1
    }
    ids = group_ids(imported.groups, alone)
    for area in kept:
        group = area.group
        if group is None:
            key, group_id, title = id(area), f"aip-{slugify(area.id)}", _first_sentence(area.text)
        else:
            key, group_id = id(group), ids[id(group)]
            title = _first_sentence(group.title) if group.heading else group.title
        groups.setdefault(key, {"id": group_id, "title": title or area.id})
        actions = [_action_entry(action) for action in area.actions]
        for action in area.actions:
            progress[action.id] = _progress_record(action.cells, words, options.infer_status)
        recommendations.append(
            {"id": area.id, "text": area.text or area.id, "groups": [group_id], "actions": actions}
        )
    singular, plural = options.grouping or _grouping(imported.headers.get("group", ""))
    # the statuses the plan uses, and those the mapping's status_words name
    used = {record["status"] for record in progress.values()} | set(options.status_words.values())
    return {
        "site.yaml": {
            "title": options.title,
            "organisation": options.organisation or options.title,
            "grouping": {"singular": singular, "plural": plural},
            **_recommendation_terms(imported.headers),
            "statuses": statuses_used(options.statuses, used),
        },
        "plan.yaml": {"groups": list(groups.values()), "recommendations": recommendations},
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
    release_id = options.release or ""
    if options.release and (problem := release_id_problem(release_id)):
        raise ProgressSiteError(f"--release: {release_id!r} is not a release id: {problem}")
    if into.exists() and not into.is_dir():
        raise ProgressSiteError(f"{into} is not a directory: import into a new directory")
    if into.exists() and any(into.iterdir()):
        raise ProgressSiteError(f"{into} is not empty: import into a new directory")
    imported = read_plan(table, options)
    row_problems = [p for p in imported.problems if p.line in imported.skipped]
    fatal = [p for p in imported.problems if p.line not in imported.skipped]
    problems = sorted(imported.problems, key=lambda p: (p.line or 0, p.message))
    if fatal:
        raise ContentError(problems)
    good = sum(len(area.actions) for area in imported.areas)
    if row_problems and not skip_bad_rows:
        raise RowsRefused(problems, good) if good else ContentError(problems)
    if not any(area.actions for area in imported.areas):
        raise ProgressSiteError(f"{table}: no actions found")
    files = content_files(imported, options)
    work: Path | None = None
    try:
        work = scratch_tree(into, "import", {name: _dump(data) for name, data in files.items()})
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
