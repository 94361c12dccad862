"""Every page type of the default site, checked with axe-core at phone and desktop widths.

The goal is zero violations of WCAG 2.0, 2.1 and 2.2 A and AA rules. The same visits check
that the browser requests nothing from any other host.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.conftest import DATA
from tests.integration.conftest import build_once, serve

PAGES = [
    "2017-04/",
    "2017-04/changes/",
    "2017-04/changes/baseline/",
    "2017-04/pillars/",
    "2017-04/pillars/practice-systems/",
    "2017-04/recommendations/",
    "2017-04/recommendations/9/",
    "2017-04/kpis/",
    "2017-04/kpis/open-cases/",
    "2017-04/methods/",
    "2017-04/glossary/",
    "2017-04/data/",
    "2017-04/releases/",
    "2017-04/accessibility/",
    "2017-04/report/",
    "2017-04/leads/",
    "2017-04/embed/kpis/open-cases/",
    "2017-04/embed/pillars/practice-systems/",
    "2016-08/",  # an older version, with the outdated-version banner
    "2016-08/recommendations/1/",
]
SMALL_PAGES = [
    "2015-01/leads/",
    "2015-01/leads/ann-graham/",
    "2015-01/report/",
    "2015-01/assessments/",
    "2015-01/recommendations/1/",
]
"""The shipped plan names no leads and has no independent assessments: those pages are checked
on the small plan."""
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def describe(violations: list[dict]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
    ]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def series_url(series_site):
    yield from serve(series_site)


def violations_on(browser, axe, width, base_url, paths):
    """Axe's violations on each page that has any, and every host the pages requested."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    found = {}
    for path in paths:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        violations = describe(result.response["violations"])
        if violations:
            found[path] = violations
    page.close()
    return found, hosts


@pytest.mark.parametrize("width", [320, 1280])
def test_no_accessibility_violations_and_no_third_party_requests(browser, base_url, axe, width):
    found, hosts = violations_on(browser, axe, width, base_url, PAGES)
    assert found == {}
    assert hosts == {urlparse(base_url).netloc}


REAL_PAGES = [
    "2014-10/",
    "2014-10/facets/timeframe/",
    "2014-10/facets/timeframe/within-6-months/",
    "2014-10/facets/service/looked-after/",
    "2014-10/recommendations/13-14/",
    "2014-10/recommendations/18/",
    "2014-10/changes/",  # recommendation narratives as word diffs
    "2014-10/kpis/ni148/",
    "2014-10/data/",
]


@pytest.mark.parametrize("width", [320, 1280])
def test_real_plan_pages_have_no_accessibility_violations(browser, real_base_url, axe, width):
    found, _ = violations_on(browser, axe, width, real_base_url, REAL_PAGES)
    assert found == {}


@pytest.mark.parametrize("width", [320, 1280])
def test_a_kpi_with_notes_a_break_and_a_tolerance_is_accessible(browser, series_url, axe, width):
    pages = ["2015-01/kpis/visits-due/", "2014-10/kpis/visits-due/", "2015-01/methods/"]
    found, _ = violations_on(browser, axe, width, series_url, pages)
    assert found == {}


@pytest.mark.parametrize("width", [320, 1280])
def test_lead_pages_are_accessible(browser, small_base_url, axe, width):
    found, _ = violations_on(browser, axe, width, small_base_url, SMALL_PAGES)
    assert found == {}


@pytest.fixture(scope="module")
def large_url(large_site):
    yield from serve(large_site)


@pytest.mark.parametrize("width", [320, 1280])
def test_numbered_pages_of_a_large_plan_are_accessible(browser, large_url, axe, width):
    pages = [
        "2020-02/pillars/people/2/",
        "2020-02/leads/team-manager/2/",
        "2020-02/changes/people/2/",
    ]
    found, _ = violations_on(browser, axe, width, large_url, pages)
    assert found == {}


STRATEGIC_PAGES = [
    "2026-07-15/",  # About this plan, headline indicators, late to start
    "2026-07-15/pillars/",
    "2026-07-15/pillars/pillar-1/",  # a pillar's measures
    "2026-07-15/recommendations/",
    "2026-07-15/recommendations/p1.f1/",  # titled actions, one late to start
    "2026-07-15/recommendations/p3.f2/",
    "2026-04-16/recommendations/p2.f1/",  # evidence alone on a focus area
    "2026-04-16/changes/",  # a revision, no new value, two releases in one month
    "2026-01-15/changes/",  # newly late to start
    "2026-07-15/kpis/",
    "2026-07-15/kpis/chronic-absence/",  # quarterly periods
    "2026-07-15/kpis/graduation-rate/",  # a revised school-year value
    "2026-07-15/methods/",
    "2026-07-15/data/",
    "2026-07-15/releases/",
    "2026-07-15/report/",
    "2026-07-15/leads/",
    "2026-07-15/leads/office-of-teaching-and-learning/",
    "2026-07-15/embed/kpis/chronic-absence/",
    "2026-07-15/embed/pillars/pillar-2/",
    "2026-04-09/",  # an older version, with the outdated-version banner
]
"""Every page type of the strategic plan: pillars, focus areas and periodic measures."""


@pytest.fixture(scope="module")
def strategic_url(tmp_path_factory):
    yield from serve(build_once(tmp_path_factory, "strategic-a11y", DATA / "strategic-plan"))


@pytest.mark.parametrize("width", [320, 1280])
def test_strategic_plan_pages_are_accessible(browser, strategic_url, axe, width):
    found, hosts = violations_on(browser, axe, width, strategic_url, STRATEGIC_PAGES)
    assert found == {}
    assert hosts == {urlparse(strategic_url).netloc}
