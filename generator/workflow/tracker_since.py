"""What changed since a tracker was exported, and how its rows are read in that light."""

from __future__ import annotations

from generator.content.model import Content, Progress, RecommendationProgress, Release
from generator.facts.derive import State, release_view
from generator.workflow.tracker_export import action_rows, cell_text
from generator.workflow.tracker_origin import Origin


def still_active(
    content: Content,
    draft: Release,
    progress: dict[str, Progress],
    narratives: dict[str, RecommendationProgress],
) -> None:
    """Leave out what an unchanged row carries forward for an item that has left the plan
    in the draft since the tracker was exported (a changed row is named by its cell)."""
    view = release_view(content, draft.id)
    active = {
        a.action.id for r in view.recommendations for a in r.actions if a.state is State.ACTIVE
    }
    recs = {r.recommendation.id for r in view.active_recommendations}
    for action_id in [k for k, v in progress.items() if v.carried_forward and k not in active]:
        del progress[action_id]
    for rec_id in [k for k, v in narratives.items() if v.carried_forward and k not in recs]:
        del narratives[rec_id]


def older_as_at(content: Content, origin: Origin | None, base: Release) -> dict[str, str]:
    """Each action's As at as the older release a workbook came from gave it: left as it
    was exported, it is no new date."""
    if origin is None or origin.release == base.id:
        return {}
    if origin.release not in [r.id for r in content.releases]:
        return {}
    return {r["Action"]: cell_text(r["As at"]) for r in action_rows(content, origin.release)}
