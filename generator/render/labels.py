"""Short names for items where only a line fits: navigation entries and search titles."""

from __future__ import annotations

import re

from generator.content.model import Recommendation
from generator.facts.terms import PlanTerm
from generator.render.format import brief

NAV_WORDS = 48
"""How many characters of a recommendation's text its navigation entry shows, at most."""

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>~]+|<[^>]*>")


def plain_words(text: str) -> str:
    """Markdown ``text`` as plain words: links keep their text, emphasis and tags go."""
    return " ".join(_MARKUP.sub("", _LINK.sub(r"\1", text)).split())


def nav_label(rec: Recommendation, term: PlanTerm) -> str:
    """A recommendation in the navigation: its id and the opening words of its text
    (``P1.F4: Expand early literacy …``), or, with no text, the plan's word and its id."""
    words = brief(plain_words(rec.text), NAV_WORDS)
    return f"{rec.id}: {words}" if words else f"{term.singular} {rec.id}"
