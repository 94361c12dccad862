"""A site served under a sub-path (site.yaml ``url: https://example.org/plans/progress/``):
every link it builds stays inside that path, checked in the files and in Chromium."""

from __future__ import annotations

import functools
import html
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import _Quiet, build_once

URL = "https://example.org/plans/progress/"
PATH = "/plans/progress/"
OLD, NEWEST = "2014-10", "2015-01"


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("subpath") / "content"
    shutil.copytree(SMALL_PLAN, content)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(f"url: {URL}\n" + site_yaml.read_text())
    return build_once(tmp_path_factory, "subpath-site", content)


class _UnderPath(_Quiet):
    """Serves the site under PATH only, and the site's 404.html for anything missing there,
    as a web server configured with an error page does."""

    def send_head(self):  # noqa: ANN201 - the base class's signature
        path = self.path.split("?", 1)[0]
        if not path.startswith(PATH):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(PATH) :]
        local = Path(self.translate_path(self.path))
        if not (local.is_file() or (local / "index.html").is_file()):
            return self._not_found()
        return super().send_head()

    def _not_found(self):  # noqa: ANN202
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


@pytest.fixture(scope="module")
def origin(subpath_site: Path) -> Iterator[str]:
    """``http://127.0.0.1:PORT``: the site is at origin + PATH."""
    handler = functools.partial(_UnderPath, directory=str(subpath_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


LINK = re.compile(r'(?:href|src)="([^"]*)"')


def _inside(link: str) -> bool:
    """Not a link out of the sub-path: an absolute path is under PATH, and an address on the
    site's own host is under URL (relative links and other sites' addresses are fine)."""
    if link.startswith("/") and not link.startswith("//"):
        return link.startswith(PATH)
    if link.startswith(("https://example.org", "http://example.org", "//example.org")):
        return link.startswith(URL)
    return True


def test_the_files_link_only_inside_the_sub_path(subpath_site: Path):
    page = (subpath_site / OLD / "kpis" / "neet" / "index.html").read_text()
    assert f'<link rel="canonical" href="{URL}{OLD}/kpis/neet/">' in page
    not_found = (subpath_site / "404.html").read_text()
    outside = [link for link in LINK.findall(not_found) if not link.startswith(PATH)]
    assert outside == [], outside
    old_404 = (subpath_site / OLD / "404.html").read_text()
    assert f'<a href="{PATH}{OLD}/../"><strong>Go to the latest report</strong></a>' in old_404
    index = (subpath_site / "sitemap.xml").read_text()
    assert re.findall(r"<loc>([^<]*)</loc>", index) == [
        f"{URL}{v}/sitemap.xml" for v in (NEWEST, OLD, "2014-06")
    ]
    locs = re.findall(r"<loc>([^<]*)</loc>", (subpath_site / OLD / "sitemap.xml").read_text())
    assert locs and all(loc.startswith(f"{URL}{OLD}/") for loc in locs)
    for feed in [subpath_site / "feed.xml", *sorted((subpath_site / "feeds").rglob("*.xml"))]:
        links = re.findall(r'href="([^"]*)"', feed.read_text())
        assert links and all(link.startswith(URL) for link in links), feed
    embed = (subpath_site / NEWEST / "kpis" / "neet" / "index.html").read_text()
    assert f"iframe src=&quot;{URL}{NEWEST}/embed/kpis/neet/&quot;" in embed
    for path in sorted(subpath_site.rglob("*.html")):
        address = URL + path.relative_to(subpath_site).as_posix()
        links = [html.unescape(link) for link in LINK.findall(path.read_text())]
        bad = [link for link in links if not _inside(urljoin(address, link))]
        assert not bad, (path, bad)


def test_the_root_opens_the_newest_release_inside_the_sub_path(browser, origin):
    page = browser.new_page()
    page.goto(origin + PATH)
    page.wait_for_url(f"{origin}{PATH}{NEWEST}/")
    page.goto(f"{origin}{PATH}latest/kpis/neet/")
    page.wait_for_url(f"{origin}{PATH}{NEWEST}/kpis/neet/")
    page.close()


def test_the_version_selector_and_outdated_banner_stay_inside_the_sub_path(browser, origin):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{origin}{PATH}{OLD}/kpis/neet/")
    current = page.locator(".md-version__current")
    current.wait_for()
    assert current.inner_text() == "October 2014 31 October 2014"
    page.locator(".md-version__link", has_text="January 2015").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{origin}{PATH}{NEWEST}/kpis/neet/")
    page.goto(f"{origin}{PATH}{OLD}/recommendations/8/")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for()
    banner.get_by_role("link", name="Go to the latest report").click()
    page.wait_for_url(f"{origin}{PATH}{NEWEST}/")
    page.close()


def test_the_404_page_is_styled_and_its_links_work_inside_the_sub_path(browser, origin):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    response = page.goto(f"{origin}{PATH}{NEWEST}/no-such-page/")
    assert response is not None and response.status == 404
    stylesheets = page.evaluate("[...document.styleSheets].filter(s => s.cssRules.length).length")
    assert stylesheets >= 2  # the theme's and the site's own, loaded from inside the sub-path
    page.locator(".md-version__current").wait_for()
    assert page.locator(".md-version__current").inner_text() == "January 2015 31 January 2015"
    page.locator(".md-nav__link", has_text="Glossary").first.click()
    page.wait_for_url(f"{origin}{PATH}{NEWEST}/glossary/")
    assert page.locator("h1").first.is_visible()
    page.close()


def test_the_feed_and_the_embed_load_from_inside_the_sub_path(browser, origin):
    page = browser.new_page()
    page.goto(f"{origin}{PATH}{NEWEST}/kpis/neet/")
    feed = page.locator('link[type="application/atom+xml"]').first.evaluate("e => e.href")
    assert feed == f"{origin}{PATH}feed.xml"
    assert page.request.get(feed).status == 200
    embed = page.request.get(f"{origin}{PATH}{NEWEST}/embed/kpis/neet/")
    assert embed.status == 200
    same_origin = page.evaluate(
        "[...document.querySelectorAll('a[href], link[href], script[src], img[src]')]"
        ".map(e => new URL(e.href || e.src)).filter(u => u.origin === location.origin)"
        ".map(u => u.pathname)"
    )
    assert same_origin and all(p.startswith(PATH) for p in same_origin), same_origin
    page.close()


def test_search_loads_its_index_from_inside_the_sub_path(browser, origin):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{origin}{PATH}{NEWEST}/")
    page.wait_for_load_state("networkidle")  # the search index is loaded by a web worker
    search = page.locator(".md-search__input")
    search.click()
    search.press_sequentially("care leavers", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    link = page.locator(".md-search-result__link").first.evaluate("e => e.href")
    assert link.startswith(f"{origin}{PATH}{NEWEST}/")
    page.close()
