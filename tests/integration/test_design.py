"""The design for residents, as built: the header's short title and logo, status tags in the
council's colours, the home page's cards and tiles, and the order of the main pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import build_once, run_cli

HOSTILE = "<img src=x onerror=alert(1)>"
LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle r="4"/></svg>'
BOOK = "M12 8a3 3 0 0 0 3-3 3 3 0 0 0-3-3"  # the theme's own logo, a book
STYLED = f"short_title: '{HOSTILE}'\nlogo: images/crest.svg\n"


def _styled_content(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(SMALL_PLAN, content)
    site = content / "site.yaml"
    text = site.read_text().replace("label: On track,", "label: Green (on track),")
    site.write_text(text + STYLED)
    (content / "images").mkdir()
    (content / "images/crest.svg").write_bytes(LOGO)
    kpis = content / "kpis.yaml"
    kpis.write_text(
        kpis.read_text().replace("    code: NI148\n", "    code: NI148\n    headline: true\n")
    )
    return content


@pytest.fixture(scope="module")
def styled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    content = _styled_content(tmp_path_factory.mktemp("styled"))
    return content, build_once(tmp_path_factory, "styled", content)


def _header(page: str) -> str:
    return page[page.index('<header class="md-header') : page.index("</header>")]


def test_the_short_title_is_shown_as_text_beside_the_full_title(styled):
    _, site = styled
    page = (site / "2015-01/index.html").read_text()
    header = _header(page)
    assert (
        '<span class="ps-header__title">Barking and Dagenham children\'s services action plan'
        "</span>"
    ) in header
    assert '<span class="ps-header__short">&lt;img src=x onerror=alert(1)&gt;</span>' in header
    assert "<img src=x" not in page and 'class="md-header__topic ps-header--short"' in header


def test_the_council_logo_is_in_every_version_and_the_book_is_nowhere(styled):
    _, site = styled
    for release in ("2014-06", "2014-10", "2015-01"):
        assert (site / release / "assets/logo.svg").read_bytes() == LOGO
    home = (site / "2015-01/index.html").read_text()
    assert '<img src="assets/logo.svg" alt="">' in _header(home)
    assert '<link rel="icon" href="assets/logo.svg">' in home
    rec = (site / "2015-01/recommendations/1/index.html").read_text()
    assert '<img src="../../assets/logo.svg" alt="">' in _header(rec)
    assert BOOK not in home and BOOK not in rec


def test_a_new_logo_rebuilds_every_version(styled, tmp_path):
    content, site = styled
    out = tmp_path / "site"
    shutil.copytree(site, out)
    (content / "images/crest.svg").write_bytes(LOGO.replace(b'r="4"', b'r="3"'))
    try:
        result = run_cli("build", "--content", str(content), "--out", str(out))
    finally:
        (content / "images/crest.svg").write_bytes(LOGO)
    assert result.returncode == 0, result.stderr
    assert "Unchanged, not rebuilt" not in result.stderr
    assert b'r="3"' in (out / "2014-06/assets/logo.svg").read_bytes()


def test_without_a_logo_the_header_has_no_logo_and_no_book(default_site):
    home = (default_site / "2017-04/index.html").read_text()
    assert "md-logo" not in _header(home)
    assert BOOK not in home
    assert not (default_site / "2017-04/assets/logo.svg").exists()


def test_a_status_tag_takes_the_colour_its_label_names(styled):
    _, site = styled
    page = (site / "2014-10/recommendations/1/index.html").read_text()
    assert (
        '<strong class="ps-status ps-status--in-progress ps-tag ps-tag--green">'
        '<span class="ps-icon ps-icon--progress-clock" aria-hidden="true"></span> '
        "Green (on track)</strong>"
    ) in page
    assert "ps-tag--blue" not in page  # in progress, but the council calls it green


def test_the_home_page_answers_in_cards_and_shows_headline_indicators_as_tiles(styled):
    _, site = styled
    home = (site / "2015-01/index.html").read_text()
    cards = re.findall(
        r'<li class="ps-card">\s*<p class="ps-card__title"><a href="#([a-z-]+)"', home
    )
    assert cards == ["what-was-found", "what-is-being-done", "is-it-working"]
    working = home[home.index('href="#is-it-working"') : home.index("Print or save this report")]
    assert 'class="ps-bar" role="img" aria-label="' in working
    counts = re.findall(r'</strong> <span class="ps-counts__number">(\d+)</span>', working)
    assert counts and all(int(n) > 0 for n in counts)  # each count in words beside its tag
    tiles = home[home.index('<ul class="ps-tiles">') :]
    tiles = tiles[: tiles.index("</ul>")]
    assert tiles.count('<li class="ps-tile">') == 1  # the one headline indicator
    assert re.search(r'<p class="ps-tile__value">[^<]+</p>', tiles)
    assert re.search(r'<p class="ps-caption">(in|on) [^<]+</p>', tiles)
    assert 'class="ps-direction' in tiles
    assert re.search(
        r'<p class="ps-tile__trend"><img alt="[^"]+" src="kpis/[a-z0-9-]+-trend.svg"', tiles
    )


def test_a_recommendation_page_gives_the_text_then_the_actions_then_the_history(default_site):
    page = (default_site / "2017-04/recommendations/1/index.html").read_text()
    article = page[page.index("<article") :]
    text = article.index("<blockquote>")
    actions = article.index('id="actions"')
    history = article.index('id="status-history"')
    assert text < actions < history


def test_a_kpi_page_opens_with_its_headline_and_chart_and_puts_the_table_below(default_site):
    page = (default_site / "2017-04/kpis/open-cases/index.html").read_text()
    article = page[page.index("<article") :]
    headline = article.index('class="ps-chart__headline"')
    chart = article.index('<img alt="Line chart of')
    latest = article.index("Latest:")
    table = article.index("<table>")
    assert article.index("<h1") < headline < chart < latest < table
    assert article.index('id="values"') < table


def test_on_a_phone_a_kpi_page_shows_its_headline_and_chart_in_the_first_screen(browser, base_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "2017-04/kpis/open-cases/")
    for selector in (".ps-chart__headline", '.ps-chart img[alt^="Line chart of"]'):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, selector
    table = page.locator(".ps-values table").bounding_box()
    assert table is not None and table["y"] > 844
    page.close()


@pytest.mark.parametrize("width", [320, 390])
def test_on_a_phone_the_header_shows_the_short_title(browser, styled, width):
    from tests.integration.conftest import serve

    _, site = styled
    for url in serve(site):
        page = browser.new_page(viewport={"width": width, "height": 600})
        page.goto(url + "2015-01/")
        page.locator(".md-version__current").wait_for()
        assert page.locator(".ps-header__title").is_hidden()
        short = page.locator(".ps-header__short")
        if width >= 360:
            assert short.is_visible() and short.inner_text() == HOSTILE
        else:  # the release's title needs the whole bar
            assert short.is_hidden()
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        page.close()
