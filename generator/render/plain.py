"""Plain Markdown, for ``diff --format markdown``: text that reads well pasted into an e-mail
or a committee paper, with no HTML, no character entities and no CriticMarkup.

The site's pages write ``<``, ``&`` and braces as entities and mark word changes with
CriticMarkup, which only the site's Markdown engine understands. Here a character that
Markdown could read as markup is escaped with a backslash instead (``\\<b>``, ``&amp\\;``,
``{\\++``), which every CommonMark reader shows as the character itself, and word changes
are ~~struck through~~ and **in bold**.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from generator.facts.words import Op, Segment, old_and_new, rewritten
from generator.render.format import (
    Md,
    _critic_inline,
    _neutralise_links,
    _one_line,
    before_and_now,
    lists_after_text,
)
from generator.render.urls import Linker

_TAG = re.compile(r"<[A-Za-z/!?][^<>\n]*>")
"""An HTML tag, comment or autolink as typed on one line."""
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
"""A ``<`` that could open an HTML tag, comment or autolink."""
_REFERENCE = re.compile(r"(&#?[A-Za-z0-9]+);")
"""A character reference (``&quot;``, ``&#58;``): escaping its ``;`` shows it as typed."""
_CRITIC_OPEN = re.compile(r"\{(?=[-+~=>])")
_INLINE = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(#|[-+](?=[\s-]|$)|>)|^(\d+)([.)])(?=\s|$)")
MARKS = {Op.DELETE: ("~~", "~~"), Op.INSERT: ("**", "**")}


def _code(text: str) -> str:
    """``text`` as a code span, which every Markdown reader shows as typed."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _outside_tags(text: str, escape: Callable[[str], str]) -> str:
    """``text`` with each HTML tag (or autolink) in a code span, and ``escape`` applied to
    the rest."""
    out, last = [], 0
    for match in _TAG.finditer(text):
        out += [escape(text[last : match.start()]), _code(match[0])]
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def _inert(text: str) -> str:
    """Text with no tag in it: an ``<`` that could still open one (a block at the start of
    a line needs no ``>``), a character reference and CriticMarkup are shown as typed."""
    text = _TAG_START.sub(r"\\<", text)
    text = _REFERENCE.sub(r"\1\\;", text)
    return _CRITIC_OPEN.sub(lambda m: "{\\", text)


def plain_source(text: str) -> str:
    """Markdown kept as Markdown, with raw HTML, character references and CriticMarkup
    shown as typed."""
    return _outside_tags(text, _inert)


def _escaped(text: str) -> str:
    return _inert(_INLINE.sub(r"\\\1", text))


def plain_text(value: Any) -> str:
    """Plain text on one line, every Markdown mark in it shown as typed."""
    text = _one_line(str(value))
    start = _LINE_START.match(text)
    lead = ""
    if start is not None:  # block syntax at the start: escaped where it would take effect
        lead = "\\" + start[1] if start[1] else start[2] + "\\" + start[3]
        text = text[start.end() :]
    return lead + _outside_tags(text, _escaped)


def plain_finalize(value: Any) -> Any:
    """Every printed value is plain text unless it is already marked as Markdown."""
    if value is None:
        return Md("")
    if isinstance(value, Md):
        return value
    return Md(plain_text(value))


def plain_block(value: str) -> Md:
    """Narrative Markdown as plain Markdown: formatting and web links kept, anything else
    shown as typed."""
    return Md(_neutralise_links(plain_source(lists_after_text(value))).strip())


def _changed(text: str) -> str:
    """Changed words: every Markdown mark escaped, each tag in a code span (escaped after
    the span is made, a backtick would open the tag again)."""
    return _outside_tags(text, _escaped)


def plain_diff(segments: Sequence[Segment]) -> Md:
    """A word diff: removed words ~~struck through~~, added words **in bold**; a text that
    keeps less than half of its words is shown as the old text, then the new."""
    if rewritten(segments):
        return before_and_now(*old_and_new(segments), plain_block)
    marked = _critic_inline(segments, MARKS, plain_source, _INLINE, _changed)
    return Md(marked.replace("~~**", "~~ **"))


class PlainLinker(Linker):
    """Links whose words are plain text."""

    def link(self, text: str, release_id: str, target: Any, anchor: str | None = None) -> Md:
        return Md(f"[{plain_text(text)}]({self.version_href(release_id, target, anchor)})")
