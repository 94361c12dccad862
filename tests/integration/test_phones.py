"""The shipped site on a phone, in Chromium: nothing runs off the right edge at 320 CSS px,
wide tables are read as labelled rows, the version selector shows each release's title and
date inside the screen, and embeds fit the frame the snippet gives them."""

from __future__ import annotations

import html
import re

import pytest

from tests.conftest import DATA
from tests.integration.conftest import build_once, serve

PAGES = [
    "2017-04/",  # home
    "2017-04/pillars/",  # group index
    "2017-04/pillars/practice-systems/",  # group
    "2017-04/recommendations/",
    "2017-04/recommendations/9/",
    "2017-04/kpis/",
    "2017-04/kpis/open-cases/",
    "2017-04/changes/",
    "2017-04/changes/baseline/",  # the comparison with the first report
    "2017-04/changes/people-leadership/",
    "2017-04/report/",
    "2017-04/data/",
    "2017-04/glossary/",
    "2017-04/releases/",
    "2017-04/accessibility/",
    "2017-04/methods/",
    "2017-04/no-such-page/",  # the version's 404 page, as a server shows it
    "2016-08/",  # an older version, with the outdated-version banner
    "2017-04/embed/kpis/open-cases/",
    "2017-04/embed/pillars/practice-systems/",
]

OVERFLOW = """() => {
  const width = window.innerWidth;
  const out = [];
  if (document.scrollingElement.scrollWidth > width)
    out.push(`page ${document.scrollingElement.scrollWidth}`);
  for (const table of document.querySelectorAll('article table')) {
    const box = table.getBoundingClientRect();
    if (box.right > width + 0.5 || table.scrollWidth > table.clientWidth + 1)
      out.push(`table "${table.innerText.slice(0, 40)}" ${Math.round(box.right)}`);
    const wrap = table.closest('.md-typeset__scrollwrap');
    if (wrap && wrap.scrollWidth > wrap.clientWidth + 1)
      out.push(`scrolled table "${table.innerText.slice(0, 40)}"`);
  }
  return out;
}"""
"""What runs off the right edge: the page, or a table inside its sideways-scrolling box."""


@pytest.fixture(scope="module")
def phone(browser):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    yield page
    page.close()


@pytest.mark.parametrize("path", PAGES)
def test_nothing_runs_off_the_right_edge_at_320_pixels(phone, base_url, path):
    phone.goto(base_url + path)
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate(OVERFLOW) == []
    if phone.locator(".md-version__current").count():  # and with the version list open
        phone.locator(".md-version__current").focus()
        phone.locator(".md-version__link").first.wait_for()
        assert phone.evaluate(OVERFLOW) == []
        for link in phone.locator(".md-version__link").all():
            box = link.bounding_box()
            assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= 320


def test_a_leads_page_fits_a_phone(browser, small_base_url):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    for path in ("2015-01/leads/", "2015-01/leads/ann-graham/", "2015-01/assessments/"):
        page.goto(small_base_url + path)
        assert page.evaluate(OVERFLOW) == [], path
    page.close()


STRATEGIC_PAGES = [
    "2026-07-15/changes/baseline/",  # "No significant change" in a labelled cell
    "2026-04-16/changes/",
    "2026-07-15/pillars/pillar-1/",
    "2026-07-15/recommendations/p1.f1/",
    "2026-07-15/kpis/chronic-absence/",
    "2026-07-15/leads/",
]
REAL_PAGES = ["2014-10/facets/timeframe/", "2014-10/changes/", "2014-10/recommendations/13-14/"]


@pytest.fixture(scope="module")
def strategic_url(tmp_path_factory):
    yield from serve(build_once(tmp_path_factory, "strategic-phones", DATA / "strategic-plan"))


def test_the_strategic_and_real_plans_fit_a_phone(browser, strategic_url, real_base_url):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    for url in [strategic_url + p for p in STRATEGIC_PAGES] + [
        real_base_url + p for p in REAL_PAGES
    ]:
        page.goto(url)
        assert page.evaluate(OVERFLOW) == [], url
    page.close()


def test_the_changes_page_shows_each_indicators_change_and_direction_at_390(browser, strategic_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(strategic_url + "2026-01-15/changes/")
    row = page.locator("table", has=page.locator("th", has_text="Direction")).locator("tbody tr")
    first = row.first
    first.scroll_into_view_if_needed()
    for heading in ("Indicator", "Change", "Direction"):
        cell = first.locator(f'td[data-label="{heading}"]')
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, heading
        assert cell.evaluate("e => getComputedStyle(e, '::before').content") == f'"{heading}"'
        assert cell.is_visible()
    assert first.locator('td[data-label="Direction"] .ps-direction').inner_text().strip()
    assert first.locator('td[data-label="Change"]').inner_text().strip()
    # at desktop width the table is a table again, its headings shown once
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator("th", has_text="Direction").first.is_visible()
    assert first.locator("td").first.evaluate("e => getComputedStyle(e).display") == "table-cell"
    page.close()


def test_the_version_selector_is_named_by_the_title_and_date_it_shows(browser, base_url, axe):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(base_url + "2016-08/recommendations/7/")
    button = page.get_by_role(
        "button", name="August 2016 response to the inspection 23 August 2016", exact=True
    )
    button.wait_for()
    assert (
        button.inner_text().split()
        == "August 2016 response to the inspection 23 August 2016".split()
    )
    button.focus()
    link = page.get_by_role("link", name="April 2017 progress update 30 April 2017", exact=True)
    link.wait_for()
    assert page.get_by_role("dialog", name="Search").count() == 1
    rules = ["label-content-name-mismatch", "aria-dialog-name", "button-name", "link-name"]
    result = axe.run(page, options={"runOnly": {"type": "rule", "values": rules}})
    assert result.response["violations"] == []
    page.close()


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


SNIPPET = re.compile(r'<pre class="ps-snippet"><code>(.*?)</code></pre>', re.S)


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_embed_snippet_shows_the_whole_embed_and_its_link_back(
    browser, base_url, default_site, width
):
    """A partner's page with the snippet as the KPI page gives it: the frame shows the heading,
    the chart, the table (scrolling inside the frame) and the link back; nothing is cut off."""
    kpi_page = (default_site / "2017-04/kpis/open-cases/index.html").read_text()
    found = SNIPPET.search(kpi_page)
    assert found is not None
    snippet = html.unescape(found.group(1))
    height = int(re.search(r'height="(\d+)"', snippet).group(1))
    page = browser.new_page(viewport={"width": width, "height": 900})
    host = base_url + "partner.html"
    body = f"<!DOCTYPE html><title>Partner</title><h1>Our area</h1>{snippet}<p>After</p>"
    page.route(host, lambda route: route.fulfill(content_type="text/html", body=body))
    page.goto(host)
    frame = page.frame_locator("iframe")
    link = frame.get_by_role("link", name="See this indicator in full")
    link.wait_for()
    inner = page.frames[1]
    assert inner.evaluate("document.scrollingElement.scrollHeight <= innerHeight")
    assert inner.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    seen = inner.evaluate(
        """() => [...document.querySelectorAll('.ps-embed > *')].map(e => {
             const box = e.getBoundingClientRect();
             return [e.tagName, box.top >= 0 && box.bottom <= innerHeight + 0.5 && box.height > 0];
           })"""
    )
    assert [tag for tag, inside in seen if not inside] == [], seen
    assert {"H1", "FIGURE", "DIV"} <= {tag for tag, _ in seen}
    # the chart is whole: not squeezed under the table
    chart = inner.evaluate(
        "document.querySelector('.ps-embed figure img').getBoundingClientRect().bottom"
    )
    table = inner.evaluate("document.querySelector('.ps-embed-values').getBoundingClientRect().top")
    assert chart <= table
    link_box, frame_box = link.bounding_box(), page.locator("iframe").bounding_box()
    assert link_box is not None and frame_box is not None and frame_box["height"] == height
    assert frame_box["y"] <= link_box["y"]
    assert link_box["y"] + link_box["height"] <= frame_box["y"] + frame_box["height"]
    # every value can be reached: the table scrolls inside the frame
    last = frame.locator("tbody tr").last
    last.scroll_into_view_if_needed()
    assert last.is_visible()
    page.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_an_embed_in_a_short_frame_has_no_accessibility_violations(browser, base_url, axe, width):
    """When the values scroll inside the frame, keys can scroll them too."""
    page = browser.new_page(viewport={"width": width, "height": 560})
    page.goto(base_url + "2017-04/embed/kpis/open-cases/")
    region = page.get_by_role("region", name="Values")
    assert region.evaluate("e => e.scrollHeight > e.clientHeight")  # it does scroll here
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": tags}})
    assert [v["id"] for v in result.response["violations"]] == []
    region.focus()
    page.keyboard.press("End")
    page.wait_for_timeout(200)
    assert region.evaluate("e => e.scrollTop > 0")
    page.close()
