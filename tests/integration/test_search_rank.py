"""Search on the shipped site: the printable report, the comparisons and the embeds are not in
the index, and a query for a recommendation's words lands first on its page."""

from __future__ import annotations

import json

import pytest


def test_the_index_leaves_out_the_report_comparisons_and_embeds(default_site):
    for version in ("2016-08", "2017-04"):
        index = json.loads((default_site / version / "search/search_index.json").read_text())
        pages = {doc["location"].split("#")[0] for doc in index["docs"]}
        left_out = [p for p in pages if p.startswith(("report/", "changes/", "embed/"))]
        assert left_out == [], version
        assert "recommendations/1/" in pages and "glossary/" in pages


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("recruitment", "2017-04/recommendations/1/"),
        ("recruitment", "2016-08/recommendations/1/"),
        ("open cases", "2017-04/kpis/open-cases/"),
    ],
)
def test_a_query_lands_first_on_its_page(browser, base_url, query, page):
    version = page.split("/", 1)[0]
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    tab.goto(f"{base_url}{version}/")
    tab.wait_for_load_state("networkidle")  # the search index is loaded by a web worker
    tab.locator("label.md-header__button[for=__search]").click()
    search = tab.locator(".md-search__input")
    search.press_sequentially(query, delay=20)
    first = tab.locator(".md-search-result__item").first
    first.wait_for()
    link = first.locator("a").first.get_attribute("href")
    assert link is not None and link.split("?")[0].split("#")[0] == base_url + page, link
    first.locator("a").first.click()
    tab.wait_for_url(lambda url: url.split("?")[0].split("#")[0] == base_url + page)
    tab.close()
