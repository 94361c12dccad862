"""A large plan: long lists continue on numbered pages, so pages stay small and linked."""

from __future__ import annotations

import re

import pytest

from tests.integration.linkcheck import broken_links

UNBOUNDED: set[str] = set()
"""Every page is bounded: long lists continue on numbered pages."""


def test_no_page_grows_with_the_plan(large_site):
    version = large_site / "2020-02"
    sizes = {
        str(p.relative_to(version)): p.stat().st_size
        for p in version.rglob("index.html")
        if p.relative_to(version).parts[0] not in UNBOUNDED
    }
    assert len(sizes) > 150
    assert {page: size for page, size in sizes.items() if size > 60 * 1024} == {}


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
