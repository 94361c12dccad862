"""site.yaml's licence and accessibility statement; links only where something is behind them."""

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.content.validate import load_content
from generator.errors import ContentError
from generator.facts.derive import release_view, release_views
from generator.render.feed import atom_feed
from generator.render.opendata import open_data
from generator.render.pages import nav, render_release
from generator.render.recfeed import recommendation_feed
from tests.conftest import SMALL_PLAN

ATOM = "{http://www.w3.org/2005/Atom}"
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
LICENCE = f"licence:\n  name: Open Government Licence v3.0\n  url: {OGL}\n"


def _content(tmp_path: Path, extra: str = "", plan: tuple[str, str] | None = None) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    site = content / "site.yaml"
    site.write_text(site.read_text() + extra)
    if plan:
        path = content / "plan.yaml"
        path.write_text(re.sub(plan[0], plan[1], path.read_text()))
    return content


def _pages(tmp_path: Path, extra: str = "", plan: tuple[str, str] | None = None) -> Path:
    view = release_view(load_content(_content(tmp_path, extra, plan)), "2015-01")
    render_release(view, tmp_path / "docs")
    return tmp_path / "docs"


def test_the_licence_is_on_the_data_page_in_each_json_file_and_in_the_feeds(tmp_path):
    content = load_content(_content(tmp_path, LICENCE))
    data = _pages(tmp_path / "pages", LICENCE) / "data.md"
    assert (
        "The data and words on this site may be reused under the "
        f'<a href="{OGL}">Open Government Licence v3.0</a>.'
    ) in data.read_text()
    files = open_data(release_view(content, "2015-01"))
    for name in (n for n in files if n.endswith(".json")):
        assert json.loads(files[name])["licence"] == {
            "name": "Open Government Licence v3.0",
            "url": OGL,
        }, name
    views = release_views(content)
    feed = ET.fromstring(atom_feed(views))
    assert feed.findtext(f"{ATOM}rights") == f"Open Government Licence v3.0 ({OGL})"
    rec = content.recommendations[0]
    rec_feed = ET.fromstring(recommendation_feed(views, rec, [[] for _ in views]))
    assert rec_feed.findtext(f"{ATOM}rights") == f"Open Government Licence v3.0 ({OGL})"


def test_without_a_licence_the_data_page_says_none_is_stated(tmp_path):
    content = load_content(SMALL_PLAN)
    data = (_pages(tmp_path) / "data.md").read_text()
    assert (
        "No licence is stated for this data. "
        "Ask London Borough of Barking and Dagenham before reusing it." in data
    )
    files = open_data(release_view(content, "2015-01"))
    assert json.loads(files["data/actions.json"])["licence"] is None
    assert ET.fromstring(atom_feed(release_views(content))).find(f"{ATOM}rights") is None


def test_a_hostile_licence_name_is_shown_as_text(tmp_path):
    hostile = LICENCE.replace("Open Government Licence v3.0", "'<img src=x onerror=alert(1)>'")
    data = (_pages(tmp_path, hostile) / "data.md").read_text()
    assert "<img" not in data and "&lt;img src=x onerror=alert(1)&gt;" in data


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "licence:\n  name: OGL\n  url: javascript:alert(1)\n",
            "expected a web address starting with http:// or https:// and a host name, without "
            "spaces, quotes, <, > or backslashes, found 'javascript:alert(1)'",
        ),
        (
            "accessibility:\n  contact: 'mailto:x@y.uk\"><script>'\n",
            "expected an email address such as access@example.gov.uk or a web address starting "
            "with http:// or https://, found 'mailto:x@y.uk\"><script>'",
        ),
    ],
)
def test_a_bad_licence_or_contact_is_refused(tmp_path, extra, message):
    with pytest.raises(ContentError) as caught:
        load_content(_content(tmp_path, extra))
    assert message in caught.value.report()


def test_the_accessibility_statement_follows_the_sample_statement(tmp_path):
    extra = "accessibility:\n  contact: access@example.gov.uk\n  prepared: 2015-02-03\n"
    page = (_pages(tmp_path, extra) / "accessibility.md").read_text()
    headings = [line for line in page.splitlines() if line.startswith("#")]
    assert headings == [
        "# Accessibility statement",
        "## How accessible this website is",
        "## Feedback and contact information",
        "## Enforcement procedure",
        "## Technical information about this website's accessibility",
        "### Compliance status",
        "### Non-accessible content",
        "#### Disproportionate burden",
        "#### Content that's not within the scope of the accessibility regulations",
        "## How this website is tested",
        "## Preparation of this accessibility statement",
    ]
    assert '<a href="mailto:access@example.gov.uk">access@example.gov.uk</a>' in page
    assert "Web Content Accessibility Guidelines version 2.2 (WCAG 2.2) AA standard" in page
    assert "Equality and Human Rights Commission (EHRC)" in page
    assert "Equality Advisory and Support Service (EASS)" in page
    assert "axe-core, an automated accessibility checker, in the Chromium browser at 320 and" in (
        " ".join(page.split())
    )
    assert "This statement was prepared on 3 February 2015." in page
    extra = "accessibility:\n  contact: first_last@example.gov.uk\n"
    page = (_pages(tmp_path / "underscore", extra) / "accessibility.md").read_text()
    assert '<a href="mailto:first_last@example.gov.uk">' in page


def test_without_accessibility_the_statement_has_no_contact(tmp_path):
    page = (_pages(tmp_path) / "accessibility.md").read_text()
    assert "No contact for accessibility is given on this site." in page
    assert "mailto:" not in page and "was prepared on" not in page
    assert "This statement applies to this version of the site, published on" in page


def test_a_web_address_contact_is_linked(tmp_path):
    extra = "accessibility:\n  contact: https://example.gov.uk/contact\n"
    page = (_pages(tmp_path, extra) / "accessibility.md").read_text()
    assert '<a href="https://example.gov.uk/contact">https&#58;//example.gov.uk/contact</a>' in page


def test_leads_are_linked_only_when_the_plan_names_them(tmp_path):
    home = (_pages(tmp_path / "named") / "index.md").read_text()
    assert "[Who leads each action](leads/index.md)" in home
    no_leads = (r"\n\s*(strategic|operational)_lead:[^\n]*", "")
    docs = _pages(tmp_path / "none", plan=no_leads)
    assert "Who leads" not in (docs / "index.md").read_text()
    assert not (docs / "leads").exists()
    view = release_view(load_content(tmp_path / "none/content"), "2015-01")
    assert "Leads" not in [next(iter(item)) for item in nav(view)]
