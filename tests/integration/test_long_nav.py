"""A plan with many recommendations or KPIs lists them on their index pages, not in the
navigation of every page; their pages are still built, linked and found by search."""

from __future__ import annotations

import json

from generator.render import pages
from generator.site.build import build_site
from tests.conftest import SMALL_PLAN
from tests.integration.linkcheck import broken_links_everywhere


def _nav_links(page: str) -> list[str]:
    start = page.index('<nav class="md-nav md-nav--primary"')
    end = page.index('<div class="md-content"')
    return [part.split('"', 1)[0] for part in page[start:end].split('href="')[1:]]


def test_sections_longer_than_the_limit_keep_only_their_index_in_the_navigation(
    tmp_path, monkeypatch
):
    out = tmp_path / "site"
    build_site(SMALL_PLAN, out)
    listed = _nav_links((out / "2015-01/index.html").read_text())
    assert "recommendations/1/" in listed and "kpis/neet/" in listed

    monkeypatch.setattr(pages, "NAV_LIMIT", 1)  # the small plan: 5 recommendations, 2 KPIs
    out = tmp_path / "long"
    build_site(SMALL_PLAN, out)  # strict: pages left out of the navigation are no warning
    home = (out / "2015-01/index.html").read_text()
    listed = _nav_links(home)
    assert "recommendations/" in listed and "kpis/" in listed
    assert not [
        link
        for link in listed
        if link.startswith(("recommendations/", "kpis/"))
        and link not in ("recommendations/", "kpis/")
    ]
    index = (out / "2015-01/recommendations/index.html").read_text()
    assert 'href="1/"' in index  # the index page still lists every recommendation
    assert (out / "2015-01/recommendations/1/index.html").is_file()
    assert (out / "2015-01/kpis/neet/index.html").is_file()
    assert broken_links_everywhere(out) == {}
    search = json.loads((out / "2015-01/search/search_index.json").read_text())
    assert any(doc["location"].startswith("recommendations/1/") for doc in search["docs"])
