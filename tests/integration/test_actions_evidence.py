"""An action's title and planned start, late to start, and evidence, built end to end."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import build_once
from tests.integration.linkcheck import broken_links

TITLE = "Police protection <numbers> & **counts**"
STORY = "https://news.example.gov.uk/story?id=7&x=1"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def started_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small plan with titles, planned starts (1.4 late in June, 8.1 late in October)
    and evidence in October."""
    content = tmp_path_factory.mktemp("started") / "content"
    shutil.copytree(SMALL_PLAN, content)
    plan = content / "plan.yaml"
    _edit(plan, "- id: 1.4\n", f"- id: 1.4\n        title: '{TITLE}'\n        start: 2014-06-01\n")
    _edit(
        plan,
        "- id: 8.1\n",
        "- id: 8.1\n        title: Representation plan\n        start: 2014-10-01\n",
    )
    october = content / "progress/2014-10.yaml"
    _edit(october, "  8.1:\n    status: on-track", "  8.1:\n    status: due")
    _edit(
        october,
        "    narrative: Membership has increased from 7 to 9.\n",
        "    narrative: Membership has increased from 7 to 9.\n    evidence:\n"
        f"      - {{title: '<img src=x onerror=alert(1)> New members', url: '{STORY}',"
        " date: 2014-10-02}\n",
    )
    _edit(
        october,
        "actions:",
        "recommendations:\n  1:\n    evidence:\n"
        "      - {title: Protocol signed, url: 'https://example.org/protocol'}\n"
        "actions:",
    )
    return build_once(tmp_path_factory, "started-site", content)


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page)))


def test_an_action_is_headed_by_its_title_and_shows_its_planned_start(started_site: Path):
    page = (started_site / "2014-06/recommendations/1/index.html").read_text()
    assert "<numbers>" not in page
    text = _text(page)
    assert "Action 1.4: Police protection <numbers> & **counts**" in text
    assert "Planned start: 1 June 2014 — Late to start: its planned start has passed" in text
    assert 'id="1.4"' in page  # the anchor stays the id


def test_late_to_start_is_shown_where_overdue_is(started_site: Path):
    home = _text((started_site / "2014-06/index.html").read_text())
    assert "Actions late to start: 1.4: Police protection" in home
    assert "1 late to start" in home
    group = _text((started_site / "2014-06/pillars/aip-1/index.html").read_text())
    assert "1 late to start" in group
    embed = _text((started_site / "2014-06/embed/pillars/aip-1/index.html").read_text())
    assert "Late to start 1" in embed
    october = _text((started_site / "2014-10/index.html").read_text())
    assert "0 newly overdue, 1 newly late to start," in october
    changes = _text((started_site / "2014-10/changes/index.html").read_text())
    assert "Newly late to start: 1 action" in changes
    section = changes[changes.index("These actions are past their planned start") :]
    assert "Action 8.1: Representation plan" in section
    assert "planned to start 1 October 2014" in section
    report = _text((started_site / "2014-10/report/index.html").read_text())
    assert "Actions late to start" in report
    assert "8.1: Representation plan 1 October 2014" in report
    for path in ("2014-10/index.html", "2014-10/changes/index.html", "2014-10/report/index.html"):
        assert broken_links(started_site, started_site / path) == []


def test_evidence_is_shown_with_the_progress_and_in_the_report(started_site: Path):
    page = (started_site / "2014-10/recommendations/8/index.html").read_text()
    assert (
        '<a href="https://news.example.gov.uk/story?id=7&x=1">&lt;img src=x '
        "onerror=alert(1)&gt; New members</a> (2 October 2014)"
    ) in page
    assert "<img src=x" not in page
    rec = (started_site / "2014-10/recommendations/1/index.html").read_text()
    assert '<a href="https://example.org/protocol">Protocol signed</a>' in rec
    report = (started_site / "2014-10/report/index.html").read_text()
    assert '<a href="https://example.org/protocol">Protocol signed</a>' in report
    assert "New members</a> (2 October 2014)" in report
    later = (started_site / "2015-01/recommendations/8/index.html").read_text()
    assert "New members" not in later  # evidence is not carried forward


def test_the_open_data_gives_titles_late_to_start_and_evidence(started_site: Path):
    actions = list(
        csv.DictReader(io.StringIO((started_site / "2014-10/data/actions.csv").read_text()))
    )
    row = next(r for r in actions if r["action"] == "8.1")
    assert (row["title"], row["start"], row["late_to_start"], row["overdue"]) == (
        "Representation plan",
        "2014-10-01",
        "yes",
        "no",
    )
    evidence = (started_site / "2014-10/data/evidence.csv").read_text()
    assert evidence.splitlines() == [
        "release,item,title,url,date",
        "2014-10,1,Protocol signed,https://example.org/protocol,",
        f"2014-10,8.1,<img src=x onerror=alert(1)> New members,{STORY},2014-10-02",
    ]
    data = _text((started_site / "2014-10/data/index.html").read_text())
    assert "evidence.csv One row per piece of evidence" in data
    assert "late_to_start yes when the planned start has passed" in data


@pytest.fixture(scope="module")
def undated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small plan without a single due date."""
    content = tmp_path_factory.mktemp("undated") / "content"
    shutil.copytree(SMALL_PLAN, content)
    plan = content / "plan.yaml"
    plan.write_text(
        re.sub(r"\n +due: [0-9-]+", "", plan.read_text(encoding="utf-8")), encoding="utf-8"
    )
    return build_once(tmp_path_factory, "undated-site", content)


@pytest.mark.parametrize(
    "page",
    [
        "2015-01/index.html",
        "2015-01/changes/index.html",
        "2015-01/pillars/index.html",
        "2015-01/recommendations/index.html",
        "2015-01/leads/index.html",
        "2015-01/leads/ann-graham/index.html",
        "2015-01/report/index.html",
        "2015-01/methods/index.html",
        "2015-01/embed/pillars/aip-1/index.html",
        "2015-01/recommendations/1/index.html",
    ],
)
def test_a_plan_without_due_or_start_dates_shows_no_overdue_or_late_lines(
    undated_site: Path, page: str
):
    text = _text((undated_site / page).read_text()).lower()
    assert "overdue" not in text
    assert "late to start" not in text
