"""A new action given in a tracker's Actions sheet (``import-tracker --add-new``)."""

from __future__ import annotations

from generator.content.fields import id_problem
from generator.content.model import Content, Release
from generator.facts.derive import State, release_view
from generator.workflow.plan_file import NewAction
from generator.workflow.tracker_export import LEAD_FIELDS
from generator.workflow.tracker_sheet import Row, read_day


def _recommendation(row: Row, content: Content, base: Release, action_id: str) -> str | None:
    """The id of the recommendation the new action is added under, if it can be."""
    rec_id = row.get("Recommendation").strip()
    states = {r.recommendation.id: r.state for r in release_view(content, base.id).recommendations}
    if not rec_id:
        row.add("Recommendation", f"action {action_id}: a new action needs its recommendation")
    elif rec_id not in states:
        known = ", ".join(r for r, state in states.items() if state is State.ACTIVE)
        row.add(
            "Recommendation",
            f"action {action_id}: unknown recommendation '{rec_id}' (known: {known})",
        )
    elif states[rec_id] is not State.ACTIVE:
        rec = next(r for r in content.recommendations if r.id == rec_id)
        gone = rec.lifecycle.withdrawn
        how = f"merged into {gone.merged_into}" if gone and gone.merged_into else "withdrawn"
        when = f" in release {gone.release}" if gone else ""
        row.add(
            "Recommendation",
            f"action {action_id}: recommendation {rec_id} was {how}{when}; a new action "
            "cannot be added to it",
        )
    else:
        return rec_id
    return None


_TEXTS = ("Description", *LEAD_FIELDS, "Timescale")
"""The cells a new action's texts are read from."""


def new_action(row: Row, content: Content, base: Release, action_id: str) -> NewAction | None:
    """The action a row adds to the plan, or None (with the problems named) if it cannot."""
    problem = id_problem(action_id)
    if problem:
        row.add("Action", f"not a valid action id: {problem}")
        return None
    owner = {a.id: r.id for r in content.recommendations for a in r.actions}
    if action_id in owner:
        row.add(
            "Action",
            f"action id '{action_id}' is already in plan.yaml (recommendation "
            f"{owner[action_id]}) but not in release {base.id}; a new action needs an id of "
            "its own",
        )
        return None
    rec_id = _recommendation(row, content, base, action_id)
    description = row.get("Description").strip()
    if not description:
        row.add("Description", f"action {action_id}: a new action needs a description")
    due, ok = read_day(row, "Due", f"action {action_id}: Due")
    linked = all([row.linked(name, f"action {action_id}") for name in _TEXTS])
    if rec_id is None or not description or not ok or not linked:
        return None
    texts = {"title": row.get("Title").strip(), "description": description}
    texts.update({key: row.get(name).strip() for name, key in LEAD_FIELDS.items()})
    texts["timescale"] = row.get("Timescale").strip()
    return NewAction(rec_id, action_id, texts, due)
