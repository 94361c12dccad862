"""What residents get from a built site: downloads, a feed, search, and nothing from other hosts."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.integration.linkcheck import broken_links, broken_links_everywhere

# Attributes and CSS that make a browser fetch something.
RESOURCE = re.compile(
    r"""<(?:script|img|iframe|audio|video|source|embed|object|track|image|use)\b[^>]*?"""
    r"""\s(?:src|href|xlink:href|data|srcset|poster)\s*=\s*["']?\s*(?P<a>[^"'\s>]+)"""
    r"""|<link\b[^>]*?\shref\s*=\s*["']?\s*(?P<b>[^"'\s>]+)"""
    r"""|url\(\s*["']?(?P<c>[^"')]+)"""
    r"""|@import\s+["'](?P<d>[^"']+)""",
    re.IGNORECASE,
)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def external_loads(site: Path) -> list[str]:
    found = []
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".css", ".svg", ".xml") or path.name == "feed.xml":
            continue
        for match in RESOURCE.finditer(path.read_text(encoding="utf-8", errors="replace")):
            url = next(g for g in match.groups() if g)
            if EXTERNAL.match(url) and not url.startswith("http://www.w3.org/"):
                found.append(f"{path.relative_to(site)}: {url}")
    return found


def test_the_site_loads_nothing_from_other_hosts(default_site):
    assert external_loads(default_site) == []


def test_the_scan_would_catch_an_external_load(tmp_path):
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//cdn.example.com/x.js"></script><a href="https://ofsted.gov.uk">ok</a>'
    )
    (tmp_path / "style.css").write_text(
        "@font-face { src: url(https://fonts.gstatic.com/a.woff2) }"
    )
    assert sorted(external_loads(tmp_path)) == [
        "index.html: //cdn.example.com/x.js",
        "index.html: https://fonts.googleapis.com/css?family=Roboto",
        "style.css: https://fonts.gstatic.com/a.woff2",
    ]


def test_downloads_and_data_page(default_site):
    data = default_site / "2017-04/data"
    for name in ("actions.csv", "actions.json", "kpis.csv", "kpis.json"):
        assert (data / name).stat().st_size > 0
    assert len(json.loads((data / "actions.json").read_text())["actions"]) == 66
    page = default_site / "2017-04/data/index.html"
    assert 'href="actions.csv"' in page.read_text()
    assert broken_links(default_site, page) == []


def test_feed(default_site):
    feed = ET.parse(default_site / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    hrefs = [e.find(f"{atom}link").get("href") for e in feed.findall(f"{atom}entry")]
    assert hrefs == ["2017-04/", "2016-08/"]
    assert all((default_site / href / "index.html").is_file() for href in hrefs)
    home = (default_site / "2017-04/index.html").read_text()
    assert '<link rel="alternate" type="application/atom+xml"' in home
    assert 'href="../../feed.xml"' in (default_site / "2017-04/releases/index.html").read_text()


def test_search_index_has_action_text_and_kpi_names(default_site):
    for release in ("2016-08", "2017-04"):
        index = json.loads((default_site / release / "search/search_index.json").read_text())
        text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
        assert "Relaunch induction to give intensive support" in text
        assert ("No. of open cases" in text) is (release == "2017-04")
        locations = {doc["location"] for doc in index["docs"]}
        assert "recommendations/1/#1.3" in locations


def test_the_report_and_comparisons_are_left_out_of_the_search_index(default_site):
    index = json.loads((default_site / "2017-04/search/search_index.json").read_text())
    locations = [doc["location"] for doc in index["docs"]]
    assert [loc for loc in locations if loc.startswith(("report/", "changes/"))] == []
    # a recommendation's own words find its page first, not a comparison quoting older wording
    words = "Relaunch induction to give intensive support"
    found = [doc["location"] for doc in index["docs"] if words in doc["text"]]
    assert found and found[0].startswith("recommendations/1/"), found
    assert "accessibility/" in locations


def test_every_version_has_an_accessibility_statement_linked_from_every_page(default_site):
    page = (default_site / "2017-04/accessibility/index.html").read_text()
    assert "<h1" in page and "Accessibility statement" in page
    assert "Web Content Accessibility Guidelines version 2.2" in page
    home = (default_site / "2017-04/index.html").read_text()
    assert 'href="accessibility/"' in home


def test_no_broken_links_anywhere_in_the_output(default_site, small_site):
    for site in (default_site, small_site):
        assert broken_links_everywhere(site) == {}


def test_the_link_check_finds_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text(
        '<a href="../b/">b</a><a href="#here">x</a><img src="missing.svg"><p id="there"></p>'
        '<a href="https://example.org/">out</a>'
    )
    assert broken_links_everywhere(tmp_path) == {
        "a/index.html": [
            "../b/ (no b/index.html)",
            "#here (no #here)",
            "missing.svg (no a/missing.svg)",
        ]
    }
