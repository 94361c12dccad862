"""How values are written on the pages: escaping, formats, badges, the Jinja2 setup.

Content is text, not markup: every value a template prints is escaped for Markdown and HTML
unless it is explicitly marked as Markdown (narratives and summaries, whose raw HTML is still
escaped). Templates only present; every fact they show comes from ``derive``. Which pages
exist and how they link is ``pages``.
"""

from __future__ import annotations

import functools
import html.entities
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

import markupsafe

from generator.content.fields import UNUSABLE_IN_TERM
from generator.content.glossary import ACRONYM
from generator.content.mdlinks import destination_at, link_closed, readable_url
from generator.content.model import Meaning, Polarity, StatusDef, Term
from generator.facts.compare import KpiChange
from generator.facts.derive import (
    Counts,
    Direction,
    KpiView,
)
from generator.facts.targets import Judgement, TargetProgress
from generator.facts.terms import DEFAULT_ACTION, PlanTerm
from generator.facts.tones import label_tone, status_tone
from generator.facts.words import Op, Segment, old_and_new, rewritten
from generator.render.typed import too_costly, typed_block, typed_line

Md = markupsafe.Markup
"""Text that is already Markdown (or safe HTML) and must not be escaped again."""


_MD_INLINE = re.compile(r"([\\`*_\[\]|])")
_MD_LINE_START = re.compile(r"^(#|[-+](?=[\s-]|$))|^(\d+)([.)])(?=\s|$)")

STATUS_ICONS = {
    Meaning.COMPLETE: "material-check-circle",
    Meaning.IN_PROGRESS: "material-progress-clock",
    Meaning.AT_RISK: "material-alert",
    Meaning.OFF_TRACK: "material-close-octagon",
    Meaning.NOT_STARTED: "material-circle-outline",
    Meaning.NOT_REPORTED: "material-help-circle-outline",
}

DIRECTION_ICONS = {
    Direction.IMPROVING: None,
    Direction.WORSENING: None,
    Direction.NO_CHANGE: "material-arrow-right",
    Direction.NO_SIGNIFICANT_CHANGE: "material-approximately-equal",
    Direction.NOT_COMPARABLE: "material-minus",
    Direction.UP: "material-arrow-up",
    Direction.DOWN: "material-arrow-down",
    Direction.UNKNOWN: "material-minus",
    Direction.NO_NEW_VALUE: "material-minus",
    Direction.REVISED: "material-history",
}

POLARITY_WORDS: dict[Polarity | None, str] = {
    None: "The plan does not state which direction is better",
    Polarity.HIGHER: "Higher is better",
    Polarity.LOWER: "Lower is better",
    Polarity.NEUTRAL: "Neither higher nor lower is better in itself: this shows demand",
}


def escape_text(value: Any) -> str:
    """Escape plain text so Markdown and HTML show it literally, on one line.

    Inline syntax is escaped everywhere; block syntax (``- ``, ``# ``, ``1. ``) only where it
    could take effect, at the start, so ordinary punctuation stays readable in the source.
    """
    return _escaped_or_typed(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _escaped_or_typed(text: str) -> str:
    """The same titles, ids and labels are printed on many pages: each is escaped once."""
    return typed_line(_one_line(text)) if too_costly(text) else _escaped(text)


def _one_line(text: str) -> str:
    """``text`` with each line break, and the spaces around it, written as one space (in
    time proportional to the text: no pattern is retried along a run of spaces)."""
    if "\n" not in text:
        return text
    before = re.sub(r"\n\s*", "\n", text[::-1])[::-1]  # spaces before each break
    return re.sub(r"\n\s*", " ", before)


def _escaped(value: str) -> str:
    """Every mark of ``value`` escaped: it shows literally, in text or in an attribute."""
    text = _MD_INLINE.sub(r"\\\1", _one_line(value))
    text = _MD_LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], text)
    # ":" would start an emoji shortcode; "{" CriticMarkup, even after a backslash, and
    # attribute lists: as entities, neither can take effect anywhere, attributes included.
    return inert_braces(html_text(text)).replace(":", "&#58;")


def inert_braces(text: str) -> str:
    """Braces as entities: neither CriticMarkup nor an attribute list can then take effect,
    in text or inside an attribute."""
    return text.replace("{", "&#123;").replace("}", "&#125;")


_LEGACY_ENTITIES = tuple(name for name in html.entities.html5 if not name.endswith(";"))
_AMPERSAND = re.compile(r"&(?P<name>#|[A-Za-z0-9]*)(?P<semicolon>;?)")


def _ampersand(match: re.Match[str]) -> str:
    """An ``&`` that a browser or Markdown could read as the start of a character reference
    is written as ``&amp;``. Any other stays as typed, so a glossary term such as ``A&A`` is
    matched on the page (the page's HTML escapes it); a ``;`` after it is written as an
    entity, as Markdown would otherwise take ``&A;`` for a reference and hide the term."""
    name, semicolon = match["name"], match["semicolon"]
    if name == "#" or name + semicolon in html.entities.html5 or name.startswith(_LEGACY_ENTITIES):
        return "&amp;" + name + semicolon
    return "&" + name + ("&#59;" if semicolon and name else semicolon)


def _no_tags(text: str) -> str:
    text = _AMPERSAND.sub(_ampersand, text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def link_href(url: str) -> Md:
    """A checked http(s) address (``WebLink``) for an href: HTML-escaped, braces inert."""
    return Md(inert_braces(_no_tags(url).replace('"', "&quot;").replace("'", "&#39;")))


def html_text(value: str) -> str:
    """Text for a place the theme prints as HTML without escaping (site name, nav titles)."""
    return _no_tags(value).replace('"', "&quot;")


def _escape_source(text: str) -> str:
    return _no_tags(text).replace("{", "&#123;").replace("}", "&#125;")


_LINK_START = re.compile(r"\]\(")
_SAFE_URL = re.compile(r"^(?:https?:|mailto:)", re.IGNORECASE)
_UNESCAPED = r"(?<!\\)(?P<escapes>(?:\\\\)*)"
"""An even run of backslashes (possibly none): the character after it is not escaped."""
_DEFINITION = re.compile(_UNESCAPED + r"\[(?=[^\[\]]*\][ \t]*:)")
"""``[label]:`` starts a reference definition (``*[label]:`` an abbreviation) at the start of
any line, however deeply nested in lists or quotes; escaped wherever it appears, so content
text can never define a link target or abbreviation for the page."""
_LABEL_END = re.compile(_UNESCAPED + r"\](?=[ \t]*:)")
"""``]:`` ends a definition's label. An abbreviation's label may itself hold ``]``
(``*[a]b]: …``), so the bracket before the colon is escaped too: no label holds a backslash."""
_IMAGE = re.compile(_UNESCAPED + r"!\[")


def _safe_destination(destination: str) -> bool:
    """Only web and e-mail links: no javascript:, data: or relative paths into the site."""
    return bool(_SAFE_URL.match(re.sub(r"[\x00-\x20]", "", destination)))


def _no_definitions(text: str) -> str:
    """Markdown source in which no reference or abbreviation can be defined and no image
    loaded: ``[x]:`` and ``![x]`` are shown as written (an image becomes a link to it)."""
    # each pattern starts by looking behind for backslashes, at every character: a text
    # without the bracket it needs is not searched
    if "[" in text:
        text = _DEFINITION.sub(lambda m: m["escapes"] + "\\[", text)
    if "]" in text:
        text = _LABEL_END.sub(lambda m: m["escapes"] + "\\]", text)
    return _IMAGE.sub(lambda m: m["escapes"] + "\\![", text) if "![" in text else text


def _neutralise_links(text: str) -> str:
    """Links to anything but http(s) and mailto, and to addresses a browser or MkDocs cannot
    read (``readable_url``), are shown as text, not followed: no text can fail a build."""

    def link(match: re.Match[str]) -> str:
        start = match.start() + 2
        url = destination_at(text, start)
        if _safe_destination(url) and readable_url(url) is None and link_closed(text, start):
            return match[0]
        return "]\\(" + match[0][2:]

    text = _LINK_START.sub(link, text)
    return _no_definitions(text)


def markdown_block(value: str) -> Md:
    """Narrative Markdown: formatting and web links are kept; raw HTML, template syntax and
    other links are shown literally. Paragraphs and lists are kept as people type them.
    Text whose Markdown would cost too much (``too_costly``) is shown exactly as typed."""
    if len(value) <= REMEMBERED:
        return Md(_remembered_block(value))
    return Md(_markdown_block(value))


REMEMBERED = 4000
"""Texts up to this long are made into Markdown, and printed values escaped, once per process
(a narrative is shown on its recommendation's page, the printable report, its leads' pages
and what changed); a longer text is worked out each time, so that a plan of long texts does
not keep a second copy of each."""


@functools.lru_cache(maxsize=4096)
def _remembered_block(value: str) -> str:
    return _markdown_block(value)


def _markdown_block(value: str) -> str:
    if too_costly(value):
        return typed_block(value)
    return _neutralise_links(_escape_source(lists_after_text(value))).strip()


_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}\.)[ \t]+\S")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")


def lists_after_text(text: str) -> str:
    """A list directly under a line of text, with no blank line between, is still a list:
    the blank line Markdown needs before it is added. Lines inside a list or a fenced code
    block are left as they are."""
    out: list[str] = []
    in_list = in_fence = False
    previous = ""
    for line in text.replace("\r\n", "\n").split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and _LIST_ITEM.match(line):
            if previous.strip() and not in_list:
                out.append("")
            in_list = True
        elif in_list and line.strip() and not previous.strip() and not line[:1].isspace():
            in_list = False  # a paragraph after a blank line ends the list
        out.append(line)
        previous = line
    return "\n".join(out)


def first_paragraph(text: str) -> str:
    """The opening words of Markdown text, up to its first blank line or list, for a table
    cell that cannot hold paragraphs or lists; "…" says that more follows."""
    lines = lists_after_text(text).strip().split("\n")
    opening: list[str] = []
    for line in lines:
        if not line.strip() or _LIST_ITEM.match(line):
            break
        opening.append(line.strip())
    if not opening:  # it opens with a list: its first item
        first = _BLOCK_MARKER.sub("", lines[0], count=1).strip()
        return f"{first} …" if len(lines) > 1 else first
    return " ".join(opening) + (" …" if len(opening) < len(lines) else "")


BRIEF = 140
"""The most characters of a text shown in a list that links to where it is in full."""


def brief(text: str, limit: int = BRIEF) -> str:
    """The opening of a text (``first_paragraph``) cut at a word before ``limit`` characters,
    with "…" where it was cut, for lists whose every entry links to the text in full."""
    opening = first_paragraph(text)
    if len(opening) <= limit:
        return opening
    cut = opening[: limit + 1].rsplit(None, 1)[0] if " " in opening[:limit] else opening[:limit]
    return cut.rstrip(" ,;:.…") + " …"


def blockquote(value: Md) -> Md:
    """Markdown shown as a quotation: every line of it, paragraphs and lists included."""
    return Md("\n".join(f"> {line}" if line.strip() else ">" for line in value.split("\n")))


_BLOCK_MARKER = re.compile(r"^[ \t]*(?:(?:[-*+]|\d+[.)]|#{1,6})[ \t]+)+")
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]])")
_CRITIC = {Op.INSERT: ("{++", "++}"), Op.DELETE: ("{--", "--}")}


def critic_markup(segments: Sequence[Segment]) -> Md:
    """A word diff of narrative Markdown as CriticMarkup, shown as <ins>/<del> by pymdownx.critic.

    Unchanged text keeps its formatting. A change never spans a line break (so it cannot break a
    paragraph or list apart), list and heading markers stay outside it, and Markdown syntax inside
    a change is shown literally, so a half-changed ``**bold**`` cannot unbalance the page.
    """
    if rewritten(segments):
        return before_and_now(*old_and_new(segments), markdown_block, site_label)
    return _critic_inline(segments)


def bold_label(label: str) -> str:
    """ "**Before:**" """
    return f"**{label}:**"


def site_label(label: str) -> str:
    """ "Before:" in a paragraph styled bold (``ps-label``): one element, not two, for each of
    the many labels of a long comparison."""
    return f"{label}:\n{{: .ps-label }}"


def before_and_now(
    old: str, new: str, text: Callable[[str], str], label: Callable[[str], str] = bold_label
) -> Md:
    """A rewritten text: the old one, then the new, each quoted under its label (a text
    that is empty on one side is shown on the other alone)."""
    blocks = [(name, t) for name, t in (("Before", old), ("Now", new)) if t.strip()]
    return Md("\n\n".join(f"{label(name)}\n\n{blockquote(Md(text(t)))}" for name, t in blocks))


Marks = dict[Op, tuple[str, str]]
"""How a word diff marks deleted and inserted text: an opening and a closing mark for each."""


def _critic_inline(
    segments: Sequence[Segment],
    marks: Marks = _CRITIC,
    source: Callable[[str], str] = _escape_source,
    syntax: re.Pattern[str] = _INLINE_SYNTAX,
    changed: Callable[[str], str] | None = None,
) -> Md:
    """A word diff with each change between its ``marks``: ``source`` makes each stretch of
    text safe, ``syntax`` is what a change shows literally (escaped with a backslash), or
    ``changed`` makes a change's words safe from the text as typed, when given."""
    out: list[str] = []
    at_line_start = True
    for segment in segments:
        changing = changed is not None and segment.op is not Op.EQUAL
        text = segment.text if changing else source(segment.text)
        if segment.op is Op.EQUAL:  # links are not followed in a diff: they may be cut in two
            out.append(text.replace("](", "]\\("))
            at_line_start = text.endswith("\n") if text else at_line_start
            continue
        opener, closer = marks[segment.op]
        for piece in re.split(r"(\n[ \t]*)", text):
            if piece.startswith("\n"):
                out.append(piece)
                at_line_start = True
                continue
            lead = ""
            if at_line_start and (marker := _BLOCK_MARKER.match(piece)):
                lead = marker.group(0)
            body = piece[len(lead) :]
            out.append(lead)
            if body.strip():  # spaces at either end stay outside the mark
                core = body.strip()
                start = body[: len(body) - len(body.lstrip())]
                end = body[len(body.rstrip()) :]
                safe = changed(core) if changed is not None else syntax.sub(r"\\\1", core)
                out.append(start + opener + safe + closer + end)
            elif segment.op is Op.INSERT:
                out.append(body)
            if piece:
                at_line_start = False
    return Md(_no_definitions("".join(out)).strip())


def finalize(value: Any) -> Any:
    """Every printed value is escaped as text unless it is already marked as Markdown."""
    if isinstance(value, Md):
        return value
    if value is None:
        return _NOTHING
    if type(value) is str and len(value) <= REMEMBERED:
        return _printed(value)
    return Md(escape_text(value))


_NOTHING = Md("")


@functools.lru_cache(maxsize=1 << 16)
def _printed(text: str) -> Md:
    """A text as printed, once per process: the same titles and labels are printed on many
    pages (a long text is escaped each time: a plan of them would fill the memory)."""
    return Md(escape_text(text))


@functools.lru_cache(maxsize=4096)  # a plan's dates, printed on every line
def long_date(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def month_year(value: date) -> str:
    return f"{value:%b}\u00a0{value:%Y}"  # never split across lines


COUNT_UNITS = ("count", "number")
"""Units that add nothing beside a number: it is shown, and charted, bare."""


def format_number(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    if unit == "%":
        return f"{text}%"
    if unit and unit not in COUNT_UNITS:
        return f"{text} {unit}"
    return text


def format_change(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    if value == 0:
        return "no change"
    sign = "+" if value > 0 else "−"
    return sign + format_number(abs(value), unit)


def icon_html(icon: str) -> str:
    """A decorative icon drawn by the stylesheet from one shared SVG file, not inlined."""
    name = icon.removeprefix("material-")
    return f'<span class="ps-icon ps-icon--{name}" aria-hidden="true"></span>'


def status_badge(status: StatusDef | None) -> Md:
    """A status as an icon *and* a word; the icon is decoration, the word carries the meaning."""
    return _NOTHING if status is None else _status_badge(status.meaning, status.label)


@functools.lru_cache(maxsize=256)  # a plan has a handful of statuses, on every line
def _status_badge(meaning: Meaning, label: str) -> Md:
    tone = label_tone(label, meaning).value
    return Md(
        f'<strong class="ps-status ps-status--{meaning.value} ps-tag ps-tag--{tone}">'
        f"{icon_html(STATUS_ICONS[meaning])} {escape_text(label)}</strong>"
    )


def _shown_direction(kpi: KpiView | KpiChange) -> Direction:
    """A KPI's direction as a page of its release shows it: "no new value" where the release
    has no value newer than the previous one showed (``KpiView.stale``)."""
    if isinstance(kpi, KpiView) and kpi.stale:
        return Direction.NO_NEW_VALUE
    return kpi.direction


def direction_badge(kpi: KpiView | KpiChange) -> Md:
    direction = _shown_direction(kpi)
    icon = DIRECTION_ICONS[direction]
    if icon is None:
        rising = (kpi.change or 0) > 0
        icon = "material-arrow-up" if rising else "material-arrow-down"
    word = direction.value.capitalize()
    return Md(
        f'<span class="ps-direction ps-direction--{direction.name.lower().replace("_", "-")}">'
        f"{icon_html(icon)} {word}</span>"
    )


PROGRESS_ICONS = {
    Judgement.ACHIEVED: "material-flag-checkered",
    Judgement.ON_COURSE: "material-check",
    Judgement.BEHIND: "material-clock-alert-outline",
    Judgement.DETERIORATING: "material-trending-down",
    Judgement.NOT_ENOUGH_DATA: "material-minus",
}
ICONS = sorted(
    {*STATUS_ICONS.values(), *PROGRESS_ICONS.values(), "material-arrow-up", "material-arrow-down"}
    | {icon for icon in DIRECTION_ICONS.values() if icon}
)
"""Every icon a badge can show; their SVG files are copied into each version's assets."""


def progress_badge(progress: TargetProgress) -> Md:
    """Progress toward a target as an icon and words."""
    judgement = progress.judgement
    word = judgement.value.capitalize()
    if judgement is Judgement.BEHIND:
        word += ": moderate progress" if progress.moderate else ": limited progress"
    return Md(
        f'<span class="ps-progress ps-progress--{judgement.name.lower().replace("_", "-")}">'
        f"{icon_html(PROGRESS_ICONS[judgement])} {word}</span>"
    )


def status_bar(counts: Counts, term: PlanTerm = DEFAULT_ACTION) -> Md:
    """Actions by status as a stacked bar; its label, and the counts beside it, give the numbers."""
    shown = [c for c in counts.by_status if c.count]
    if not counts.total:
        return Md("")
    label = ", ".join(f"{c.status.label} {c.count}" for c in shown)
    parts = "".join(
        f'<span class="ps-bar__part ps-bar__part--{c.status.meaning.value} '
        f'ps-tone--{status_tone(c.status).value}" '
        f'style="width: {100 * c.count / counts.total:.3f}%"></span>'
        for c in shown
    )
    aria = _escaped(f"{term.count(counts.total)}: {label}")  # Markdown reaches inside attributes
    return Md(f'<span class="ps-bar" role="img" aria-label="{aria}">{parts}</span>')


def plain_status(status: StatusDef | None) -> str:
    return status.label if status else ""


def plain_direction(kpi: KpiView | KpiChange) -> str:
    return _shown_direction(kpi).value.capitalize()


def _attribute(text: str) -> str:
    """A meaning as the title of an abbreviation definition: one line, shown as written.

    The abbreviation extension keeps entities in a title as they are, so ``&`` is written
    as ``&amp;`` and ``&lt;`` in a meaning stays the text ``&lt;``. Braces are written as
    entities, as CriticMarkup would otherwise be applied inside the title.
    """
    return inert_braces(" ".join(text.split()).replace("&", "&amp;").replace('"', "&quot;"))


def abbreviations(terms: Iterable[Term]) -> str:
    """Markdown abbreviation definitions for every term and its plural: the snippet that
    ``pymdownx.snippets`` appends to every page, so the ``abbr`` extension wraps each use in
    ``<abbr title="...">`` (Material's documented approach)."""
    lines = []
    for term in terms:
        if UNUSABLE_IN_TERM.search(term.term):
            continue  # rejected by validation: never a line the page would show as text
        title = _attribute(term.meaning)
        lines.append(f"*[{term.term}]: {title}")
        if ACRONYM.fullmatch(term.term):
            lines.append(f"*[{term.term}s]: {title}")
    return "\n".join(lines) + "\n"
