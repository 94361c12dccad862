"""No text makes the Markdown engine's work grow faster than the text: a text with more marks
than Markdown can read cheaply is shown exactly as typed, and unclosed links are text."""

from __future__ import annotations

import html
import re

import markdown
import pytest

from generator.dev.hostile import CELL, HOSTILE
from generator.facts.words import Op, word_diff
from generator.render.format import escape_text, markdown_block
from generator.render.typed import MAX_MARKS, SEGMENT, too_costly, typed_block

EXTENSIONS = ["abbr", "attr_list", "md_in_html", "tables", "toc", "pymdownx.critic"]
_INLINE = re.compile(r"[\\`*_\[\]<>&{}!:]")
_CODE = re.compile(r"(`+) .*? \1(?!`)", re.S)


def _html(source: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(source)


def _work(source: str) -> int:
    """What Python-Markdown's inline pass costs on ``source``: each mark in a paragraph
    rebuilds that paragraph's text, so the marks times the length, over every paragraph. A
    code span is one mark: what it holds is not read."""
    marks = [len(_INLINE.findall(_CODE.sub("`", p))) for p in source.split("\n\n")]
    return sum(n * len(p) for n, p in zip(marks, source.split("\n\n"), strict=True))


def _shown(page: str) -> str:
    """The text of every code span of a page, in order."""
    return "".join(html.unescape(code) for code in re.findall(r"<code>(.*?)</code>", page, re.S))


def test_sixteen_thousand_brackets_are_shown_as_typed_in_linear_work():
    small, large = markdown_block("[" * 4_000), markdown_block("[" * 16_000)
    assert large.startswith("` " + "[" * SEGMENT + " ` ` [")
    assert _work(large) <= 4.5 * _work(small)  # linear; as Markdown it was 16 times
    assert _shown(_html(large)) == "[" * 16_000


@pytest.mark.parametrize("run", HOSTILE)
def test_every_hostile_run_renders_as_typed(run):
    text = (run * CELL)[:CELL]
    source = str(markdown_block(text))
    assert _work(source) <= 40 * CELL  # about the cost of a paragraph of plain words
    page = _html(source)
    assert set(re.findall(r"<(\w+)", page)) <= {"p", "code"}
    shown = _shown(page)
    assert "{++" not in shown  # a word joiner keeps CriticMarkup from reading it
    assert shown.replace("\u2060", "").replace(" ", "") == "".join(text.split())


def test_criticmarkup_in_a_text_shown_as_typed_stays_inert():
    page = _html(typed_block("{++added++} " * 100))
    assert "<ins" not in page and _shown(page).count("{\u2060++added++}") == 100


def test_ordinary_markdown_is_still_markdown():
    narrative = "Done: see [the report](https://example.gov.uk/r).\n\n- **one**\n- two"
    assert not too_costly(narrative)
    assert markdown_block(narrative) == narrative
    assert too_costly("*a" * (MAX_MARKS + 1)) and not too_costly("*a" * MAX_MARKS)
    assert too_costly("- " * 9 + "deep") and not too_costly("- " * 8 + "deep")
    assert too_costly(" " * 32 + "- deep")


def test_an_unclosed_link_is_text():
    assert str(markdown_block("[a](" * 100 + "x")).count("]\\(") == 100
    assert markdown_block("[a](https://x.org/ 'title') [b](https://y.org)") == (
        "[a](https://x.org/ 'title') [b](https://y.org)"
    )


def test_titles_and_labels_are_bounded_too():
    assert escape_text("[" * CELL).startswith("` " + "[" * SEGMENT)
    assert escape_text("a" + " " * CELL + "b") == "a" + " " * CELL + "b"
    assert escape_text("a \n\t b \n\n c") == "a b c"


def test_long_texts_are_compared_as_the_old_text_then_the_new():
    segments = word_diff("[" * CELL, "[" * (CELL - 1) + "a")
    assert [s.op for s in segments] == [Op.DELETE, Op.INSERT]
    assert word_diff("a b", "a c")[0].op is Op.EQUAL
