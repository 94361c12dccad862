"""Property test of the built HTML: random text in every field adds no element or attribute.

Each example builds the small plan with a random string in every free-text field, then parses
every page and compares what it finds with a build of the same content in plain words: only
the formatting that Markdown fields may use can be new, and nothing that runs script, loads
from another host or points at ``javascript:`` may appear at all.
"""

from __future__ import annotations

import itertools
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.site.build import build_site
from tests.conftest import SMALL_PLAN
from tests.integration.payloads import MARKDOWN_KEYS, TEXT_KEYS, _Loader

FORMATTING = {
    *("p", "em", "strong", "code", "pre", "blockquote", "hr", "br", "ul", "ol", "li"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td"),
    *("span", "svg", "path", "abbr"),
}
"""What Markdown fields may add: formatting, web links, tables and the theme's own icons."""
NEVER = re.compile(r"^(?:script|img|iframe|object|embed|style|link|meta|form|input|base)$")
BAD_URL = re.compile(r"^(?:javascript|vbscript|data):", re.IGNORECASE)

pieces = st.one_of(
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), max_codepoint=0x1FAFF),
        max_size=8,
    ),
    st.sampled_from(
        [
            "<",
            ">",
            "&",
            '"',
            "'",
            "*[",
            "[x]:",
            "]: ",
            "\\",
            "`",
            "![i](https://e.example/i.png)",
            "[l](javascript:alert(1))",
            '[t](https://e.example/ "<b onmouseover=alert(1)>")',
            "<img src=x onerror=alert(1)>",
            "&lt;script&gt;",
            ":smile:",
            ":material-alert:",
            "{: onclick=alert(1)}",
            "{++a++}",
            "--8<-- x",
            "javascript:alert(1)",
            "#",
            "- ",
            "1. ",
            "|",
            "\n",
            "\n    ",
            "\n\n",
        ]
    ),
)
texts = st.lists(pieces, max_size=12).map("".join)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[tuple[str, str]] = set()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.add((tag, ""))
        for name, value in attrs:
            self.found.add((tag, name))
            value = re.sub(r"[\x00-\x20]", "", value or "")
            if name.startswith("on") or (
                name in ("href", "src", "action") and BAD_URL.match(value)
            ):
                self.problems.append(f"<{tag} {name}={value[:40]!r}>")


def _elements(site: Path) -> tuple[set[tuple[str, str]], list[str]]:
    found: set[tuple[str, str]] = set()
    problems: list[str] = []
    for page in site.rglob("*.html"):
        scan = _Elements()
        scan.feed(page.read_text(encoding="utf-8"))
        found |= scan.found
        problems += [f"{page.relative_to(site)}: {p}" for p in scan.problems]
    return found, problems


def _content(target: Path, values: list[str]) -> Path:
    """The small plan with ``values`` (one after another, round and round) in every text field."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(SMALL_PLAN, target)
    cycle = itertools.cycle(values)

    def fill(value: object, key: str = "") -> object:
        if isinstance(value, dict):
            return {k: fill(v, str(k)) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v, key) for v in value]
        if key in TEXT_KEYS and isinstance(value, str | int | float):
            text = next(cycle)
            if key not in MARKDOWN_KEYS:
                text = " ".join(text.split())
            return f"{value} {text}"
        return value

    for path in target.rglob("*.yaml"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
        path.write_text(yaml.safe_dump(fill(data), allow_unicode=True), encoding="utf-8")
    meaning = " ".join(next(cycle).split()) or "x"
    (target / "glossary.yaml").write_text(
        yaml.safe_dump({"terms": [{"term": "CICC", "meaning": f"Council {meaning}"}]}),
        encoding="utf-8",
    )
    return target


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    root = tmp_path_factory.mktemp("plain")
    site = build_site(_content(root / "content", ["plain words"]), root / "site").out_dir
    found, problems = _elements(site)
    assert problems == []
    return found


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.lists(texts, min_size=5, max_size=12))
def test_random_text_adds_no_element_or_attribute(tmp_path, plain, values):
    site = build_site(_content(tmp_path / "content", values), tmp_path / "site").out_dir
    found, problems = _elements(site)
    assert problems == []
    new = {(tag, name) for tag, name in found - plain}
    assert {(tag, name) for tag, name in new if NEVER.match(tag)} == set()
    assert {(tag, name) for tag, name in new if tag not in FORMATTING} == set()
    allowed_attributes = {
        "",
        "href",
        "title",
        "id",
        "class",
        "align",
        "style",
        "xmlns",
        "viewbox",
        "d",
    }
    assert {(tag, name) for tag, name in new if name not in allowed_attributes} == set()
