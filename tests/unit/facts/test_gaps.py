"""Gaps in reporting: consecutive values more than twice the series' usual interval apart."""

from datetime import date, timedelta

from generator.content.model import Value
from generator.facts.gaps import gaps, runs, usual_interval


def _weekly(*weeks: int) -> list[Value]:
    start = date(2017, 1, 1)
    return [Value(date=start + timedelta(weeks=w), value=float(w)) for w in weeks]


def test_the_usual_interval_is_the_median():
    assert usual_interval(_weekly(0, 1, 2, 3, 11)) == 7.0
    assert usual_interval(_weekly(0)) is None
    assert usual_interval([]) is None


def test_a_gap_is_more_than_twice_the_usual_interval():
    values = _weekly(0, 1, 2, 3, 11, 12)  # eight weeks without a value
    assert [(a.value, b.value) for a, b in gaps(values)] == [(3.0, 11.0)]
    assert gaps(_weekly(0, 1, 2, 4, 5)) == ()  # two weeks: exactly twice, not a gap
    assert [(a.value, b.value) for a, b in gaps(_weekly(0, 1, 2, 5, 6))] == [(2.0, 5.0)]
    assert gaps(_weekly(0, 9)) == ()  # one interval is the usual one


def test_runs_split_a_part_of_the_series_at_its_gaps():
    values = _weekly(0, 1, 2, 3, 11, 12, 20)
    assert [[v.value for v in run] for run in runs(values, values)] == [
        [0, 1, 2, 3],
        [11, 12],
        [20],
    ]
    # a segment is split where the whole series has a gap
    assert [[v.value for v in run] for run in runs(values[4:], values)] == [[11, 12], [20]]
    assert runs([], values) == ()
