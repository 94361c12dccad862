"""A large plan: long lists continue on numbered pages, so pages stay small and linked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.dev.measure import PAGE_DOM, PAGE_GZIP_KB, page_weight, site_pages
from generator.dev.synthetic import Scale, write_content
from tests.integration.conftest import build_once
from tests.integration.linkcheck import broken_links


def _over_limits(site: Path) -> dict[str, tuple[float, int]]:
    weights = {str(page.relative_to(site)): page_weight(page) for _, page in site_pages(site)}
    assert len(weights) > 150
    return {
        page: (round(kb, 1), dom)
        for page, (kb, dom) in weights.items()
        if kb > PAGE_GZIP_KB or dom > PAGE_DOM
    }


@pytest.fixture(scope="module")
def thousand_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic plan of 1,036 actions in two releases, every action changed between them."""
    content = write_content(
        tmp_path_factory.mktemp("thousand") / "content", Scale(recommendations=133, releases=2)
    )
    return build_once(tmp_path_factory, "thousand-site", content)


def test_the_limits_are_60_kb_compressed_and_3000_elements():
    assert (PAGE_GZIP_KB, PAGE_DOM) == (60.0, 3000)


def test_no_page_of_a_1000_action_plan_is_over_the_limits(thousand_site):
    assert _over_limits(thousand_site) == {}
    # the largest comparison is set out by group, on pages of whole recommendations
    parts = list((thousand_site / "2020-02/changes/people").glob("[0-9]*/index.html"))
    assert len(parts) >= 2


def test_a_comparison_of_148_changed_actions_is_one_page_within_the_limits(tmp_path_factory):
    content = write_content(
        tmp_path_factory.mktemp("month") / "content", Scale(recommendations=20, releases=2)
    )
    site = build_once(tmp_path_factory, "month-site", content)
    changes = site / "2020-02/changes"
    assert sorted(p.name for p in changes.iterdir()) == ["baseline", "index.html"]
    page = (changes / "index.html").read_text()
    assert page.count('class="ps-label">Before:</p>') == 148  # every action, on this page
    assert _over_limits(site) == {}


def test_no_page_grows_with_the_plan(large_site):
    assert _over_limits(large_site) == {}


@pytest.mark.parametrize(
    "first", ["pillars/people", "leads/team-manager", "changes/people", "changes/baseline/people"]
)
def test_a_long_list_continues_on_numbered_pages_linked_both_ways(large_site, first):
    version = large_site / "2020-02"
    numbered = sorted((version / first).glob("[0-9]*/index.html"), key=lambda p: int(p.parent.name))
    assert len(numbered) >= 2
    pages = [version / first / "index.html", *numbered]
    for number, page in enumerate(pages, start=1):
        text = page.read_text()
        assert f"Page {number} of {len(pages)}" in text
        if number < len(pages):
            assert ">Next page</a>" in text
        if number > 1:
            assert ">Previous page</a>" in text
        assert broken_links(large_site, page) == []
    # numbered pages are reached from their first page, not listed in the navigation
    home = (version / "index.html").read_text()
    assert f"{first}/2/" not in home


def test_the_recommendations_index_continues_on_numbered_pages(large_site):
    version = large_site / "2020-02"
    first = version / "recommendations" / "index.html"
    numbered = sorted((version / "recommendations" / "index").glob("[0-9]*/index.html"))
    assert [p.parent.name for p in numbered] == ["2"]
    listed = []
    for number, page in enumerate([first, *numbered], start=1):
        text = page.read_text()
        assert f"Page {number} of 2" in text
        assert broken_links(large_site, page) == []
        listed += re.findall(r'<td data-label="No\."><a href="[^"]*">(\d+)</a></td>', text)
    assert listed == [str(n) for n in range(1, 61)]  # every recommendation, once, in order
    assert "The plan has 60 recommendations." in first.read_text()


def test_a_long_report_is_set_out_in_parts_linked_from_its_front_page(large_site):
    report = large_site / "2020-02/report"
    front = (report / "index.html").read_text()
    assert "This report is in " in front and "This report in parts" in front
    listed = re.findall(r'<li><a href="([^"]+)">', front.partition("This report in parts")[2])
    every = sorted(p.parent for p in report.rglob("*/index.html"))
    assert sorted((report / href).resolve() for href in listed) == every
    # in plan order: each group's pages in turn, then the indicators
    firsts = [href.split("/")[0] for href in listed]
    assert list(dict.fromkeys(firsts)) == ["people", "practice", "governance", "indicators"]
    assert broken_links(large_site, report / "index.html") == []
    for part in ("people", "indicators"):
        pages = [report / part / "index.html"] + sorted(
            (report / part).glob("[0-9]*/index.html"), key=lambda p: int(p.parent.name)
        )
        assert len(pages) >= 2
        for number, page in enumerate(pages, start=1):
            text = page.read_text()
            assert f"Page {number} of {len(pages)}" in text
            assert (">Next page</a>" in text) == (number < len(pages))
            assert (">Previous page</a>" in text) == (number > 1)
            assert ">The report's front page</a>" in text
            assert "@page { @top-left { content: " in text  # printed with the running header
    for page in report.rglob("*/index.html"):
        assert broken_links(large_site, page) == [], page
    # the parts are reached from the front page, not listed in the navigation
    assert "report/people/" not in (large_site / "2020-02/index.html").read_text()


def test_a_list_of_more_than_12_pages_names_them_all_on_its_first_page_only(tmp_path):
    from generator.content.validate import load_content
    from generator.facts.derive import release_views
    from generator.render.pages import render_release

    content = write_content(tmp_path / "content", Scale(recommendations=150, releases=1))
    (view,) = release_views(load_content(content))
    render_release(view, tmp_path / "docs", earlier=[])
    part = tmp_path / "docs" / "report"
    pages = [part / "people.md"] + sorted(part.glob("people/[0-9]*.md"), key=lambda p: int(p.stem))
    count = len(pages)
    assert count > 20
    first = pages[0].read_text(encoding="utf-8")
    assert "## Every page of People { #every-page }" in first
    assert all(f"[Page {n}](" in first for n in range(2, count + 1))
    tenth = pages[9].read_text(encoding="utf-8")
    listed = tenth.partition("## Pages of People { #pages }")[2]
    assert re.findall(
        r"^- (?:\[Page (\d+)\]|\*\*Page (\d+)\*\*|Pages (\d+) to (\d+))", listed, re.M
    ) == [
        ("1", "", "", ""),
        ("", "", "2", "7"),
        ("8", "", "", ""),
        ("9", "", "", ""),
        ("", "10", "", ""),
        ("11", "", "", ""),
        ("12", "", "", ""),
        ("", "", "13", str(count - 1)),
        (str(count), "", "", ""),
    ]
    assert (
        f"- Pages 13 to {count - 1}: in [the list of every page](../people.md#every-page) on page 1"
        in listed
    )
