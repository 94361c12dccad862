"""Synthetic content of realistic shape, for the benchmark: pillars, recommendations, actions,
weekly KPIs and a run of monthly releases in which statuses move as they do in real plans.

Everything is drawn from a seeded random generator, so the same arguments give the same files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

WORDS = (
    "review audit embed launch recruit train monitor report strengthen improve develop "
    "agree publish consult track escalate refresh commission implement evaluate share"
).split()
NOUNS = (
    "practice standards supervision caseloads assessments plans visits panel protocol "
    "dashboard workforce placements partners referrals conferences pathway pledge board"
).split()
STATUSES = [
    {"id": "not-started", "label": "Not started", "meaning": "not-started"},
    {"id": "green", "label": "Green (on track)", "meaning": "in-progress"},
    {"id": "amber", "label": "Amber (at risk)", "meaning": "at-risk"},
    {"id": "red", "label": "Red (off track)", "meaning": "off-track"},
    {"id": "complete", "label": "Complete", "meaning": "complete"},
]
# how a status tends to move from one month to the next
MOVES = {
    "not-started": ["not-started", "not-started", "green", "green", "amber"],
    "green": ["green", "green", "green", "complete", "amber"],
    "amber": ["amber", "green", "green", "red", "amber"],
    "red": ["red", "amber", "amber", "green", "red"],
    "complete": ["complete"],
}


@dataclass(frozen=True)
class Scale:
    recommendations: int = 20
    actions_per_recommendation: tuple[int, int] = (5, 10)
    kpis: int = 20
    releases: int = 6
    start: date = date(2020, 1, 31)


def _sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS if i % 2 == 0 else NOUNS) for i in range(length)]
    return (" ".join(words)).capitalize() + "."


def _month_end(start: date, months: int) -> date:
    year, month = start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12 + 1
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    return next_month - timedelta(days=1)


def write_content(root: Path, scale: Scale, seed: int = 1) -> Path:
    """Write a complete content directory for ``scale`` into ``root``."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "progress").mkdir(exist_ok=True)
    dates = [_month_end(scale.start, i) for i in range(scale.releases)]
    release_ids = [f"{d:%Y-%m}" for d in dates]
    pillars = ["people", "practice", "governance"]
    kpi_ids = [f"kpi-{n + 1}" for n in range(scale.kpis)]
    recommendations, actions = [], []
    for r in range(1, scale.recommendations + 1):
        rec_actions = []
        for a in range(1, rng.randint(*scale.actions_per_recommendation) + 1):
            due = _month_end(scale.start, rng.randint(1, max(2, scale.releases + 6)))
            action = {
                "id": f"{r}.{a}",
                "description": _sentence(rng, rng.randint(8, 20)),
                "strategic_lead": rng.choice(["Director", "Head of Service", "Chief Executive"]),
                "operational_lead": rng.choice(["Service manager", "Team manager"]),
                "timescale": f"{due:%b %Y}",
                "due": due.isoformat(),
                "kpis": rng.sample(kpi_ids, k=min(2, len(kpi_ids))) if rng.random() < 0.3 else [],
                "outcome": _sentence(rng, 10),
            }
            rec_actions.append(action)
            actions.append(action)
        recommendations.append(
            {
                "id": str(r),
                "text": _sentence(rng, rng.randint(15, 30)),
                "groups": rng.sample(pillars, k=rng.choice([1, 1, 2])),
                "actions": rec_actions,
            }
        )
    plan = {
        "groups": [
            {"id": p, "title": p.capitalize(), "description": _sentence(rng, 12)} for p in pillars
        ],
        "recommendations": recommendations,
    }
    site = {
        "title": "Synthetic improvement plan",
        "organisation": "Benchmark Borough Council",
        "grouping": {"singular": "Pillar", "plural": "Pillars"},
        "statuses": STATUSES,
        "plan_summary": _sentence(rng, 30),
    }
    kpis = {
        "kpis": [
            {
                "id": k,
                "title": f"Indicator {n + 1}: {_sentence(rng, 4)[:-1]}",
                "unit": rng.choice(["count", "%"]),
                "polarity": rng.choice(["higher", "lower", "neutral"]),
            }
            for n, k in enumerate(kpi_ids)
        ]
    }
    rows = ["kpi,date,value"]
    weeks = scale.releases * 52 // 12 + 1
    for k in kpi_ids:
        value = rng.uniform(20, 80)
        for week in range(weeks):
            value = max(0.0, value + rng.uniform(-3, 3))
            when = scale.start - timedelta(days=28) + timedelta(weeks=week)
            rows.append(f"{k},{when.isoformat()},{value:.1f}")
    releases = {
        "releases": [
            {"id": rid, "date": d.isoformat(), "title": f"{d:%B %Y} progress report"}
            for rid, d in zip(release_ids, dates, strict=True)
        ]
    }
    status = {a["id"]: "not-started" for a in actions}
    for rid in release_ids:
        entries = {}
        for a in actions:
            status[a["id"]] = rng.choice(MOVES[status[a["id"]]])
            entries[a["id"]] = {
                "status": status[a["id"]],
                "narrative": _sentence(rng, rng.randint(15, 40)),
            }
        (root / "progress" / f"{rid}.yaml").write_text(
            _dump({"actions": entries}), encoding="utf-8"
        )
    for name, data in (
        ("site.yaml", site),
        ("plan.yaml", plan),
        ("kpis.yaml", kpis),
        ("releases.yaml", releases),
    ):
        (root / name).write_text(_dump(data), encoding="utf-8")
    (root / "kpi-values.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def _dump(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
