"""A status's colour: the one its council's label names, otherwise its meaning's."""

from __future__ import annotations

import pytest

from generator.content.model import Meaning, StatusDef
from generator.facts.derive import Counts, StatusCount
from generator.facts.tones import Tone, named_tone, status_tone
from generator.render.format import status_badge, status_bar


def status(label: str, meaning: Meaning) -> StatusDef:
    return StatusDef(id="s", label=label, meaning=meaning)


@pytest.mark.parametrize(
    ("label", "meaning", "tone"),
    [
        ("Green (on track)", Meaning.IN_PROGRESS, Tone.GREEN),
        ("Amber (at risk)", Meaning.AT_RISK, Tone.AMBER),
        ("RED - off track", Meaning.OFF_TRACK, Tone.RED),
        ("Blue: complete", Meaning.COMPLETE, Tone.BLUE),
        ("green", Meaning.NOT_STARTED, Tone.GREEN),  # the council's colour wins
        ("Completed", Meaning.COMPLETE, Tone.GREEN),
        ("In progress", Meaning.IN_PROGRESS, Tone.BLUE),
        ("Slipping", Meaning.AT_RISK, Tone.AMBER),
        ("Stalled", Meaning.OFF_TRACK, Tone.RED),
        ("Planned", Meaning.NOT_STARTED, Tone.GREY),
        ("Not reported", Meaning.NOT_REPORTED, Tone.NONE),
        ("Amber/Green", Meaning.IN_PROGRESS, Tone.BLUE),  # two colours: its meaning decides
        ("Greenwich pilot", Meaning.IN_PROGRESS, Tone.BLUE),  # a colour as a whole word only
        ("Redesign under way", Meaning.IN_PROGRESS, Tone.BLUE),
        ("Green / green", Meaning.AT_RISK, Tone.GREEN),
    ],
)
def test_a_status_takes_the_colour_its_label_names_or_its_meanings(label, meaning, tone):
    assert status_tone(status(label, meaning)) is tone


def test_a_label_names_a_colour_as_a_word():
    assert named_tone("Rated AMBER by the board") is Tone.AMBER
    assert named_tone("Bluebell") is None
    assert named_tone("") is None


def test_the_tag_carries_the_word_the_icon_and_the_colour():
    badge = status_badge(status("Green (on track)", Meaning.IN_PROGRESS))
    assert badge == (
        '<strong class="ps-status ps-status--in-progress ps-tag ps-tag--green">'
        '<span class="ps-icon ps-icon--progress-clock" aria-hidden="true"></span> '
        "Green (on track)</strong>"
    )


def test_a_hostile_label_stays_text_in_the_tag():
    badge = status_badge(status("<img src=x onerror=alert(1)> Red", Meaning.IN_PROGRESS))
    assert "<img" not in badge
    assert "ps-tag--red" in badge


def test_the_status_bar_draws_each_part_in_its_status_colour():
    green = status("Green (on track)", Meaning.IN_PROGRESS)
    done = status("Completed", Meaning.COMPLETE)
    counts = Counts((StatusCount(green, 3), StatusCount(done, 1)), total=4, overdue=0)
    bar = status_bar(counts)
    assert 'class="ps-bar__part ps-bar__part--in-progress ps-tone--green"' in bar
    assert 'class="ps-bar__part ps-bar__part--complete ps-tone--green"' in bar
