"""The real-plan fixture builds in strict mode: facets, targets, merges, leads, as_at."""

from __future__ import annotations

from tests.integration.linkcheck import broken_links_everywhere


def test_real_plan_builds_with_every_page_and_download(real_site):
    version = real_site / "2014-10"
    for path in (
        "facets/timeframe/index.html",
        "facets/timeframe/immediately/index.html",
        "facets/service/looked-after/index.html",
        "recommendations/13-14/index.html",
        "recommendations/18/index.html",
        "data/recommendations.csv",
        "data/recommendations.json",
    ):
        assert (version / path).is_file(), path
    assert broken_links_everywhere(real_site) == {}


def test_real_plan_pages_show_lists_and_withdrawn_navigation(real_site):
    page = (real_site / "2014-10/recommendations/13-14/index.html").read_text()
    assert "<li>improve the referral process</li>" in page
    assert "Recommendation 18 (withdrawn)" in page
    assert "progress as at 5 October 2014" in page


def test_phone_header_is_clear_on_the_real_plan(browser, real_base_url):
    for width in (320, 390):
        page = browser.new_page(viewport={"width": width, "height": 700})
        page.goto(real_base_url + "2014-10/facets/timeframe/within-6-months/")
        title = page.locator(".md-version__current")
        title.wait_for()
        search = page.locator("label.md-header__button[for=__search]").bounding_box()
        box = title.bounding_box()
        assert box is not None and search is not None
        assert box["x"] + box["width"] <= search["x"], width
        page.close()
