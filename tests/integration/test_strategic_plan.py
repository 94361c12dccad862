"""The shipped strategic-plan fixture, built as published and read as a resident reads it.

A state education agency's five-year plan: pillars, focus areas and titled actions, no
inspection, school-year and quarterly measures with publication dates and a revision, and
two releases in one month (``tests/data/strategic-plan``).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA
from tests.integration.conftest import build_once, run_cli
from tests.integration.linkcheck import broken_links_everywhere
from tests.integration.test_plan_terms import readable

STRATEGIC_PLAN = DATA / "strategic-plan"
LATEST = "2026-07-15"
NEVER_SAID = (
    "recommendation",
    "inspection",
    "inspector",
    "findings",
    "what was found",
    "judged the",
    "ofsted",
)
"""Inspection framing, which no page of a plan that answers no inspection may show."""


@pytest.fixture(scope="module")
def strategic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_once(tmp_path_factory, "strategic-plan", STRATEGIC_PLAN)


def _text(path: Path) -> str:
    page = re.sub(r"<script.*?</script>|<style.*?</style>", " ", path.read_text(), flags=re.S)
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    return re.sub(r" ([,.;:)])", r"\1", words)


def _plan() -> dict:
    return yaml.safe_load((STRATEGIC_PLAN / "plan.yaml").read_text())


def test_the_fixture_validates_and_every_release_is_published_and_locked():
    result = run_cli("validate", "--content", str(STRATEGIC_PLAN))
    assert result.returncode == 0, result.stderr
    assert "valid (7 focus areas, 16 actions, 8 KPIs, 5 releases)" in result.stdout
    releases = yaml.safe_load((STRATEGIC_PLAN / "releases.yaml").read_text())["releases"]
    lock = (STRATEGIC_PLAN / "releases.lock").read_text()
    for release in releases:
        assert "draft" not in release and release["published"]
        assert f'"{release["id"]}"' in lock


def test_no_page_uses_inspection_framing(strategic_site: Path):
    pages = [p for p in strategic_site.rglob("*") if p.suffix in (".html", ".xml")]
    pages += list(strategic_site.rglob("search_index.json"))
    pages = [p for p in pages if "/assets/" not in str(p)]
    assert len(pages) > 200
    for page in pages:
        lowered = readable(page).lower()
        for words in NEVER_SAID:
            assert words not in lowered, f"{page.relative_to(strategic_site)} says {words!r}"


def test_every_item_is_reachable_under_its_own_terms(strategic_site: Path):
    plan = _plan()
    home = (strategic_site / LATEST / "index.html").read_text()
    text = _text(strategic_site / LATEST / "index.html")
    assert "What is being done: 7 focus areas, 16 actions, in 3 pillars." in text
    assert "About this plan" in text
    assert "The plan runs from 1 July 2025 to 30 June 2030." in text
    for group in plan["groups"]:
        page = strategic_site / LATEST / "pillars" / group["id"] / "index.html"
        assert f"{group['title']} ¶ Pillar · Quarterly progress report, July 2026" in _text(page)
        assert f'href="pillars/{group["id"]}/"' in home
    for rec in plan["recommendations"]:
        slug = rec["id"].lower()
        assert f'href="recommendations/{slug}/"' in home, rec["id"]
        page = strategic_site / LATEST / "recommendations" / slug / "index.html"
        words = _text(page)
        assert f"Focus area {rec['id']}" in words
        assert f"{rec['id']}: {rec['text'][:20]}" in text  # the navigation names it in words
        for action in rec["actions"]:
            assert f"Action {action['id']}: {action['title']}" in words
            assert f'id="{action["id"].lower()}"' in page.read_text()
    assert broken_links_everywhere(strategic_site) == {}


def test_actions_late_to_start_are_reported_exactly(strategic_site: Path):
    home = _text(strategic_site / LATEST / "index.html")
    assert (
        "Actions late to start: P1.F1.A3: Teacher housing pilot, "
        "P1.F2.A3: Family reading nights." in home
    )
    october = _text(strategic_site / "2025-10-15/index.html")
    assert (
        "Actions late to start: P1.F1.A3: Teacher housing pilot, "
        "P2.F2.A1: School-based mental-health grants." in october
    )
    page = _text(strategic_site / LATEST / "recommendations/p1.f1/index.html")
    assert "Planned start: 1 October 2025 — Late to start: its planned start has passed" in page
    changes = _text(strategic_site / "2026-01-15/changes/index.html")
    assert "Newly late to start: 2 actions" in changes
    section = changes[changes.index("These actions are past their planned start") :]
    assert "Action P1.F2.A3: Family reading nights" in section
    assert "Action P2.F2.A2: Crisis-response plan template" in section
    rows = list(
        csv.DictReader(io.StringIO((strategic_site / LATEST / "data/actions.csv").read_text()))
    )
    late = sorted(r["action"] for r in rows if r["late_to_start"] == "yes")
    assert late == ["P1.F1.A3", "P1.F2.A3"]
    overdue = sorted(r["action"] for r in rows if r["overdue"] == "yes")
    assert overdue == ["P2.F1.A2"]  # a late start is never counted as overdue


def test_a_revision_and_the_periods_are_reported_exactly(strategic_site: Path):
    changes = _text(strategic_site / "2026-04-16/changes/index.html")
    assert "(2024-25); an earlier value revised from 86.4% to 85.7% (2023-24)" in changes
    summary = "Indicators: 1 improving; 7 with no new value; 1 with an earlier value revised"
    assert summary in changes
    assert "No new value: 7 indicators have no value newer than in Quarterly progress" in changes
    assert "no change" not in changes.lower().replace("no significant change", "")
    before = _text(strategic_site / "2026-04-09/kpis/graduation-rate/index.html")
    after = _text(strategic_site / "2026-04-16/kpis/graduation-rate/index.html")
    assert "86.4%" in before and "85.7%" not in before  # published after 9 April
    assert "85.7%" in after
    absence = _text(strategic_site / "2026-04-16/kpis/chronic-absence/index.html")
    assert "Latest: 21.9% in 2026 Q1" in absence
    assert "2025 Q3" in absence
    earlier = _text(strategic_site / "2026-04-09/kpis/chronic-absence/index.html")
    assert "Latest: 22.4% in 2025 Q4" in earlier  # 2026 Q1 was published on 14 April
    svg = (strategic_site / LATEST / "kpis/grade3-reading.svg").read_text()
    assert ">2023-24</text>" in svg


def test_headline_and_group_measures(strategic_site: Path):
    kpis = yaml.safe_load((STRATEGIC_PLAN / "kpis.yaml").read_text())["kpis"]
    for kpi in kpis:
        link = f'href="../../kpis/{kpi["id"]}/"'
        for group in kpi.get("groups", []):
            page = strategic_site / LATEST / "pillars" / group / "index.html"
            assert link in page.read_text(), (kpi["id"], group)
        for rec in kpi.get("recommendations", []):
            page = strategic_site / LATEST / "recommendations" / rec.lower() / "index.html"
            assert link in page.read_text(), (kpi["id"], rec)
    headline = [k["title"] for k in kpis if k.get("headline")]
    shown = _text(strategic_site / LATEST / "index.html")
    opening = shown[shown.rindex("Headline indicators") : shown.index("All 8 indicators")]
    assert [title in opening for title in headline] == [True] * 4
    assert "Industry credentials" not in opening
    home = (strategic_site / LATEST / "index.html").read_text()
    assert 'id="headline-indicators">Headline indicators' in home
    group = _text(strategic_site / LATEST / "pillars/pillar-2/index.html")
    assert "Students chronically absent" in group
    focus = _text(strategic_site / LATEST / "recommendations/p3.f1/index.html")
    assert "Industry credentials earned by high-school students" in focus


def test_the_two_april_releases_are_labelled_by_day(strategic_site: Path):
    changes = _text(strategic_site / "2026-04-16/changes/index.html")
    assert "What changed since Quarterly progress report, April 2026 (9 Apr 2026) ¶" in changes
    page = (strategic_site / "2026-04-16/changes/index.html").read_text()
    header = '<th align="right">9\u00a0Apr\u00a02026</th>\n<th align="right">16\u00a0Apr\u00a02026'
    assert header in page  # a table, not a paragraph of pipes
    releases = _text(strategic_site / LATEST / "releases/index.html")
    assert "(9 Apr 2026)" in releases and "(16 Apr 2026)" in releases
    assert "(Apr 2026)" not in releases
    versions = json.loads((strategic_site / "versions.json").read_text())
    assert [v["title"] for v in versions][1:3] == [
        "Update to the State Board, April 2026 (16 Apr 2026)",
        "Quarterly progress report, April 2026 (9 Apr 2026)",
    ]  # the version selector


def test_evidence_is_published_with_its_release(strategic_site: Path):
    rows = (strategic_site / "2026-04-16/data/evidence.csv").read_text().splitlines()
    assert rows[0] == "release,item,title,url,date"
    assert len(rows) == 4
    assert (
        "2026-04-16,P2.F1,Chronic absence falls for a second quarter,"
        "https://news.example.gov/education/2026/04/attendance-q1,2026-04-14"
    ) in rows
    page = _text(strategic_site / "2026-04-16/recommendations/p3.f2/index.html")
    assert "Students share their first dual-credit semester (15 April 2026)" in page


def test_lists_of_actions_name_each_by_its_title(strategic_site: Path):
    kpi = _text(strategic_site / LATEST / "kpis/chronic-absence/index.html")
    assert "Action P2.F1.A1: Attendance early-warning reports: On track" in kpi
    lead = _text(strategic_site / LATEST / "leads/office-of-communications/index.html")
    overdue = lead[lead.index("Overdue ¶") :]
    assert "P2.F1.A2: Attendance campaign 30 June 2026 Off track" in overdue


def test_a_leads_pages_show_their_actions_late_to_start(strategic_site: Path):
    leads = _text(strategic_site / LATEST / "leads/index.html")
    assert "Not started Overdue Late to start Office of Educator Effectiveness" in leads
    assert "Office of School Finance 1 0 0 0 1 0 1" in leads
    lead = _text(strategic_site / LATEST / "leads/office-of-school-finance/index.html")
    assert "1 action in the plan: Not started 1 · 1 late to start" in lead
    assert (
        "Late to start ¶ Action Planned start Status "
        "P1.F1.A3: Teacher housing pilot 1 October 2025 Not started" in lead
    )
