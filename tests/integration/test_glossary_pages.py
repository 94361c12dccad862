"""Glossary terms with punctuation are explained on every page that uses them."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import run_cli


class _Uses(HTMLParser):
    """Uses of a term in a page's article: wrapped in <abbr> or not."""

    def __init__(self, term: str) -> None:
        super().__init__()
        self.term, self.open, self.wrapped, self.bare = term, [], 0, 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in {"meta", "link", "br", "img", "input", "hr", "wbr"}:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while tag in self.open and self.open.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if "article" not in self.open or {"svg", "script", "style"} & set(self.open):
            return
        uses = len(re.findall(rf"\b{re.escape(self.term)}\b", data))
        if "abbr" in self.open:
            self.wrapped += uses
        else:
            self.bare += uses


def uses(page: Path, term: str) -> tuple[int, int]:
    parser = _Uses(term)
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.wrapped, parser.bare


def test_ampersand_terms_are_wrapped_on_every_page_of_the_shipped_site(default_site):
    pages = sorted((default_site / "2017-04").rglob("*.html"))
    found = {str(p.relative_to(default_site)): uses(p, "A&A") for p in pages}
    assert {page: n for page, n in found.items() if n[1]} == {}
    assert found["2017-04/kpis/caseload-aa/index.html"][0] >= 1
    assert found["2017-04/glossary/index.html"][0] >= 1


def test_ampersand_terms_in_narratives_titles_and_tables(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    (content / "glossary.yaml").write_text(
        "terms:\n"
        "  - {term: B&B, meaning: 'Bed and breakfast, emergency housing for a night or two'}\n"
        "  - {term: A&A, meaning: Access and Assessment}\n",
        encoding="utf-8",
    )
    kpis = content / "kpis.yaml"
    kpis.write_text(
        kpis.read_text().replace(
            "title: Care leavers not in education", "title: A&A care leavers not in education"
        )
    )
    progress = content / "progress/2015-01.yaml"
    progress.write_text(
        progress.read_text().replace(
            "Numbers are now reported monthly",
            "No care leaver is placed in a B&B; A&A numbers are now reported monthly",
        )
    )
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out))
    assert result.returncode == 0, result.stderr
    pages = sorted((out / "2015-01").rglob("*.html"))
    for term in ("A&A", "B&B"):
        found = {str(p.relative_to(out)): uses(p, term) for p in pages}
        assert {page: n for page, n in found.items() if n[1]} == {}, term
        assert sum(wrapped for wrapped, _ in found.values()) >= 3, term
    rec = (out / "2015-01/recommendations/1/index.html").read_text()
    assert (
        '<abbr title="Bed and breakfast, emergency housing for a night or two">B&amp;B</abbr>'
    ) in rec
    assert "A&amp;A" in (out / "2015-01/kpis/neet/index.html").read_text()
