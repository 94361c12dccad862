"""``progress-site diff``: the comparison of any two releases as JSON or Markdown.

The JSON shape is documented in docs/reference/diff-json.md; scripts rely on its keys, so they
only ever grow.
"""

from __future__ import annotations

import json
from typing import Any

import jinja2

from generator.content.model import Content, Release, StatusDef
from generator.facts.compare import ActionChange, Diff, KpiChange, Move, PlanChange, compare
from generator.facts.compare_kpis import KpiSections, kpi_sections
from generator.facts.compare_recs import RecommendationChange
from generator.facts.derive import (
    ActionView,
    KpiView,
    RecommendationView,
    ReleaseView,
    release_view,
)
from generator.facts.words import Segment
from generator.render.opendata import assessment_row
from generator.render.plain import PlainLinker
from generator.render.template import environment, render_page
from generator.render.urls import Linker

_MOVES = (Move.IMPROVED, Move.WORSENED, Move.OTHER)


def diff_releases(content: Content, old_id: str, new_id: str) -> Diff:
    """Compare two releases by id; an unknown id is an error listing the known ones."""
    for release_id in (old_id, new_id):
        content.require_release(release_id)
    return compare(release_view(content, old_id), release_view(content, new_id))


Target = ActionView | RecommendationView | KpiView


def _url(release_id: str, target: Target | None) -> str | None:
    if target is None:
        return None
    return str(Linker(None, release_id).version_href(release_id, target))


def _urls(diff: Diff, old: Target | None, new: Target | None) -> dict[str, str | None]:
    return {"from": _url(diff.old.release.id, old), "to": _url(diff.new.release.id, new)}


def _status(status: StatusDef | None) -> str | None:
    return status.id if status else None


def _release(release: Release) -> dict[str, Any]:
    return {"id": release.id, "title": release.title, "date": release.date.isoformat()}


def _action(change: ActionChange, diff: Diff) -> dict[str, Any]:
    old, new = change.old, change.new
    return {
        "id": change.action.id,
        "title": change.action.title or None,
        "recommendation": change.action.recommendation,
        "description": change.action.description,
        "state": {
            "from": old.state.value if old else None,
            "to": new.state.value if new else None,
        },
        "status": {
            "from": _status(change.status_from),
            "to": _status(change.status_to),
            "from_label": change.status_from.label if change.status_from else None,
            "to_label": change.status_to.label if change.status_to else None,
            "change": change.move.value,
        },
        "overdue": {"from": change.overdue_from, "to": change.overdue_to},
        "newly_overdue": change.newly_overdue,
        "due": change.action.due.isoformat() if change.action.due else None,
        "late_to_start": {"from": change.late_to_start_from, "to": change.late_to_start_to},
        "newly_late_to_start": change.newly_late_to_start,
        "start": change.action.start.isoformat() if change.action.start else None,
        "narrative_changed": change.narrative_changed,
        "narrative": {
            "from": old.narrative if old else None,
            "to": new.narrative if new else None,
            "diff": _segments(change.narrative),
        },
        "changed": change.changed,
        "urls": _urls(diff, old, new),
    }


def _segments(segments: tuple[Segment, ...]) -> list[dict[str, str]]:
    """A word diff as JSON: each run of words with ``op`` equal, insert or delete."""
    return [{"op": s.op.value, "text": s.text} for s in segments]


def _recommendation(change: RecommendationChange) -> dict[str, Any]:
    return {
        "id": change.recommendation.id,
        "narrative_changed": change.narrative_changed,
        "narrative": {
            "from": change.narrative_from,
            "to": change.narrative_to,
            "diff": _segments(change.narrative),
        },
    }


def _section(change: KpiChange, sections: KpiSections) -> str:
    """Where the changes page lists an indicator (``docs/reference/diff-json.md``)."""
    if change in sections.moves:
        return "moves"
    if change in sections.no_new_value:
        return "no_new_value"
    return "left_out"


def _kpi(change: KpiChange, diff: Diff, sections: KpiSections) -> dict[str, Any]:
    value_from, value_to = change.value_from, change.value_to
    return {
        "id": change.kpi.id,
        "title": change.kpi.title,
        "unit": change.kpi.unit,
        "polarity": change.kpi.polarity.value if change.kpi.polarity else None,
        "from": value_from.value if value_from else None,
        "to": value_to.value if value_to else None,
        "from_date": value_from.date.isoformat() if value_from else None,
        "to_date": value_to.date.isoformat() if value_to else None,
        "from_period": value_from.period if value_from else None,
        "to_period": value_to.period if value_to else None,
        "change": None if change.revised else change.change,
        "direction": change.direction.value,
        "new_value": change.new_value,
        "revisions": [
            {
                "date": r.new.date.isoformat(),
                "period": r.new.period,
                "from": r.old.value,
                "to": r.new.value,
                "published": r.new.made_public.isoformat(),
            }
            for r in change.revisions
        ],
        "urls": _urls(diff, change.old, change.new),
        "section": _section(change, sections),
    }


def _plan_change(change: PlanChange) -> dict[str, Any]:
    withdrawal = change.withdrawal
    return {
        "kind": change.kind,
        "id": change.id,
        "title": change.title,
        "state": change.state.value if change.state else None,
        "release": withdrawal.release if withdrawal else None,
        "reason": withdrawal.reason if withdrawal else None,
        "merged_into": withdrawal.merged_into if withdrawal else None,
        "url": _url(change.release, change.target),
    }


def diff_json(diff: Diff) -> dict[str, Any]:
    sections = kpi_sections(diff.kpis)
    return {
        "from": diff.old.release.id,
        "to": diff.new.release.id,
        "releases": {"from": _release(diff.old.release), "to": _release(diff.new.release)},
        "summary": {
            "status_changes": {move.value: len(diff.moved(move)) for move in _MOVES},
            "not_rated": len(diff.not_rated),
            "rated_again": len(diff.rated_again),
            "newly_overdue": len(diff.newly_overdue),
            "no_longer_overdue": len(diff.no_longer_overdue),
            "newly_late_to_start": len(diff.newly_late_to_start),
            "narrative_changes": len(diff.narrative_changes),
            "recommendation_narrative_changes": len(diff.recommendation_narrative_changes),
            "kpi_directions": {d.value: n for d, n in diff.kpi_directions},
            "kpis_revised": len(diff.kpis_revised),
            "kpi_moves": {d.value: n for d, n in sections.directions},
            "kpis_no_new_value": len(sections.no_new_value),
            "kpis_left_out": {
                "no_figures_in_from": len(sections.missing_old),
                "no_figures_in_to": len(sections.missing_new),
                "no_figures": len(sections.without_values),
            },
            "added": len(diff.added),
            "removed": len(diff.removed),
        },
        "actions": [_action(change, diff) for change in diff.actions],
        "recommendations": [_recommendation(change) for change in diff.recommendations],
        "kpis": [_kpi(change, diff, sections) for change in diff.kpis],
        "added": [_plan_change(change) for change in diff.added],
        "removed": [_plan_change(change) for change in diff.removed],
        "assessments": {
            "from": _assessments(diff.old),
            "to": _assessments(diff.new),
        },
    }


def _assessments(view: ReleaseView) -> list[dict[str, Any]]:
    """The independent assessments made public with a release, with their pages' URLs."""
    return [
        {k: v for k, v in assessment_row(view.release.id, a).items() if k != "page"}
        | {"page": _url(view.release.id, rec)}
        for rec, a in view.assessments
    ]


def format_diff(diff: Diff, output_format: str) -> str:
    if output_format == "json":
        return json.dumps(diff_json(diff), indent=2, ensure_ascii=False) + "\n"
    return diff_markdown(diff)


def diff_markdown(diff: Diff, env: jinja2.Environment | None = None) -> str:
    """The changes page for any two releases, as plain Markdown linking into the site from
    its root (no HTML, entities or CriticMarkup: ``render.plain``)."""
    env = env or environment(plain=True)
    linker = PlainLinker(None, diff.new.release.id)
    page = render_page(env, "changes.md.j2", diff.new, linker, diff=diff, baseline=False, parts=())
    return _without_front_matter(page)


def _without_front_matter(page: str) -> str:
    """The page without the settings at its top that only the site reads (``search``)."""
    if page.startswith("---\n"):
        end = page.find("\n---\n", 4)
        if end >= 0:
            return page[end + 5 :]
    return page
