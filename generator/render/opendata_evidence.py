"""Open data: the evidence reported with the progress of actions and recommendations."""

from __future__ import annotations

from typing import Any

from generator.content.model import Evidence
from generator.facts.derive import ReleaseView

EVIDENCE_COLUMNS = ("release", "item", "title", "url", "date")


def _row(release_id: str, kind: str, item: str, e: Evidence) -> dict[str, Any]:
    return {
        "release": release_id,
        "item": item,
        "kind": kind,
        "title": e.title,
        "url": e.url,
        "date": e.date.isoformat() if e.date else "",
    }


def evidence_rows(view: ReleaseView) -> list[dict[str, Any]]:
    """Each piece of evidence reported in this release, in plan order: a recommendation's own,
    then its actions'. Evidence belongs to its release, so earlier releases' is not here."""
    release_id = view.release.id
    rows = []
    for rec in view.recommendations:
        if rec.progress:
            rec_id = rec.recommendation.id
            rows += [_row(release_id, "recommendation", rec_id, e) for e in rec.progress.evidence]
        for a in rec.actions:
            rows += [_row(release_id, "action", a.action.id, e) for e in a.evidence]
    return rows
