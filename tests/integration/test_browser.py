"""The built site in a real browser: the version selector switches between releases."""

from __future__ import annotations

from tests.integration.header import assert_title_clear_of_search


def test_root_opens_the_newest_release(browser, base_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url)
    page.wait_for_url(base_url + "2017-04/")
    heading = page.locator("h1").first.inner_text()
    assert heading.startswith("Reading children's services improvement plan")
    page.close()


def test_version_selector_switches_release(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "2016-08/recommendations/7/")
    current = page.locator(".md-version__current")
    current.wait_for()
    assert current.inner_text() == "August 2016 response to the inspection"
    assert page.locator("[data-md-component=outdated]").is_visible()
    # keyboard users reach the menu by Tab; Enter follows the link like a click
    page.locator(".md-version__link", has_text="April 2017 progress update").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + "2017-04/")
    assert page.locator(".md-version__current").inner_text() == "April 2017 progress update"
    assert not page.locator("[data-md-component=outdated]").is_visible()
    page.close()


def test_latest_deep_link_lands_on_the_same_page(browser, base_url):
    page = browser.new_page()
    page.goto(base_url + "latest/recommendations/1/#1.1")
    page.wait_for_url(base_url + "2017-04/recommendations/1/#1.1")
    assert page.locator('[id="1.1"]').is_visible()
    page.close()


def test_reviewer_follows_what_changed_from_the_newest_version(browser, base_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "latest/")
    page.wait_for_url(base_url + "2017-04/")
    name = "What changed since August 2016 response to the inspection"
    page.get_by_role("link", name=name).click()
    page.wait_for_url(base_url + "2017-04/changes/")
    assert page.locator("h1").first.inner_text().startswith("What changed since August 2016")
    # 57 changed actions: one page, the detail below the summary
    # insertions and deletions are told apart without colour: underline and strike-through
    # (the key above the narratives; every narrative here keeps less than half of its words,
    # so each is shown as it was before, then as it is now)
    assert page.get_by_text("Before:").first.is_visible()
    inserted = page.locator("ins.critic").first
    deleted = page.locator("del.critic").first
    assert "underline" in inserted.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in deleted.evaluate("e => getComputedStyle(e).textDecorationLine")
    before = "e => getComputedStyle(e, '::before').content"
    assert inserted.evaluate(before) == '" [added: "'
    assert deleted.evaluate(before) == '" [removed: "'
    # every action links to itself in the earlier version
    page.get_by_role("link", name="as at Aug 2016").first.click()
    page.wait_for_url(base_url + "2016-08/recommendations/1/#1.1")
    assert page.locator('[id="1.1"]').is_visible()
    page.close()


def test_search_finds_an_acronym_and_a_kpi(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "2017-04/")
    page.wait_for_load_state("networkidle")  # the search index is loaded by a web worker
    search = page.locator(".md-search__input")
    search.click()
    search.press_sequentially("open cases", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert "No. of open cases" in page.locator(".md-search-result").inner_text()
    page.close()


def test_home_answers_found_doing_working_in_the_first_phone_screen(browser, base_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "2017-04/")
    for question in ("What was found:", "What is being done:", "Is it working?"):
        box = page.locator(".ps-glance li", has_text=question).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, question
    page.close()


def test_with_the_site_address_known_the_version_selector_keeps_the_page(browser, tmp_path_factory):
    import functools
    import shutil
    import threading
    from http.server import ThreadingHTTPServer

    from tests.conftest import SMALL_PLAN
    from tests.integration.conftest import _Quiet, build_once

    content = tmp_path_factory.mktemp("addressed") / "content"
    shutil.copytree(SMALL_PLAN, content)
    site_yaml = content / "site.yaml"
    site_yaml.write_text("url: https://plan.example.gov.uk/\n" + site_yaml.read_text())
    site = build_once(tmp_path_factory, "addressed-site", content)
    page_html = (site / "2014-10/kpis/neet/index.html").read_text()
    assert 'rel="canonical" href="https://plan.example.gov.uk/2014-10/kpis/neet/"' in page_html
    assert 'href="https://plan.example.gov.uk/2015-01/"' in (site / "feed.xml").read_text()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "2014-10/kpis/neet/")
        page.locator(".md-version__link", has_text="January 2015").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(base + "2015-01/kpis/neet/")
        page.close()
    finally:
        server.shutdown()


def test_phone_header_keeps_the_release_title_clear_of_the_search_button(browser, base_url):
    assert_title_clear_of_search(browser, base_url + "2017-04/")


def test_status_stays_readable_in_forced_colours(browser, base_url, tmp_path):
    page = browser.new_page(forced_colors="active", color_scheme="dark")
    page.goto(base_url + "2016-08/pillars/")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    found = page.evaluate(
        """() => {
          const style = (el) => getComputedStyle(el);
          const icon = document.querySelector('.ps-status--complete .ps-icon');
          const parts = [...document.querySelectorAll('.ps-bar__part')];
          return {
            icon: style(icon).backgroundColor,
            word: style(icon.parentElement).color,
            page: style(document.body).backgroundColor,
            patterns: [...new Set(parts.map((p) => style(p).backgroundImage.slice(0, 24)))],
            plain: parts
              .filter((p) => style(p).backgroundImage === 'none')
              .map((p) => [p.className, style(p).backgroundColor]),
          };
        }"""
    )
    # the icons take the text's system colour, not the page's
    assert found["icon"] == found["word"] != found["page"]
    # the status bar keeps a pattern for each status, drawn in system colours
    assert {name for name, _ in found["plain"]} == {"ps-bar__part ps-bar__part--complete"}
    assert {colour for _, colour in found["plain"]} == {found["word"]}  # solid, in text colour
    assert len(found["patterns"]) >= 2
    page.screenshot(path=str(tmp_path / "forced-colours.png"))
    page.close()
