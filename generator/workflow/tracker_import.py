"""``import-tracker``: a filled tracker read back as a draft release, all or nothing.

The draft is created as ``new-release`` creates it, or its progress replaced if the draft
already exists (``--date`` and ``--title`` then change its entry in releases.yaml, in place);
a published release is refused. Statuses, narratives, As at dates, recommendation progress
and new KPI values are read; a row left as exported stays carried forward. With
``--add-new``, actions the plan does not have are added to plan.yaml, in place. Every
problem is named by file, sheet and cell, and nothing is written if there is one. The
result is validated in a copy before it is committed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.content.ids import release_id_problem
from generator.content.model import Content, Progress, RecommendationProgress, Release
from generator.content.transaction import commit, writing
from generator.content.validate import load_content
from generator.errors import ContentError, Problem, ProgressSiteError
from generator.facts.derive import State, release_view
from generator.workflow.drafts import (
    _check_title,
    _narrative,
    _one_line,
    evidence_lines,
    recommendation_lines,
)
from generator.workflow.import_read import Rows, read_sheets
from generator.workflow.plan_file import add_actions, yaml_json
from generator.workflow.release_ids import check_new_id, default_title, release_date
from generator.workflow.releases_file import append_release, update_release
from generator.workflow.tracker_check import Places, check_whole
from generator.workflow.tracker_export import tracker_headers
from generator.workflow.tracker_formats import percent_cells
from generator.workflow.tracker_kpis import read_kpis
from generator.workflow.tracker_origin import check_origin, read_origin
from generator.workflow.tracker_read import (
    Actions,
    Earlier,
    Target,
    read_actions,
    read_recommendations,
)
from generator.workflow.tracker_rollback import History
from generator.workflow.tracker_sheet import Sheet
from generator.workflow.tracker_since import older_as_at, still_active


@dataclass
class Imported:
    release: str
    path: Path
    created: bool
    changed: int
    kpi_values: int
    warnings: list[Problem]
    added: list[str] = field(default_factory=list)
    """The ids of the actions added to plan.yaml."""
    updated: dict[str, str] = field(default_factory=dict)
    """The draft's fields changed in releases.yaml (date, title) and their new values."""


@dataclass
class Read:
    """What the tracker gives, before anything is written."""

    release: str
    actions: Actions
    recommendations: dict[str, RecommendationProgress]
    kpi_values: list[tuple[str, str, str, str, str]]


def _entry(record: Progress) -> list[str]:
    lines = [f"    status: {record.status}"]
    if record.carried_forward:
        lines.append("    carried_forward: true")
    if record.as_at:
        lines.append(f"    as_at: {record.as_at.isoformat()}")
    if record.narrative:
        lines.append("    narrative: " + _narrative(record.narrative))
    return lines


def _kept(existing: Release | None) -> list[str]:
    """What a tracker does not hold, kept from the draft's own progress file: the report's
    as_at and its independent assessments."""
    if existing is None:
        return []
    lines = [f"as_at: {existing.as_at.isoformat()}"] if existing.as_at else []
    if existing.assessments:
        lines.append("assessments:")
    for assessment in existing.assessments:
        fields = {
            name: value.isoformat() if isinstance(value, date) else str(value)
            for name in ("recommendation", "body", "date", "verdict", "text", "url")
            if (value := getattr(assessment, name))
        }
        lines.append("  - " + yaml_json(fields))
    return lines


def progress_text(
    content: Content, base: Release, read: Read, title: str, existing: Release | None
) -> str:
    new_id = existing.id if existing else read.release
    view = release_view(content, base.id)
    progress = read.actions.progress
    lines = [
        f"# Draft progress for {_one_line(title)} ({new_id}), read from a tracker.",
        f"# Actions left as they were are carried forward from {_one_line(base.title)}.",
        *_kept(existing),
        *recommendation_lines(
            content,
            base,
            read.recommendations,
            {k: p.evidence for k, p in existing.recommendations.items()} if existing else {},
        ),
        "actions:",
    ]
    for rec in view.recommendations:
        ids = [a.action.id for a in rec.actions if a.state is State.ACTIVE]
        ids += [a.id for a in read.actions.new if a.recommendation == rec.recommendation.id]
        for action_id in ids:
            record = progress.get(action_id)
            if record is not None:
                lines.append(f"  {action_id}:")
                lines += _entry(record)
                kept = existing.progress.get(action_id) if existing else None
                lines += evidence_lines(kept.evidence) if kept else []  # the draft's own
    return "\n".join(lines) + "\n"


def _kpi_csv(content_dir: Path, values: list[tuple[str, str, str, str, str]]) -> str:
    """``kpi-values.csv`` with ``values`` appended as rows; its header, rows and optional
    columns (``note``, ``break``) are kept as they are. A value's publication date is written
    only where it has one, which only a file with a ``published`` column gives; its period
    where the file has a ``period`` column."""
    path = content_dir / "kpi-values.csv"
    text = path.read_bytes().decode("utf-8-sig") if path.exists() else ""
    if not text.strip():
        text = "kpi,date,value\n"
    header = [h.strip() for h in next(csv.reader(io.StringIO(text)))]
    missing = [h for h in ("kpi", "date", "value") if h not in header]
    if missing:
        raise ProgressSiteError(
            f"{path}: the header has no column {', '.join(missing)}; new KPI values cannot be "
            "added to it"
        )
    newline = "\r\n" if "\r\n" in text else "\n"
    if not text.endswith(("\n", "\r")):
        text += newline
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator=newline)
    for kpi_id, when, value, period, published in values:
        fields = {"kpi": kpi_id, "date": when, "value": value, "period": period}
        fields["published"] = published
        writer.writerow([fields.get(h, "") for h in header])
    return text + rows.getvalue()


def _target(content: Content, release_id: str) -> tuple[Release | None, Release]:
    """The existing draft (or None) and the release its progress is carried from."""
    ids = [r.id for r in content.releases]
    if release_id in ids:
        index = ids.index(release_id)
        existing = content.releases[index]
        if not existing.draft:
            raise ProgressSiteError(
                f"release {release_id} is published; import the tracker as a new draft release"
            )
        if index == 0:
            raise ProgressSiteError(
                f"release {release_id} has no release before it to compare with"
            )
        return existing, content.releases[index - 1]
    if not content.releases:
        raise ProgressSiteError("releases.yaml has no release to carry forward from")
    return None, content.releases[-1]


def _dated(base: Release, when: date) -> None:
    if when <= base.date:
        raise ProgressSiteError(
            f"the new release must be dated after the latest one ({base.id}, "
            f"{base.date.isoformat()}); got {when.isoformat()}"
        )


def _releases_file(
    content_dir: Path, existing: Release | None, target: Target, title: str
) -> tuple[str | None, dict[str, str]]:
    """releases.yaml as the import leaves it (None if unchanged) and what changed in it."""
    path = content_dir / "releases.yaml"
    text = path.read_bytes().decode("utf-8")
    if existing is None:
        return append_release(text, target.id, target.date, title, str(path)), {}
    updated = {}
    if target.date != existing.date:
        updated["date"] = target.date.isoformat()
    if title != existing.title:
        updated["title"] = title
    if not updated:
        return None, {}
    when = target.date if "date" in updated else None
    new = update_release(text, target.id, when, updated.get("title"), str(path))
    return new, updated


def _read(
    table: Path,
    sheets: dict[str, Rows],
    content: Content,
    base: Release,
    target: Target,
    add_new: bool,
    earlier: Earlier,
    places: Places,
) -> tuple[Read, list[Problem]]:
    """Every sheet read, all problems collected; raises ContentError if there is one.
    ``places`` is told the cell each item is read from."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    names = list(sheets)
    others = [n for n in names if n not in ("About", "Recommendations", "KPIs")]
    actions_name = "Actions" if "Actions" in sheets else (others or names)[0]
    shown = tracker_headers(content)
    sheet = Sheet(str(table), actions_name, sheets[actions_name], problems, shown=shown)
    actions = read_actions(sheet, content, base, target, warnings, add_new, earlier)
    for action_id, number in actions.rows.items():
        places.items[f"action {action_id}"] = sheet.where(number, "Action")
    recs = {}
    if "Recommendations" in sheets:
        rec_rows = sheets["Recommendations"]
        rec_sheet = Sheet(str(table), "Recommendations", rec_rows, problems, shown=shown)
        rows: dict[str, int] = {}
        recs = read_recommendations(rec_sheet, content, base, warnings, earlier.history, rows)
        for rec_id, number in rows.items():
            places.items[f"recommendation {rec_id}"] = rec_sheet.where(number, "Recommendation")
    else:  # a tracker without the sheet (the Actions sheet as CSV): carried forward
        recs = {
            k: v.model_copy(update={"carried_forward": True})
            for k, v in base.recommendations.items()
        }
    values = []
    if "KPIs" in sheets:
        kpi_sheet = Sheet(str(table), "KPIs", sheets["KPIs"], problems)
        percent = percent_cells(table, "KPIs")
        values = read_kpis(kpi_sheet, content, target.date, places.kpi_cells, percent)
    if problems:
        raise ContentError(problems)
    return Read(target.id, actions, recs, values), warnings


def import_tracker(
    table: Path,
    content_dir: Path,
    release_id: str,
    when: date | None,
    title: str | None,
    add_new: bool = False,
    allow_older: bool = False,
    any_id: bool = False,
) -> Imported:
    if problem := release_id_problem(release_id):
        raise ProgressSiteError(f"--release: {problem}")
    if title is not None:
        _check_title(title)
    sheets = read_sheets(table, exact_dates=True)
    with writing(content_dir):
        content = load_content(content_dir)
        existing, base = _target(content, release_id)
        if existing is None:
            check_new_id(release_id, [r.id for r in content.releases], any_id)
            when = release_date(release_id, when)
            title = default_title(when) if title is None else title
        else:
            when, title = when or existing.date, existing.title if title is None else title
        _dated(base, when)
        origin = read_origin(table)
        first = check_origin(str(table), origin, content, base, allow_older)
        target = Target(release_id, when, (base.id, base.date))
        history = History(content, base, existing)
        earlier = Earlier(history, older_as_at(content, origin, base))
        places = Places(str(table))
        read, warnings = _read(table, sheets, content, base, target, add_new, earlier, places)
        warnings = first + warnings
        if existing is not None:
            still_active(content, existing, read.actions.progress, read.recommendations)
        name = f"progress/{release_id}.yaml"
        files = {name: progress_text(content, base, read, title, existing)}
        releases, updated = _releases_file(content_dir, existing, target, title)
        if releases is not None:
            files["releases.yaml"] = releases
        if read.kpi_values:
            files["kpi-values.csv"] = _kpi_csv(content_dir, read.kpi_values)
        if read.actions.new:
            path = content_dir / "plan.yaml"
            plan = path.read_bytes().decode("utf-8")
            files["plan.yaml"] = add_actions(plan, read.actions.new, release_id, str(path))
        check_whole(content_dir, files, places)
        commit(content_dir, files)
    progress = read.actions.progress
    return Imported(
        release=release_id,
        path=content_dir / name,
        created=existing is None,
        changed=sum(1 for p in progress.values() if not p.carried_forward),
        kpi_values=len(read.kpi_values),
        warnings=warnings,
        added=[a.id for a in read.actions.new],
        updated=updated,
    )
