"""Text shown exactly as typed, for text whose Markdown would cost more than the text is long.

Python-Markdown's cost grows with the square of the marks in a paragraph (every escape,
entity, emphasis or code span rebuilds the paragraph's text) and with the depth of nested
lists and quotes. A narrative of ordinary words, links and a list or two has a few dozen
marks; a cell of 16,000 ``[``, ``<`` or ``*a`` has thousands, and could take a build from
seconds to minutes. Such a text (``too_costly``) is not read as Markdown at all: it is shown
as typed, in code spans of at most ``SEGMENT`` characters, one paragraph per line, which
Python-Markdown reads in time proportional to the text's length.
"""

from __future__ import annotations

import re

MAX_MARKS = 500
"""The most Markdown marks a text may hold and still be read as Markdown."""
MAX_DEPTH = 8
"""The deepest nesting of lists and quotes a line may open and still be read as Markdown."""
SEGMENT = 1000
"""The most characters in one code span of a text shown as typed."""

_MARK = re.compile(r"[\\`*_\[\]<>&{}!:~=|#]|\n[ \t]*(?=[\n+\-\d])")
"""A character that can start an inline construct, or a line that can start a block."""
_LINE_START = re.compile(r"^[ \t]*(?:(?:[-+*>]|\d{1,9}[.)])[ \t]*){2,}", re.MULTILINE)
_MARKER = re.compile(r"[-+*>]|\d{1,9}[.)]")
_INDENT = re.compile(rf"^[ \t]{{{4 * MAX_DEPTH}}}", re.MULTILINE)
_CRITIC_OPEN = re.compile(r"\{(?=[-+~=>])")
"""A brace CriticMarkup would read as an opening."""
_BACKTICKS = re.compile(r"`+")


def too_costly(text: str) -> bool:
    """Whether ``text`` holds more than ``MAX_MARKS`` marks, or nests lists or quotes more
    than ``MAX_DEPTH`` deep on a line or by indentation."""
    marks = 0
    for _ in _MARK.finditer(text):
        marks += 1
        if marks > MAX_MARKS:
            return True
    if _INDENT.search(text):
        return True
    return any(len(_MARKER.findall(match[0])) > MAX_DEPTH for match in _LINE_START.finditer(text))


def _code(segment: str) -> str:
    """One code span holding ``segment`` as typed (spaces at either end are not kept)."""
    if not segment.strip():
        return ""
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(segment)), default=0) + 1)
    return f"{fence} {segment.strip()} {fence}"


def typed_line(text: str) -> str:
    """Text on one line as code spans: no mark in it takes effect, whatever it holds."""
    return " ".join(_spans(text))


def _spans(text: str) -> list[str]:
    """Text as code spans of at most ``SEGMENT`` characters, cut between words where it can be.

    CriticMarkup is read even inside code, so a word joiner (U+2060, which is not seen) is
    written after each brace that would open a mark."""
    text = _CRITIC_OPEN.sub("{\u2060", text)
    spans = []
    start = 0
    while start < len(text):
        end = min(start + SEGMENT, len(text))
        if end < len(text) and (space := text.rfind(" ", start + SEGMENT // 2, end)) > 0:
            end = space + 1  # a long text is cut between words where it can be
        spans.append(_code(text[start:end]))
        start = end
    return [span for span in spans if span]


MAX_PARAGRAPHS = 50
"""The most paragraphs a text shown as typed keeps: beyond, it is one paragraph."""
SPANS_PER_PARAGRAPH = 2
"""A long paragraph shown as typed continues in a new paragraph after this many code spans:
the inline pass reads each paragraph's text once per span, so none grows with the text."""


def typed_block(text: str) -> str:
    """Text as typed, in paragraphs of code spans where it has blank lines between them (and
    every ``SPANS_PER_PARAGRAPH`` spans); the lines of a paragraph are joined by spaces, as
    Markdown shows them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    if len(paragraphs) > MAX_PARAGRAPHS:
        paragraphs = [" ".join(paragraphs)]
    blocks = []
    for paragraph in paragraphs:
        spans = _spans(paragraph)
        for start in range(0, len(spans), SPANS_PER_PARAGRAPH):
            blocks.append(" ".join(spans[start : start + SPANS_PER_PARAGRAPH]))
    return "\n\n".join(blocks)
