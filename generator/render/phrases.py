"""Sentences and numbers the page templates print, assembled here rather than in template
logic: counts with their plurals, a ratio to two places, the inspection's sentence."""

from __future__ import annotations

from typing import Any, Protocol

import markupsafe

from generator.content.model import Inspection
from generator.plurals import counted
from generator.render.format import escape_text, long_date

Md = markupsafe.Markup


class Named(Protocol):
    singular: str
    plural: str


def count_words(count: int, word: Any) -> str:
    """``count`` things in words: a plan term (``terms.action``) or a word's singular, with
    its plural when it is not the singular with an s."""
    if isinstance(word, str):
        return counted(count, word)
    if isinstance(word, tuple):
        return counted(count, *word)
    return word.count(count)


def heading_word(count: int, named: Named) -> str:
    """A list's label: the plural where it lists more than one, else the singular."""
    return named.plural if count > 1 else named.singular


def ratio(value: float) -> str:
    """A ratio to two decimal places, never ``-0.00``."""
    return "0.00" if round(value, 2) == 0 else f"{value + 0.0:.2f}"


def inspection_sentence(i: Inspection) -> Md:
    """Who published the inspection report and when, as one sentence (empty when the content
    says neither), then its overall judgement."""
    body, title = escape_text(i.body), f"*{escape_text(i.title)}*"
    if i.body and i.title:
        opening = f"{body} published {title}"
    elif i.title:
        opening = f"{title} was published"
    elif i.body:
        opening = f"{body} published its report"
    elif i.published:
        opening = "The inspection report was published"
    else:
        opening = ""
    when = f" on {escape_text(long_date(i.published))}" if i.published else ""
    sentence = f"{opening}{when}." if opening else ""
    judgement = f" Overall judgement: **{escape_text(i.judgement)}**." if i.judgement else ""
    return Md(sentence + judgement)
