"""The chart's scales: nice value ticks ending on a labelled tick, and concise date ticks."""

from __future__ import annotations

from datetime import date

import pytest

from generator.render.charts.axes import date_scale, value_label, value_scale


def labels(scale) -> list[str]:
    return [" ".join(t.label) for t in scale.ticks]


def test_values_get_nice_ticks_from_the_floor_to_a_tick_above_the_highest():
    scale = value_scale([1784, 1864], floor=0)
    assert labels(scale) == ["0", "500", "1,000", "1,500", "2,000"]
    assert (scale.low, scale.high) == (0, 2000)


def test_without_a_floor_the_axis_fits_the_values():
    scale = value_scale([28, 30, 34], floor=20)
    assert labels(scale) == ["20", "25", "30", "35"]
    free = value_scale([0.42, 0.47], floor=None)
    assert labels(free) == ["0.4", "0.42", "0.44", "0.46", "0.48"]


def test_headroom_leaves_space_above_the_values_for_note_markers():
    assert value_scale([0, 100], floor=0, headroom=0.2).high >= 120


@pytest.mark.parametrize("value", [5, -3.5])
def test_a_flat_series_still_has_a_span(value):
    scale = value_scale([value, value], floor=None)
    assert scale.low < value < scale.high


def test_tick_numbers_have_no_float_noise_or_negative_zero():
    assert value_label(0.1 + 0.2) == "0.3"
    assert value_label(-0.0) == "0"
    assert value_label(1234567) == "1,234,567"
    assert value_label(2.5e-3) == "0.0025"


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (
            date(2017, 4, 2),
            date(2017, 4, 30),
            ["3 Apr 2017", "10 Apr", "17 Apr", "24 Apr", "1 May"],
        ),
        (
            date(2014, 4, 30),
            date(2015, 3, 31),
            ["May 2014", "Jul", "Sep", "Nov", "Jan 2015", "Mar"],
        ),
        (date(2010, 1, 1), date(2016, 12, 31), ["2010", "2012", "2014", "2016"]),
    ],
)
def test_dates_get_three_to_seven_concise_ticks(first, last, expected):
    assert labels(date_scale([first, last])) == expected


def test_one_date_is_centred_in_a_month_wide_axis():
    scale = date_scale([date(2020, 6, 15)])
    assert scale.fraction(date(2020, 6, 15).toordinal()) == pytest.approx(0.5)
    assert 2 <= len(scale.ticks) <= 7


@pytest.mark.parametrize(
    ("values", "floor", "expected"),
    [
        ([1e-9, 1.3e-9], None, ["0.0000000009", "0.000000001", "0.0000000011", "0.0000000012"]),
        ([123456789.123, 123456789.124], None, ["123,456,789.12275", "123,456,789.123"]),
        ([-1e12, 1e12], None, ["-1,500,000,000,000", "-1,000,000,000,000", "-500,000,000,000"]),
    ],
)
def test_tick_labels_are_as_precise_as_their_step_and_never_repeat(values, floor, expected):
    found = labels(value_scale(values, floor))
    assert found[: len(expected)] == expected
    assert len(set(found)) == len(found)


def test_centuries_get_at_most_seven_ticks():
    found = labels(date_scale([date(1950, 1, 1), date(2199, 1, 1)]))
    assert found == ["1950", "2000", "2050", "2100", "2150", "2200"]
