"""The printable report, leads, per-recommendation feeds and embeds, as built and printed."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import build_once, run_cli
from tests.integration.linkcheck import broken_links

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_home_page_links_the_printable_report(default_site: Path):
    home = (default_site / "2017-04/index.html").read_text()
    assert '<a href="report/">Print or save this report</a>' in home
    report = (default_site / "2017-04/report/index.html").read_text()
    assert broken_links(default_site, default_site / "2017-04/report/index.html") == []
    # each group starts a new printed page; every recommendation and action is set out
    assert report.count('class="ps-page-break"') == 4  # three groups and the indicators
    for rec in ("1", "9", "18"):
        assert f'id="rec-{rec}"' in report
    assert 'id="action-1.1"' in report and 'id="kpi-open-cases"' in report
    assert "@page { @top-left { content: " in report


def test_the_report_prints_as_a4_pages_without_navigation(browser, base_url):
    page = browser.new_page()
    page.goto(base_url + "2017-04/report/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-search']
            .map(s => document.querySelector(s))
            .filter(Boolean).map(e => getComputedStyle(e).display)"""
    )
    assert hidden and set(hidden) == {"none"}
    breaks = page.evaluate(
        "[...document.querySelectorAll('h2.ps-page-break')]"
        ".map(e => getComputedStyle(e).breakBefore)"
    )
    assert breaks == ["page"] * 4
    pdf = page.pdf(prefer_css_page_size=True)
    page.close()
    sizes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert len(sizes) >= 5  # the summary, then a page or more per group and the indicators
    assert {(round(float(w)), round(float(h))) for w, h in sizes} == {(595, 842)}  # A4


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small plan published at a known address, with a link in a narrative."""
    content = tmp_path_factory.mktemp("linked") / "content"
    shutil.copytree(SMALL_PLAN, content)
    site = content / "site.yaml"
    site.write_text(site.read_text() + "url: https://plan.example.gov.uk/p/\n")
    progress = content / "progress/2015-01.yaml"
    progress.write_text(
        progress.read_text().replace(
            "checked by the board.", "checked by [the board](https://example.org/minutes)."
        )
    )
    return build_once(tmp_path_factory, "linked-site", content)


def test_the_printed_report_gives_its_address_and_the_address_of_each_link(
    browser, linked_site: Path
):
    report = linked_site / "2015-01/report/index.html"
    assert (
        'This report online: <a href="https://plan.example.gov.uk/p/2015-01/report/">'
        "https&#58;//plan.example.gov.uk/p/2015-01/report/</a>"
    ) in report.read_text()
    page = browser.new_page()
    page.goto(report.as_uri())
    page.emulate_media(media="print")
    after = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('article a')]
            .map(a => [a.textContent, getComputedStyle(a, '::after').content]))"""
    )
    page.close()
    assert after["the board"] == '" (https://example.org/minutes)"'
    assert after["https://plan.example.gov.uk/p/2015-01/report/"] == (
        '" (https://plan.example.gov.uk/p/2015-01/report/)"'
    )
    assert after["1.4"] == "none"  # links inside the report are not written out


def test_a_leads_page_shows_their_overdue_actions(small_site: Path):
    leads = (small_site / "2015-01/leads/index.html").read_text()
    assert '<a href="ann-graham/">Ann Graham</a>' in leads
    ann = (small_site / "2015-01/leads/ann-graham/index.html").read_text()
    overdue = ann[ann.index('id="overdue"') : ann.index('id="actions"')]
    assert '<a href="../../recommendations/1/#1.4">1.4</a>' in overdue
    assert "31 October 2014" in overdue
    assert '<a href="../../recommendations/1/#1.2">' not in overdue
    for page in ("2015-01/leads/index.html", "2015-01/leads/ann-graham/index.html"):
        assert broken_links(small_site, small_site / page) == []


def test_each_recommendation_page_links_its_feed(small_site: Path):
    rec = (small_site / "2015-01/recommendations/13-14/index.html").read_text()
    assert (
        '<a href="../../../feeds/recommendations/13-14.xml" type="application/atom+xml">'
        "Follow this recommendation</a>"
    ) in rec
    feed = ET.parse(small_site / "feeds/recommendations/13-14.xml").getroot()
    assert [e.find(f"{ATOM}summary").text for e in feed.iter(f"{ATOM}entry")] == [
        "Action 13.2: not rated in this report (was On track). Assessed by Independent "
        "improvement board on "
        "27 January 2015: Good progress.",
        "Recommendation 13/14 in the plan. Action 13.2: On track.",
    ]
    main = ET.parse(small_site / "feed.xml").getroot()
    assert len(main.findall(f"{ATOM}entry")) == 3  # the main feed is as it was


def test_embeds_have_no_chrome_and_link_back(small_site: Path):
    kpi = (small_site / "2015-01/embed/kpis/neet/index.html").read_text()
    for chrome in ('class="md-header', 'class="md-sidebar', 'class="md-footer', "md-search"):
        assert chrome not in kpi
    assert '<img alt="' in kpi and 'src="../../../kpis/neet.svg"' in kpi
    assert '<a href="../../../../2015-01/kpis/neet/" target="_top">' in kpi
    assert "<td>31 December 2014</td>" in kpi
    group = (small_site / "2015-01/embed/pillars/aip-1/index.html").read_text()
    assert 'class="ps-bar" role="img" aria-label="2 actions&#58; Completed 1, On track 1"' in group
    page = (small_site / "2015-01/kpis/neet/index.html").read_text()
    assert (
        "&lt;iframe src=&quot;2015-01/embed/kpis/neet/&quot; title=&quot;Care leavers not in "
        "education, employment or training"
    ) in page
    for path in ("2015-01/embed/kpis/neet/index.html", "2015-01/embed/pillars/aip-1/index.html"):
        assert broken_links(small_site, small_site / path) == []


def test_an_independent_verdict_is_shown_beside_the_councils_own_view(small_site: Path):
    rec = (small_site / "2015-01/recommendations/1/index.html").read_text()
    views = rec[rec.index('class="ps-views"') : rec.index("Follow this recommendation")]
    own = "<strong>London Borough of Barking and Dagenham's own view</strong> (January 2015)"
    assert own in views
    assert "<strong>Independent assessment by Ofsted</strong>, 20 January 2015" in views
    assert '<span class="ps-verdict">Insufficient progress</span>' in views
    assert (
        '<a href="https://reports.example.gov.uk/monitoring?visit=3&area=b">'
        "Read Ofsted's assessment</a>"
    ) in views
    listing = (small_site / "2015-01/assessments/index.html").read_text()
    assert ">Ofsted: Recommendation 1, 20 January 2015<" in listing
    assert ">Independent improvement board: Recommendation 13/14, 27 January 2015<" in listing
    changes = (small_site / "2015-01/changes/index.html").read_text()
    assert (
        '<a href="../recommendations/1/">Recommendation 1</a></strong>: Ofsted, '
        "20 January 2015: <em>Insufficient progress</em>"
    ) in changes
    earlier = (small_site / "2014-10/assessments/index.html").read_text()
    assert "No independent assessment was made public with this report." in earlier
    assert (small_site / "2015-01/data/assessments.json").is_file()


def test_diff_json_carries_the_assessments():
    result = run_cli("diff", "--content", str(SMALL_PLAN), "2014-10", "2015-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(a["recommendation"], a["verdict"]) for a in data["assessments"]["to"]] == [
        ("1", "Insufficient progress"),
        ("13/14", "Good progress"),
    ]
    assert data["assessments"]["from"] == []
