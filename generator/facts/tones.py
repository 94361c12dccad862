"""The colour each status is shown in: the council's own colour where its label names one.

A council that rates its actions Red, Amber, Green or Blue means that colour: "Green (on
track)" is green whatever it means to the generator. A label that names no colour (or more
than one, such as Amber/Green) takes the colour of its meaning. The colour only supports the
status's words and icon; it never carries the meaning alone.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum

from generator.content.model import Meaning, StatusDef


class Tone(StrEnum):
    """A colour a status tag and its part of the status bar are drawn in."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    BLUE = "blue"
    GREY = "grey"
    NONE = "none"
    """No colour: white with a grey outline (nothing was reported)."""


NAMED = {"red": Tone.RED, "amber": Tone.AMBER, "green": Tone.GREEN, "blue": Tone.BLUE}
"""The colours a council's status label may name."""

BY_MEANING = {
    Meaning.COMPLETE: Tone.GREEN,
    Meaning.IN_PROGRESS: Tone.BLUE,
    Meaning.AT_RISK: Tone.AMBER,
    Meaning.OFF_TRACK: Tone.RED,
    Meaning.NOT_STARTED: Tone.GREY,
    Meaning.NOT_REPORTED: Tone.NONE,
}

_COLOUR_WORD = re.compile(r"\b(" + "|".join(NAMED) + r")\b", re.IGNORECASE)


@functools.lru_cache(maxsize=256)  # a plan has a handful of labels, asked for on every line
def named_tone(label: str) -> Tone | None:
    """The one colour ``label`` names as a word (Red, amber, GREEN, Blue), or None."""
    named = {NAMED[word.lower()] for word in _COLOUR_WORD.findall(label)}
    return named.pop() if len(named) == 1 else None


def status_tone(status: StatusDef) -> Tone:
    """The colour of ``status``: the one its label names, otherwise its meaning's."""
    return label_tone(status.label, status.meaning)


def label_tone(label: str, meaning: Meaning) -> Tone:
    """The colour of a status labelled ``label`` that means ``meaning``."""
    return named_tone(label) or BY_MEANING[meaning]
