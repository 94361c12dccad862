"""The 404 page of a site built without its url, served at the domain root or under any
sub-path, from the site's root 404.html or from a version's own: styled, and its links, the
version selector and search work, in Chromium."""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.integration.conftest import _Quiet

OLD, NEWEST = "2014-10", "2015-01"


def _handler(prefix: str, own_404: bool) -> type[_Quiet]:
    class UnderPath(_Quiet):
        """Serves the site under ``prefix``; for anything missing, the root 404.html, or
        (``own_404``) the 404.html of the version folder the address is in, as a web server
        configured with error pages does."""

        def send_head(self):  # noqa: ANN201 - the base class's signature
            path = self.path.split("?", 1)[0]
            if not path.startswith(prefix):
                self.send_error(404)
                return None
            self.path = "/" + self.path[len(prefix) :]
            local = Path(self.translate_path(self.path))
            if local.is_file() or (local / "index.html").is_file():
                return super().send_head()
            site = Path(self.directory)
            first = path[len(prefix) :].split("/", 1)[0]
            page = site / first / "404.html" if own_404 else site / "404.html"
            body = (page if page.is_file() else site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body) if self.command != "HEAD" else io.BytesIO(b"")

    return UnderPath


def _serve(site: Path, prefix: str, own_404: bool) -> Iterator[str]:
    handler = functools.partial(_handler(prefix, own_404), directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()


@pytest.fixture(scope="module", params=[("/", False), ("/plans/progress/", False), ("/p/", True)])
def served(request, small_site) -> Iterator[tuple[str, bool]]:
    """The small plan's site (built without a url) at the root or under a sub-path, with the
    root's 404 page or each version's."""
    prefix, own_404 = request.param
    for url in _serve(small_site, prefix, own_404):
        yield url, own_404


def test_a_root_404_page_is_written_without_the_sites_url(small_site):
    assert (small_site / "404.html").read_bytes() == (small_site / NEWEST / "404.html").read_bytes()


@pytest.mark.parametrize(
    "missing",
    [
        f"{NEWEST}/no-such-page/",
        f"{OLD}/recommendations/99/",
        "latest/kpis/no-such-kpi/",
        "typo",  # no version in the address: the page finds the folder with versions.json
        "a/b/c/",
    ],
)
def test_the_404_page_is_styled_and_its_links_work(browser, served, missing):
    served, own_404 = served
    # a version's own 404 page links inside that version
    version = OLD if own_404 and missing.startswith(OLD) else NEWEST
    page = browser.new_page(viewport={"width": 320, "height": 640})
    response = page.goto(served + missing)
    assert response is not None and response.status == 404
    sheets = page.evaluate("[...document.styleSheets].filter(s => s.cssRules.length).length")
    assert sheets >= 3  # the theme's and the site's own
    icon = page.locator("label[for=__drawer] svg").first.bounding_box()
    assert icon is not None and icon["width"] < 40  # not a page of giant icons
    assert page.locator("h1").first.inner_text().startswith("404")
    page.locator(".md-version__current").wait_for()  # versions.json was found
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(".md-nav__link", has_text="Glossary").first.click()
    page.wait_for_url(f"{served}{version}/glossary/")
    assert page.locator("h1").first.inner_text().startswith("Glossary")
    page.close()


def test_search_works_on_the_404_page(browser, served):
    served, _ = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served + f"{NEWEST}/gone/")
    page.wait_for_load_state("networkidle")
    search = page.locator(".md-search__input")
    search.click()
    search.press_sequentially("glossary", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    page.close()
