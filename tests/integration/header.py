"""The phone header, checked in a real browser."""

from __future__ import annotations


def assert_title_clear_of_search(browser, url: str) -> None:
    """At 320 and 390 px, the release title sits inside the header, left of the search
    button, and is shown whole."""
    for width in (320, 390):
        page = browser.new_page(viewport={"width": width, "height": 700})
        page.goto(url)
        title = page.locator(".md-version__current")
        title.wait_for()
        search = page.locator("label.md-header__button[for=__search]").bounding_box()
        header = page.locator("header.md-header").bounding_box()
        box = title.bounding_box()
        assert box is not None and search is not None and header is not None
        assert box["x"] + box["width"] <= search["x"], width
        # inside the header, which a corrected report's banner may push down the page
        assert header["y"] <= box["y"], width
        assert box["y"] + box["height"] <= header["y"] + header["height"], width
        # the whole title is shown, not cut short
        assert title.evaluate("e => e.scrollHeight <= e.clientHeight"), width
        page.close()
