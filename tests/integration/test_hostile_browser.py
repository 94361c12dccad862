"""Hostile content in a real browser: every page type of a site with payloads in every field.

The theme's JavaScript inserts some strings as HTML (the version selector's titles, tooltips
made from ``title`` attributes and truncated headings), so what matters is what the browser
ends up running, not only what the generator wrote. The version selector is opened and every
tooltip shown; no dialog may open, nothing may log an error, nothing may load from another
host, and no element that runs script may appear.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.facts.leads import lead_key, lead_slugs
from tests.conftest import REAL_PLAN, SMALL_PLAN
from tests.integration.conftest import _Quiet, build_once
from tests.integration.payloads import PAYLOAD, SITE_URL, poisoned_content

NEWEST = "2015-01"
ANN = lead_key("Ann Graham" + PAYLOAD)
ANN_PAGE = f"{NEWEST}/leads/{lead_slugs([ANN])[ANN]}/"
PAGES = [
    "",  # the site root redirects to the newest release
    "latest/recommendations/1/",  # and so does every page under latest/
    f"{NEWEST}/",
    f"{NEWEST}/pillars/",
    f"{NEWEST}/pillars/aip-1/",
    f"{NEWEST}/recommendations/",
    f"{NEWEST}/recommendations/1/#1.2",
    f"{NEWEST}/recommendations/8/#8.1",
    f"{NEWEST}/kpis/",
    f"{NEWEST}/kpis/neet/",
    f"{NEWEST}/kpis/visits-due/",  # notes in the table and under the chart, and a break
    f"{NEWEST}/changes/",
    f"{NEWEST}/changes/baseline/",
    f"{NEWEST}/releases/",
    f"{NEWEST}/glossary/",
    f"{NEWEST}/data/",
    f"{NEWEST}/methods/",
    f"{NEWEST}/report/",
    f"{NEWEST}/assessments/",
    f"{NEWEST}/leads/",
    ANN_PAGE,
    f"{NEWEST}/embed/kpis/neet/",
    f"{NEWEST}/embed/pillars/aip-1/",
    f"{NEWEST}/404.html",
    "2014-06/",  # an earlier release shows the outdated banner
]

WATCH = """
window.__live = [];
const risky = el => {
  if (!(el instanceof Element)) return;
  for (const node of [el, ...el.querySelectorAll("*")]) {
    const tag = node.tagName.toLowerCase();
    const events = [...node.attributes].filter(a => a.name.toLowerCase().startsWith("on"));
    const href = (node.getAttribute("href") || node.getAttribute("src") || "").replace(/\\s/g, "");
    if (events.length || /^(javascript|data|vbscript):/i.test(href)
        || ["script", "img", "iframe", "object", "embed", "image"].includes(tag))
      window.__live.push(node.outerHTML.slice(0, 120));
  }
};
new MutationObserver(records => {
  for (const r of records) for (const n of r.addedNodes) risky(n);
}).observe(document, {childList: true, subtree: true});
document.addEventListener("DOMContentLoaded", () => {
  window.__live = [];  // the page as written is checked by test_injection; watch what scripts add
  for (const node of document.querySelectorAll("[onerror], [onload], [onclick], [onmouseover]"))
    window.__live.push(node.outerHTML.slice(0, 120));
});
"""


@pytest.fixture(scope="module")
def hostile_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The poisoned site served from the path of its own (hostile but valid) address."""
    content = poisoned_content(
        SMALL_PLAN, tmp_path_factory.mktemp("hostile") / "content", erratum=True
    )
    site = build_once(tmp_path_factory, "hostile-site", content)
    prefix = urlsplit(SITE_URL).path.strip("/")
    root = tmp_path_factory.mktemp("hostile-root")
    (root / prefix).symlink_to(site, target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{prefix}/"
    server.shutdown()


class Watch:
    """Everything a page did that it should not have."""

    def __init__(self, page: Any, origin: str, redirect: str | None = None) -> None:
        self.problems: list[str] = []
        self.redirect = redirect
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on(
            "console",
            lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"),
        )
        page.on("requestfailed", self._failed)
        page.on(
            "response",
            lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"),
        )
        page.route(lambda url: not url.startswith(origin), self._external)

    def _failed(self, request: Any) -> None:
        # a redirect page's own request, cut off by the redirect it asks for, under load
        left = request.url == self.redirect and request.is_navigation_request()
        if not (left and request.failure == "net::ERR_ABORTED"):
            self.problems.append(f"request failed: {request.url}")

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _external(self, route: Any) -> None:
        self.problems.append(f"load from another host: {route.request.url}")
        route.abort()


SHOW_TOOLTIPS = """async () => {
  const hosts = [...document.querySelectorAll("[title], abbr, .md-ellipsis")];
  const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
  let shown = 0;
  for (const host of hosts) {
    host.dispatchEvent(new MouseEvent("mouseenter"));
    if (host.focus) host.focus();
    await frame();
    shown += document.querySelectorAll(".md-tooltip2").length > 0;
    host.dispatchEvent(new MouseEvent("mouseleave"));
    if (host.blur) host.blur();
  }
  return shown;
}"""
"""Shows each tooltip in turn, as hovering or focusing does; returns how many were shown."""


def _visit(browser: Any, base: str, path: str) -> tuple[list[str], Any]:
    origin = base[: base.index("/", len("http://"))]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(WATCH)
    redirect = path == "" or path.startswith("latest/")
    watch = Watch(page, origin, base + path if redirect else None)
    page.goto(base + path)
    if redirect:  # wait until it has landed
        page.wait_for_url(f"{base}{NEWEST}/**")
    page.wait_for_load_state("networkidle")
    return watch.problems, page


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_on_any_page(browser, hostile_base, path):
    problems, page = _visit(browser, hostile_base, path)
    if page.locator(".md-version__current").count():
        page.locator(".md-version__current").focus()
        links = page.locator(".md-version__link")
        links.first.wait_for()
        assert links.count() == 3
        # the titles are shown as the text they are
        assert "<img src=x onerror=alert(1)>" in links.first.inner_text()
        assert "&lt;img src=x onerror=alert(7)&gt;" in links.first.inner_text()
    page.evaluate(SHOW_TOOLTIPS)
    page.wait_for_timeout(300)  # an image's onerror fires after it fails to load
    problems += page.evaluate("window.__live")
    page.close()
    assert problems == []


def test_tooltips_show_titles_as_text(browser, hostile_base):
    problems, page = _visit(browser, hostile_base, f"{NEWEST}/recommendations/8/")
    link = page.locator("article a[title]", has_text="titled").first
    title = link.get_attribute("title")
    assert title == "<img src=x onerror=alert(21)> &lt;b&gt;"
    for _ in range(2):  # the theme takes the title away while it shows the tooltip, then back
        link.hover()
        tooltip = page.locator(".md-tooltip2").last
        tooltip.wait_for()
        assert tooltip.inner_text() == title
        page.mouse.move(0, 0)
        page.wait_for_timeout(600)
        assert link.get_attribute("title") == title
    abbr = page.locator("article abbr", has_text="ITEM").first
    abbr.hover()
    page.wait_for_timeout(300)
    assert page.locator(".md-tooltip2").last.inner_text() == "&lt;img src=x onerror=alert(20)&gt;"
    problems += page.evaluate("window.__live")
    page.close()
    assert problems == []


def test_search_results_show_payloads_as_text(browser, hostile_base):
    problems, page = _visit(browser, hostile_base, f"{NEWEST}/")
    search = page.locator(".md-search__input")
    search.click()
    search.press_sequentially("onerror", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_timeout(300)
    assert "onerror=alert(1)" in page.locator(".md-search-result").inner_text()
    problems += page.evaluate("window.__live")
    page.close()
    assert problems == []


def test_a_clean_site_logs_nothing(browser, base_url):
    for path in ("2017-04/", "2016-08/recommendations/7/", "2017-04/glossary/"):
        problems, page = _visit(browser, base_url, path)
        page.locator(".md-version__current").focus()
        page.locator(".md-version__link").first.wait_for()
        page.close()
        assert problems == [], path


REAL_PAGES = [
    "2014-10/",
    "2014-10/facets/timeframe/",
    "2014-10/facets/timeframe/within-6-months/",
    "2014-10/recommendations/13-14/",
    "2014-10/recommendations/18/",
    "2014-10/changes/",  # recommendation narratives as word diffs
    "2014-10/kpis/ni148/",
    "2014-10/data/",
]


@pytest.fixture(scope="module")
def hostile_real_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real-plan fixture with payloads in every text field, facets and targets included."""
    content = poisoned_content(REAL_PLAN, tmp_path_factory.mktemp("hostile-real") / "content")
    site = build_once(tmp_path_factory, "hostile-real-site", content)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("path", REAL_PAGES)
def test_no_payload_runs_on_the_new_page_types(browser, hostile_real_base, path):
    problems, page = _visit(browser, hostile_real_base, path)
    assert "onerror=alert(1)" in page.locator("article").inner_text()
    page.evaluate(SHOW_TOOLTIPS)
    page.wait_for_timeout(300)
    problems += page.evaluate("window.__live")
    page.close()
    assert problems == []
