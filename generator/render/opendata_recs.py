"""Open data for recommendations: recommendations.csv and recommendations.json.

One row per recommendation in the release, with one column per facet of the plan named by the
facet's id (validation keeps facet ids apart from the other columns); lists are joined with "; ".
"""

from __future__ import annotations

from typing import Any

from generator.content.model import RECOMMENDATION_COLUMNS, RECOMMENDATION_LAST_COLUMNS
from generator.facts.derive import RecommendationView, ReleaseView

LIST_SEPARATOR = "; "


def recommendation_columns(view: ReleaseView) -> tuple[str, ...]:
    facets = tuple(f.id for f in view.content.facets)
    return (*RECOMMENDATION_COLUMNS, *facets, *RECOMMENDATION_LAST_COLUMNS)


def _row(view: ReleaseView, r: RecommendationView) -> dict[str, Any]:
    rec = r.recommendation
    row: dict[str, Any] = {
        "recommendation": rec.id,
        "text": rec.text,
        "outcome": rec.outcome,
        "groups": LIST_SEPARATOR.join(rec.groups),
    }
    for facet in view.content.facets:
        row[facet.id] = LIST_SEPARATOR.join(rec.facets.get(facet.id, ()))
    row.update(
        targets=LIST_SEPARATOR.join(t.text for t in rec.targets),
        merged_from=LIST_SEPARATOR.join(m.id for m in rec.merged_from),
        narrative=r.progress.narrative if r.progress else "",
        state=r.state.value,
    )
    return row


def recommendation_rows(view: ReleaseView) -> list[dict[str, Any]]:
    return [_row(view, r) for r in view.recommendations]
