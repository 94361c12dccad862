"""Open data: each version publishes its actions and KPI series as CSV and JSON downloads.

The columns are documented on each version's Data page (``site_templates/data.md.j2``) and in
docs/reference/open-data.md. Files are written deterministically (fixed column order, ``\\n``
line endings).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.content.model import Action, Assessment, Point, Value, slugify
from generator.content.model.meta import columns, published
from generator.facts.derive import ActionView, KpiView, ReleaseView
from generator.facts.terms import PlanTerms
from generator.render.format import escape_text
from generator.render.opendata_evidence import EVIDENCE_COLUMNS, evidence_rows
from generator.render.opendata_recs import recommendation_columns, recommendation_rows

VIEW_COLUMNS = {
    "release": (0, "The release (progress report) this row belongs to"),
    "state": (5, "active, withdrawn or merged"),
    "status": (6, "The status word's id, as used in the content files; empty unless active"),
    "status_label": (7, "The status as shown on the site"),
    "status_meaning": (
        8,
        "What the status means: not-started, in-progress, at-risk, off-track, complete or "
        "not-reported",
    ),
    "overdue": (9, "yes when the due date has passed and the {action} is not complete"),
    "late_to_start": (
        10,
        "yes when the planned start has passed and the {action} has not started (never "
        "counted as overdue)",
    ),
    "narrative": (20, "The progress reported for this {action}, in Markdown"),
    "page": (21, "Where the {action} is on this site, relative to this version's home page"),
}
"""The columns of actions.csv that are not fields of the action (its place, and meaning on
the Data page); the action's own columns are declared in the model (``Meta.column``)."""


def action_columns(model: type[Action] = Action) -> tuple[str, ...]:
    """The columns of actions.csv (and the keys of actions.json), in order."""
    return columns(model, {name: place for name, (place, _) in VIEW_COLUMNS.items()})


def action_column_meanings(model: type[Action] = Action) -> list[tuple[str, str]]:
    """Each column of actions.csv with its meaning, in order, as the Data page documents it
    (``{action}`` and ``{recommendation}`` stand for the plan's words): a field's ``meaning``,
    else its description in the model."""
    fields = model.model_fields
    own = {
        d.column_name: d.meta.meaning or fields[d.name].description or "" for d in published(model)
    }
    meanings = {name: meaning for name, (_, meaning) in VIEW_COLUMNS.items()} | own
    return [(name, meanings[name]) for name in action_columns(model)]


ACTION_COLUMNS = action_columns()


def action_column_docs(terms: PlanTerms) -> list[tuple[Markup, Markup]]:
    """The Data page's rows documenting actions.csv: each column and its meaning, in the
    plan's words."""
    words = {"action": terms.action.one, "recommendation": terms.recommendation.one}
    escaped = {key: escape_text(word) for key, word in words.items()}
    return [
        (Markup(name), Markup(meaning.format(**escaped)))
        for name, meaning in action_column_meanings()
    ]


KPI_COLUMNS = (
    *("kpi", "title", "unit", "polarity", "date", "value", "note", "break"),
    *("period", "published"),
)
ASSESSMENT_COLUMNS = ("release", "recommendation", "body", "date", "verdict", "text", "url", "page")


def assessment_row(release_id: str, a: Assessment) -> dict[str, Any]:
    """One independent assessment, as in the open data and ``diff --format json``."""
    return {
        "release": release_id,
        "recommendation": a.recommendation,
        "body": a.body,
        "date": a.date.isoformat(),
        "verdict": a.verdict,
        "text": a.text,
        "url": a.url,
        "page": f"recommendations/{slugify(a.recommendation)}/",
    }


def _cell(value: Any) -> Any:
    """A field's value in the open data: a date as YYYY-MM-DD, a list separated by spaces."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return " ".join(value)
    return value


def _action_row(view: ReleaseView, a: ActionView) -> dict[str, Any]:
    row = {d.column_name: _cell(getattr(a.action, d.name)) for d in published(Action)}
    row |= {
        "release": view.release.id,
        "state": a.state.value,
        "status": a.status.id if a.status else "",
        "status_label": a.status.label if a.status else "",
        "status_meaning": a.status.meaning.value if a.status else "",
        "overdue": "yes" if a.overdue else "no",
        "late_to_start": "yes" if a.late_to_start else "no",
        "narrative": a.narrative,
        "page": f"recommendations/{slugify(a.action.recommendation)}/#{a.action.anchor}",
    }
    return {name: row[name] for name in ACTION_COLUMNS}


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _point(point: Point | None) -> dict[str, Any] | None:
    return {"date": point.date.isoformat(), "value": _number(point.value)} if point else None


def _value(value: Value) -> dict[str, Any]:
    return {
        "date": value.date.isoformat(),
        "value": _number(value.value),
        "note": value.note,
        "break": value.starts_segment,
        "period": value.period,
        "published": value.published.isoformat() if value.published else None,
    }


def _kpi(kpi: KpiView) -> dict[str, Any]:
    k = kpi.kpi
    return {
        "kpi": k.id,
        "title": k.title,
        "unit": k.unit,
        "polarity": k.polarity.value if k.polarity else None,
        "baseline": _point(k.baseline),
        "milestones": [_point(p) for p in k.milestones],
        "target": _point(k.target),
        "direction": kpi.direction.value,
        "progress": kpi.progress.judgement.value if kpi.progress else None,
        "tolerance": kpi.kpi.tolerance.model_dump() if kpi.kpi.tolerance else None,
        "values": [_value(p) for p in kpi.values],
    }


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is prefixed with ' (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def open_data(view: ReleaseView) -> dict[str, str]:
    """The text of each download, by its path inside docs/."""
    actions = [_action_row(view, a) for r in view.recommendations for a in r.actions]
    kpis = [_kpi(k) for k in view.kpis]
    recs = recommendation_rows(view)
    kpi_rows = [
        {
            "kpi": k["kpi"],
            "title": k["title"],
            "unit": k["unit"],
            "polarity": k["polarity"],
            **point,
            "break": "true" if point["break"] else "",
        }
        for k in kpis
        for point in k["values"]
    ]
    release = {
        "id": view.release.id,
        "title": view.release.title,
        "date": view.release.date.isoformat(),
    }
    site_licence = view.content.site.licence
    licence = {"name": site_licence.name, "url": site_licence.url} if site_licence else None
    head = {"release": release, "licence": licence}
    assessments = [assessment_row(view.release.id, a) for _, a in view.assessments]
    evidence = evidence_rows(view)
    return {
        "data/evidence.csv": _csv(EVIDENCE_COLUMNS, evidence),
        "data/evidence.json": _json({**head, "evidence": evidence}),
        "data/assessments.csv": _csv(ASSESSMENT_COLUMNS, assessments),
        "data/assessments.json": _json({**head, "assessments": assessments}),
        "data/actions.csv": _csv(ACTION_COLUMNS, actions),
        "data/actions.json": _json({**head, "actions": actions}),
        "data/kpis.csv": _csv(KPI_COLUMNS, kpi_rows),
        "data/kpis.json": _json({**head, "kpis": kpis}),
        "data/recommendations.csv": _csv(recommendation_columns(view), recs),
        "data/recommendations.json": _json({**head, "recommendations": recs}),
    }


def write_open_data(view: ReleaseView, docs_dir: Path) -> list[str]:
    written = []
    for path, text in open_data(view).items():
        target = docs_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(path)
    return written
