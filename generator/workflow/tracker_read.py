"""Reading a filled tracker's sheets: every problem named by file, sheet, cell and value."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.content.as_at import as_at_problem, earlier_problem
from generator.content.model import Content, Progress, RecommendationProgress, Release
from generator.errors import Problem
from generator.workflow.tracker_export import (
    EDITABLE,
    LEAD_FIELDS,
    RECOMMENDATION_COLUMNS,
    action_columns,
    action_rows,
    cell_text,
    recommendation_rows,
)
from generator.workflow.tracker_new import new_action
from generator.workflow.tracker_rollback import History
from generator.workflow.tracker_sheet import Row, Sheet, _key, read_day

_NOT_IN_PLAN = (
    "is not in the plan at release {} (withdrawn, merged or not yet added); delete its row"
)


@dataclass(frozen=True)
class Target:
    """The release the tracker is read into."""

    id: str
    date: date
    previous: tuple[str, date] | None = None
    """The release it is carried forward from, id and date: new progress is written after it."""


def _status(row: Row, text: str, content: Content) -> str | None:
    for status in content.site.statuses:
        if _key(text) in (_key(status.label), _key(status.id)):
            return status.id
    known = ", ".join(s.label for s in content.site.statuses)
    row.add("Status", f"unknown status '{text}' (known: {known})")
    return None


def _as_at(
    row: Row, action_id: str, exported: tuple[str, ...], target: Target
) -> tuple[date | None, bool]:
    """The row's As at where it was changed from the exported one (else None), and whether
    it can be taken. ``exported`` is what the workbook was exported with: the As at of the
    release the draft is carried forward from, and of an older one the workbook came from."""
    if row.get("As at").strip() in exported:
        return None, True
    when, ok = read_day(row, "As at", f"action {action_id}: As at")
    problem = as_at_problem(when, target.id, target.date) or earlier_problem(
        when, target.id, target.previous
    )
    if problem:
        row.add("As at", f"action {action_id}: as at {problem}")
    return when, ok and not problem


def _progress(
    row: Row,
    content: Content,
    action_id: str,
    previous: Progress | None,
    exported: tuple[str, ...],
    target: Target,
) -> Progress | None:
    """The row's progress; an unchanged row is carried forward."""
    text, narrative = row.get("Status"), row.get("Progress")
    as_at, ok = _as_at(row, action_id, exported, target)
    if not text.strip():
        if narrative.strip() or as_at:
            row.add("Status", f"action {action_id}: no status")
        return None
    status = _status(row, text, content)
    linked = row.linked("Progress", f"action {action_id}")
    if status is None or not ok or not linked:
        return None
    same = previous is not None and previous.status == status and as_at is None
    if same and previous and narrative.strip() == previous.narrative.strip():
        return Progress(status=status, narrative=previous.narrative, carried_forward=True)
    return Progress(status=status, narrative=narrative.strip(), as_at=as_at)


def _plan_edits(row: Row, exported: dict[str, object], warnings: list[Problem]) -> None:
    """Warn of each plan column edited in the row: plan changes are made in plan.yaml."""
    for column in exported:
        if column in EDITABLE or column == "Action" or column not in row.sheet.columns:
            continue
        given, plan = row.get(column), cell_text(exported[column])
        if _key(given) != _key(plan):
            message = (
                f"action {exported['Action']}: {column} '{given}' differs from the plan; not "
                "applied (plan changes are made in plan.yaml)"
            )
            row.sheet.warn(warnings, row.number, column, message)


@dataclass
class Actions:
    """What the Actions sheet gives: each action's progress and the actions to add."""

    progress: dict[str, Progress] = field(default_factory=dict)
    new: list = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    """The row of each action read."""


@dataclass(frozen=True)
class Earlier:
    """What the import compares rows with beyond the release it carries forward from."""

    history: History
    as_at: dict[str, str] = field(default_factory=dict)
    """Each action's As at as an older release the workbook was exported from gave it."""


def _unknown(row: Row, action_id: str, add_new: bool) -> bool:
    """Whether an action id not in the release may be taken as a new action."""
    if not action_id:
        row.add("Action", "no action id")
    elif not add_new:
        row.add(
            "Action",
            f"unknown action id '{action_id}': add new actions in plan.yaml first, or import "
            "with --add-new",
        )
    return bool(action_id) and add_new


def read_actions(
    sheet: Sheet,
    content: Content,
    base: Release,
    target: Target,
    warnings: list[Problem],
    add_new: bool = False,
    earlier: Earlier | None = None,
) -> Actions:
    """Each action's progress from the Actions sheet, and with ``add_new`` the actions it
    adds to the plan; an unchanged row stays carried forward."""
    exported = {row["Action"]: row for row in action_rows(content, base.id)}
    wanted = (*action_columns(content), *LEAD_FIELDS)
    found = Actions()
    if not sheet.header(wanted, ("Action", "Status", "Progress")):
        return found
    planned = {a.id for r in content.recommendations for a in r.actions}
    seen: dict[str, int] = {}
    for number, cells in sheet.rows[1:]:
        if not any(cells):
            continue
        row = Row(sheet, number, cells)
        action_id = row.get("Action").strip()
        if action_id in seen:
            row.add("Action", f"action {action_id} is given twice (first on row {seen[action_id]})")
            continue
        if action_id in exported:
            _plan_edits(row, exported[action_id], warnings)
            previous = base.progress.get(action_id)
            as_at = (cell_text(exported[action_id]["As at"]),)
            if earlier and action_id in earlier.as_at:
                as_at += (earlier.as_at[action_id],)
        elif not add_new and action_id in planned:
            row.add("Action", f"action {action_id} {_NOT_IN_PLAN.format(base.id)}")
            continue
        elif _unknown(row, action_id, add_new):
            added = new_action(row, content, base, action_id)
            if added is None:
                continue
            found.new.append(added)
            previous, as_at = None, ("",)
        else:
            continue
        seen[action_id] = number
        found.rows[action_id] = number
        entry = _progress(row, content, action_id, previous, as_at, target)
        if entry is not None:
            found.progress[action_id] = entry
        back = (
            earlier.history.action(action_id, entry.status, entry.narrative)
            if (earlier and entry and (earlier.history.draft or not entry.carried_forward))
            else None
        )
        if back:
            sheet.warn(warnings, number, *back)
    for action_id, previous in base.progress.items():
        if action_id in exported and action_id not in seen:  # a row deleted: carried forward
            found.progress[action_id] = Progress(
                status=previous.status, narrative=previous.narrative, carried_forward=True
            )
    return found


def read_recommendations(
    sheet: Sheet,
    content: Content,
    base: Release,
    warnings: list[Problem],
    history: History | None = None,
    rows: dict[str, int] | None = None,
) -> dict[str, RecommendationProgress]:
    """Each recommendation's progress from the Recommendations sheet; an unchanged one stays
    carried forward, a cleared one is left out."""
    exported = {
        rec_id: (text, narrative)
        for rec_id, text, narrative in recommendation_rows(content, base.id)
    }
    if not sheet.header(RECOMMENDATION_COLUMNS, ("Recommendation", "Progress")):
        return {}
    found: dict[str, RecommendationProgress] = {}
    planned = {r.id for r in content.recommendations}
    seen: dict[str, int] = {}
    for number, cells in sheet.rows[1:]:
        if not any(cells):
            continue
        row = Row(sheet, number, cells)
        rec_id = row.get("Recommendation").strip()
        if rec_id not in exported and rec_id in planned:
            row.add("Recommendation", f"recommendation {rec_id} {_NOT_IN_PLAN.format(base.id)}")
            continue
        if rec_id not in exported:
            row.add(
                "Recommendation",
                f"unknown recommendation id '{rec_id}': recommendations are added in plan.yaml"
                if rec_id
                else "no recommendation id",
            )
            continue
        if rec_id in seen:
            message = f"recommendation {rec_id} is given twice (first on row {seen[rec_id]})"
            row.add("Recommendation", message)
            continue
        seen[rec_id] = number
        if rows is not None:
            rows[rec_id] = number
        text, narrative = exported[rec_id]
        if "Text" in sheet.columns and _key(row.get("Text")) != _key(text):
            message = (
                f"recommendation {rec_id}: Text '{row.get('Text')}' differs from the plan; not "
                "applied (plan changes are made in plan.yaml)"
            )
            sheet.warn(warnings, number, "Text", message)
        given = row.get("Progress").strip()
        previous = base.recommendations.get(rec_id)
        if not row.linked("Progress", f"recommendation {rec_id}"):
            continue
        if previous and given == previous.narrative.strip():
            found[rec_id] = previous.model_copy(update={"carried_forward": True})
            back = history.recommendation(rec_id, given) if history and history.draft else None
            if back:
                sheet.warn(warnings, number, "Progress", back)
        elif given:
            found[rec_id] = RecommendationProgress(narrative=given)
            back = history.recommendation(rec_id, given) if history else None
            if back:
                sheet.warn(warnings, number, "Progress", back)
    for rec_id, previous in base.recommendations.items():
        if rec_id in exported and rec_id not in seen:  # a row deleted: carried forward
            found[rec_id] = previous.model_copy(update={"carried_forward": True})
    return found
