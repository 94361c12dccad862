"""Every page type of the default site, checked with axe-core at phone and desktop widths.

The goal is zero violations of WCAG 2.0, 2.1 and 2.2 A and AA rules. The same visits check
that the browser requests nothing from any other host.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

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
    "2016-08/",  # an older version, with the outdated-version banner
    "2016-08/recommendations/1/",
]
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


@pytest.mark.parametrize("width", [320, 1280])
def test_no_accessibility_violations_and_no_third_party_requests(browser, base_url, axe, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    found = {}
    for path in PAGES:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        violations = describe(result.response["violations"])
        if violations:
            found[path] = violations
    page.close()
    assert found == {}
    assert hosts == {urlparse(base_url).netloc}


REAL_PAGES = [
    "2014-10/",
    "2014-10/facets/timeframe/",
    "2014-10/facets/timeframe/within-6-months/",
    "2014-10/facets/service/looked-after/",
    "2014-10/recommendations/13-14/",
    "2014-10/recommendations/18/",
    "2014-10/kpis/ni148/",
    "2014-10/data/",
]


@pytest.mark.parametrize("width", [320, 1280])
def test_real_plan_pages_have_no_accessibility_violations(browser, real_base_url, axe, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    found = {}
    for path in REAL_PAGES:
        page.goto(real_base_url + path)
        page.wait_for_load_state("networkidle")
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        violations = describe(result.response["violations"])
        if violations:
            found[path] = violations
    page.close()
    assert found == {}
