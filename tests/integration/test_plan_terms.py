"""A plan in its own words, answering no inspection: built end to end, every page searched."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import run_cli

SITE = """title: Five-year strategic plan for schools
organisation: State Education Agency
terms:
  group: {singular: Pillar, plural: Pillars}
  recommendation: {singular: Focus area, plural: Focus areas}
  action: {singular: Action, plural: Actions}
purpose: |
  Every pupil *reads well* by the age of eight.
period: {start: 2025-09-01, end: 2030-08-31}
statuses:
  - {id: completed, label: Completed, meaning: complete}
  - {id: in-place, label: In place, meaning: complete}
  - {id: on-track, label: On track, meaning: in-progress}
  - {id: planned, label: Planned, meaning: not-started}
  - {id: due, label: Due, meaning: not-started}
"""

BARE_SITE = (
    SITE.split("purpose:")[0].replace(
        "terms:\n  group: {singular: Pillar, plural: Pillars}\n"
        "  recommendation: {singular: Focus area, plural: Focus areas}\n"
        "  action: {singular: Action, plural: Actions}\n",
        "grouping: {singular: Pillar, plural: Pillars}\n",
    )
    + SITE.split("period: {start: 2025-09-01, end: 2030-08-31}\n")[1]
)

NEVER_SAID = ("inspection", "inspector", "findings", "what was found", "ofsted", "judged the")
"""What no page of a plan that answers no inspection may say."""


def _content(root: Path, site: str) -> Path:
    content = root / "content"
    shutil.copytree(SMALL_PLAN, content)
    (content / "site.yaml").write_text(site)
    plan = content / "plan.yaml"
    plan.write_text(plan.read_text().replace("Combined with recommendation", "Combined with"))
    progress = content / "progress/2015-01.yaml"
    text = progress.read_text()
    progress.write_text(text[: text.index("assessments:")] if "assessments:" in text else text)
    return content


def _build(root: Path, site: str) -> Path:
    content = _content(root, site)
    out = root / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


_SHOWN_ATTRS = re.compile(r'\b(?:alt|aria-label|title)="([^"]*)"')


def readable(path: Path) -> str:
    """What a reader, a screen reader or a feed reader is told: text, alt texts, labels and
    titles, without the addresses (URLs are interfaces and keep their words). The open-data
    page's file and column names are interfaces too, and are left out."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":  # the search index: titles and text
        docs = json.loads(text)["docs"]
        return " ".join(
            f"{d['title']} {d['text']}" for d in docs if not d["location"].startswith("data/")
        )
    shown = " ".join(_SHOWN_ATTRS.findall(text))
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", text, flags=re.S)
    if path.parent.name == "data":
        text = re.sub(r"<td>recommendation</td>|\brecommendations\.(?:csv|json)\b", "", text)
    return re.sub(r"<[^>]+>", " ", text) + " " + shown


@pytest.fixture(scope="module")
def strategic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("strategic"), SITE)


def _pages(site: Path) -> list[Path]:
    pages = [p for p in site.rglob("*") if p.suffix in (".html", ".xml")]
    pages += list(site.rglob("search_index.json"))
    return [p for p in pages if "/assets/" not in str(p)]


def test_every_page_uses_the_plans_terms_and_never_says_recommendation(strategic_site):
    pages = _pages(strategic_site)
    assert len(pages) > 50
    for page in pages:
        text = readable(page)
        found = re.findall(r"[Rr]ecommendation", text)
        assert not found, f"{page.relative_to(strategic_site)} says 'recommendation'"
        lowered = text.lower()
        for words in NEVER_SAID:
            assert words not in lowered, f"{page.relative_to(strategic_site)} says {words!r}"


def test_home_and_report_open_with_about_this_plan(strategic_site):
    home = readable(strategic_site / "2015-01/index.html")
    assert "About this plan" in home
    assert "The plan runs from 1 September 2025 to 31 August 2030." in home
    assert "What is being done 3 focus areas 4 actions, in 3 pillars." in " ".join(home.split())
    report = (strategic_site / "2015-01/report/index.html").read_text()
    article = report[report.index("<article") :]
    assert article.index(">About this plan<") < article.index(">Summary<")


def test_navigation_names_focus_areas_by_their_opening_words(strategic_site):
    home = (strategic_site / "2015-01/index.html").read_text()
    assert "\n    1: Ensure that sufficient checks and enquiries are …\n" in home
    assert "Focus areas" in home and "Pillars" in home


def test_feeds_use_the_terms(strategic_site):
    feed = (strategic_site / "feeds/recommendations/1.xml").read_text()
    assert "<title>Five-year strategic plan for schools: focus area 1</title>" in feed
    assert "Focus area 1 in the plan." in feed


def test_a_plan_with_every_optional_field_absent_says_nothing_it_was_not_given(tmp_path):
    site = _build(tmp_path, BARE_SITE)
    for page in _pages(site):
        lowered = readable(page).lower()
        for words in (*NEVER_SAID, "about this plan", "the plan runs"):
            assert words not in lowered, f"{page.relative_to(site)} says {words!r}"


def test_the_tracker_heads_its_columns_in_the_plans_words_and_reads_them_back(tmp_path):
    from openpyxl import load_workbook

    words = SITE.replace("{singular: Action, plural: Actions}", "{singular: Step, plural: Steps}")
    content = _content(tmp_path, words)
    out = tmp_path / "tracker.xlsx"
    result = run_cli("export-tracker", "2015-01", "--out", str(out), "--content", str(content))
    assert result.returncode == 0, result.stderr
    book = load_workbook(out)
    assert [c.value for c in book["Actions"][1]][:2] == ["Focus area", "Step"]
    assert [c.value for c in book["Recommendations"][1]][:1] == ["Focus area"]
    assert "choose each step's Status" in book["About"]["B1"].value
    assert "write each focus area's Progress" in book["About"]["B1"].value
    book["Actions"].protection.sheet = False
    status = [c.value for c in book["Actions"][1]].index("Status") + 1
    cell = book["Actions"].cell(row=2, column=status)
    cell.value = "Planned" if cell.value == "Completed" else "Completed"
    book.save(out)
    args = ("--release", "2015-03", "--date", "2015-03-31", "--content", str(content))
    result = run_cli("import-tracker", str(out), *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Created draft release 2015-03: 1 action updated")
