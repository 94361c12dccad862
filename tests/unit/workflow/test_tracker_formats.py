"""Which number formats show a percentage, and which KPI units are percentages."""

from __future__ import annotations

import pytest

from generator.workflow.tracker_formats import _percent, is_percent_unit


@pytest.mark.parametrize(
    ("number_format", "expected"),
    [
        ("0%", True),
        ("0.0%", True),
        ("0%;[Red]-0%", True),
        ('0" %"', False),  # a quoted % is text shown beside the number, not scaled
        ("0\\%", False),
        ("General", False),
        ("0.00", False),
        ("0;0%", False),  # the format for negative numbers only
    ],
)
def test_a_percentage_format_is_an_unquoted_percent_sign(number_format, expected):
    assert _percent(number_format) is expected


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("%", True), (" Per  cent ", True), ("percentage", True), ("count", False), ("", False)],
)
def test_percent_units(unit, expected):
    assert is_percent_unit(unit) is expected
