"""Content is text, not HTML: a build in which every text field carries an attack payload."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import build_once
from tests.integration.payloads import poisoned_content

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data):", re.IGNORECASE)


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(re.sub(r"[\x00-\x20]", "", value)):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.problems.append("<img src=x> from the content")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.problems.append(f"script: {data[:60]!r}")
        self.text.append(data)


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = poisoned_content(SMALL_PLAN, tmp_path_factory.mktemp("poison") / "content")
    return build_once(tmp_path_factory, "poisoned", content)


def test_every_payload_is_inert_text(poisoned_site):
    problems = {}
    shown = 0
    for page in sorted(poisoned_site.rglob("*.html")):
        scan = _Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        if scan.problems:
            problems[str(page.relative_to(poisoned_site))] = scan.problems
        text = "".join(scan.text)
        if 'alert("s")' in text:
            shown += 1
            assert "{{ 7*7 }}" in text and "{% if true %}TPL{% endif %}" in text, page
            assert text.count("TPL") == text.count("{% if true %}TPL{% endif %}"), page
    assert problems == {}
    assert shown > 40  # the payloads are there, shown as text


def test_payloads_in_titles_do_not_escape_the_title_element(poisoned_site):
    page = (poisoned_site / "2015-01/kpis/neet/index.html").read_text()
    title = re.search(r"<title>(.*?)</title>", page, re.S)[1]
    assert "<" not in title
    assert html.unescape(title).startswith(
        'Care leavers not in education, employment or training <script>alert("s")</script>'
    )


def test_other_outputs_stay_well_formed(poisoned_site):
    for svg in poisoned_site.rglob("*.svg"):
        root = ET.parse(svg).getroot()
        for element in root.iter():
            assert not element.tag.endswith("script"), svg
            assert not any(name.startswith("on") for name in element.attrib), svg
    feed = ET.parse(poisoned_site / "feed.xml").getroot()
    assert "<script>" in feed.find("{http://www.w3.org/2005/Atom}title").text  # as text
    index = json.loads((poisoned_site / "2015-01/search/search_index.json").read_text())
    assert not any("<script>" in doc["text"] for doc in index["docs"])


def test_the_scan_catches_live_payloads():
    scan = _Scan()
    scan.feed(
        '<a href="java\tscript:alert(1)">a</a><img src=x onerror=alert(2)>'
        "<script>alert(3)</script><p title='javascript:ok'>text</p>"
    )
    assert scan.problems == [
        "<a href='java\\tscript:alert(1)'>",
        "<img onerror=...>",
        "<img src=x> from the content",
        "script: 'alert(3)'",
    ]


def test_payloads_in_action_titles_and_evidence_are_text(poisoned_site):
    page = (poisoned_site / "2014-06/recommendations/8/index.html").read_text()
    heading = re.search(r'<h3 id="8.1">(.*?)</h3>', page, re.S)[1]
    assert html.unescape(re.sub(r"<[^>]+>", "", heading)).startswith(
        'Action 8.1: Name of 8.1 <script>alert("s")</script>'
    )
    link = re.search(r'<a href="https://news\.example\.gov\.uk/[^"]*">(.*?)</a>', page, re.S)
    assert link and link[1].startswith("Story &lt;script&gt;alert(&quot;s&quot;)")
    rows = (poisoned_site / "2014-06/data/evidence.csv").read_text(encoding="utf-8")
    assert rows.startswith("release,item,title,url,date\n2014-06,1.2,")
