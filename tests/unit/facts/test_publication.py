"""A series as it stood on a day (``series.Publication``), worked out from the values sorted
by when they were made public, is what reading every row in file order gives."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.model import Value
from generator.facts.series import Publication, publication, published_by

START = date(2024, 1, 1)


def _by_reading_every_row(
    values: list[Value], day: date
) -> tuple[tuple[Value, ...], dict[date, Value]]:
    """The series on ``day`` and each date's first row by then, read row by row."""
    latest: dict[date, Value] = {}
    first: dict[date, Value] = {}
    for value in values:
        if value.made_public <= day:
            known = latest.get(value.date)
            if known is None or known.made_public <= value.made_public:
                latest[value.date] = value
            first.setdefault(value.date, value)
    return tuple(latest[d] for d in sorted(latest)), first


_DAYS = st.integers(0, 12).map(lambda n: START + timedelta(days=30 * n))
_ROWS = st.lists(
    st.builds(
        lambda when, value, late: Value(
            date=when, value=value, published=None if late is None else when + late
        ),
        _DAYS,
        st.integers(0, 5),
        st.none() | st.integers(0, 90).map(lambda n: timedelta(days=n)),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(_ROWS, st.lists(_DAYS | _DAYS.map(lambda d: d + timedelta(days=45)), max_size=6))
def test_the_series_on_any_day_is_what_reading_every_row_gives(rows, days):
    kept = Publication(rows)
    for day in days:
        series, first = kept.on(day)
        expected, expected_first = _by_reading_every_row(rows, day)
        assert [id(v) for v in series] == [id(v) for v in expected]
        assert {d: id(v) for d, v in first.items()} == {d: id(v) for d, v in expected_first.items()}
        assert kept.on(day) is kept.on(day)  # worked out once


def test_a_tuple_of_values_has_one_publication_a_list_a_new_one():
    rows = (Value(date=START, value=1), Value(date=START, value=2, published=START))
    assert publication(rows) is publication(rows)
    assert publication(list(rows)) is not publication(list(rows))
    assert [v.value for v in published_by(rows, START)] == [2]
