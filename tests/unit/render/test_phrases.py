"""Counts, ratios and the inspection's sentence, put together in Python for the templates."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from generator.content.model import Inspection
from generator.facts.terms import PlanTerm
from generator.plurals import counted, plural
from generator.render.phrases import count_words, heading_word, inspection_sentence, ratio
from generator.render.template import environment


def test_counts_take_their_plural():
    assert [counted(n, "indicator") for n in (0, 1, 2)] == [
        "0 indicators",
        "1 indicator",
        "2 indicators",
    ]
    assert counted(2, "status change") == "2 status changes"
    assert plural(3, "entry", "entries") == "entries" and plural(1, "entry", "entries") == "entry"
    assert count_words(2, ("entry", "entries")) == "2 entries"
    assert count_words(1, PlanTerm("Focus area", "Focus areas")) == "1 focus area"


def test_a_list_label_is_plural_only_for_more_than_one():
    pillar = PlanTerm("Pillar", "Pillars")
    assert [heading_word(n, pillar) for n in (0, 1, 2)] == ["Pillar", "Pillar", "Pillars"]


@pytest.mark.parametrize(
    "value, shown",
    [(0.0, "0.00"), (-0.0, "0.00"), (-0.004, "0.00"), (-0.006, "-0.01"), (1.005, "1.00")]
    + [(0.994, "0.99"), (2.5, "2.50"), (-1.25, "-1.25"), (0.004999, "0.00")],
)
def test_a_ratio_is_shown_to_two_places_and_never_as_minus_zero(value, shown):
    assert ratio(value) == shown


OLD_SENTENCE = (
    "{% if i.body and i.title %}{{ i.body }} published *{{ i.title }}*{% elif i.title %}"
    "*{{ i.title }}* was published{% elif i.body %}{{ i.body }} published its report"
    "{% elif i.published %}The inspection report was published{% endif %}{% if i.published %}"
    " on {{ i.published|long_date }}{% endif %}{% if i.body or i.title or i.published %}."
    "{% endif %}{% if i.judgement %} Overall judgement: **{{ i.judgement }}**.{% endif %}"
)
"""How home.md.j2 wrote the sentence before: the function must say just the same."""


@pytest.mark.parametrize(
    "body, title, published, judgement",
    list(
        itertools.product(
            ("", "Ofsted <b>"), ("", "Single *inspection*"), (None, date(2014, 5, 30)), ("", "Good")
        )
    ),
)
def test_the_inspection_sentence_reads_as_before(body, title, published, judgement):
    i = Inspection(body=body, title=title, published=published, judgement=judgement)
    before = environment().from_string(OLD_SENTENCE).render(i=i)
    assert inspection_sentence(i) == before


def test_the_inspection_sentence_in_words():
    i = Inspection(body="Ofsted", title="Report", published=date(2014, 5, 30), judgement="Good")
    assert inspection_sentence(i) == (
        "Ofsted published *Report* on 30 May 2014. Overall judgement: **Good**."
    )
    assert inspection_sentence(Inspection(body="<img src=x onerror=alert(1)>")) == (
        "&lt;img src=x onerror=alert(1)&gt; published its report."
    )
