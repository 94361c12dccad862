"""Tolerance, notes and breaks: how a KPI's series is judged and drawn."""

import re
from datetime import date
from pathlib import Path

import pytest

from generator.content.model import Polarity, Tolerance, Value
from generator.content.validate import load_content
from generator.facts.compare import compare
from generator.facts.derive import release_view
from generator.facts.series import Direction, direction_of, notes, segments
from generator.facts.targets import Judgement
from generator.render.charts.alt import chart_alt
from generator.render.charts.draw import kpi_chart, sparkline
from generator.render.charts.words import chart_data, chart_headline
from generator.render.opendata import open_data
from tests.conftest import add_series_kpi


@pytest.mark.parametrize(
    ("previous", "latest", "tolerance", "direction"),
    [
        (371, 370, None, Direction.IMPROVING),  # no tolerance: judged as before
        (371, 370, Tolerance(absolute=5), Direction.NO_SIGNIFICANT_CHANGE),
        (371, 366, Tolerance(absolute=5), Direction.NO_SIGNIFICANT_CHANGE),  # 5 is within
        (371, 365, Tolerance(absolute=5), Direction.IMPROVING),
        (371, 380, Tolerance(absolute=5), Direction.WORSENING),
        (200, 204, Tolerance(percent=2), Direction.NO_SIGNIFICANT_CHANGE),
        (200, 205, Tolerance(percent=2), Direction.WORSENING),
        (371, 371, Tolerance(absolute=5), Direction.NO_CHANGE),
        (None, 371, Tolerance(absolute=5), Direction.UNKNOWN),
    ],
)
def test_direction_within_tolerance(previous, latest, tolerance, direction):
    assert direction_of(previous, latest, Polarity.LOWER, tolerance) is direction


def test_a_neutral_kpi_within_tolerance_is_no_significant_change():
    no_move = direction_of(371, 370, Polarity.NEUTRAL, Tolerance(absolute=5))
    assert no_move is Direction.NO_SIGNIFICANT_CHANGE
    assert direction_of(371, 370, Polarity.NEUTRAL) is Direction.DOWN


def test_segments_and_notes():
    days = [date(2020, m, 1) for m in range(1, 6)]
    values = [
        Value(date=days[0], value=1),
        Value(date=days[1], value=2, note="partial month"),
        Value(date=days[2], value=9, note="new definition", **{"break": True}),
        Value(date=days[3], value=8),
        Value(date=days[4], value=7, **{"break": True}),
    ]
    assert [[v.value for v in s] for s in segments(values)] == [[1, 2], [9, 8], [7]]
    assert [(n, v.note) for n, v in notes(values)] == [(1, "partial month"), (2, "new definition")]
    assert segments([]) == ()


@pytest.fixture
def series(small):
    add_series_kpi(Path("content"))
    return load_content(Path("content"))


def visits(content, release):
    return {k.kpi.id: k for k in release_view(content, release).kpis}["visits-due"]


def test_direction_is_judged_within_the_latest_segment(series):
    october = visits(series, "2014-10")  # 60 then 58, after the break: within 3
    assert (october.previous.value, october.latest.value) == (60, 58)
    assert october.direction is Direction.NO_SIGNIFICANT_CHANGE
    assert chart_headline(october) == (
        "Statutory visits due showed no significant change in October 2014: it fell by "
        "2 visits, within its tolerance of 3 visits"
    )
    january = visits(series, "2015-01")  # 57 then 52: a real fall, and lower is better
    assert january.direction is Direction.IMPROVING
    assert chart_headline(january) == "Statutory visits due fell by 5 visits in January 2015"


def test_a_value_after_a_break_is_not_compared_with_the_one_before():
    content_values = [
        Value(date=date(2020, 1, 31), value=10),
        Value(date=date(2020, 2, 29), value=30, **{"break": True}),
    ]
    assert [len(s) for s in segments(content_values)] == [1, 1]


def test_progress_is_judged_from_the_first_value_after_the_break(series):
    january = visits(series, "2015-01")
    progress = january.progress
    # the baseline of 50 predates the break: judged from 60, the series is behind, not
    # deteriorating (52 is above 50, but below 60)
    assert (progress.baseline.value, progress.baseline.date) == (60, date(2014, 9, 30))
    assert progress.judgement is Judgement.BEHIND
    assert january.baseline_replaced
    assert not visits(series, "2014-06").baseline_replaced


def test_the_latest_value_starting_a_segment_has_no_direction(series, small):
    small.replace("kpi-values.csv", "visits-due,2014-10-31,58,,\n", "")
    kpi = visits(load_content(Path("content")), "2014-10")
    assert kpi.latest.value == 60 and kpi.broken
    assert (kpi.previous, kpi.change, kpi.direction) == (None, None, Direction.UNKNOWN)
    assert chart_headline(kpi) == (
        "Statutory visits due was 60 visits on 30 September 2014, the first value of a new series"
    )


def test_changes_use_the_same_judgement(series):
    old, new = release_view(series, "2014-10"), release_view(series, "2015-01")
    change = {k.kpi.id: k for k in compare(old, new).kpis}["visits-due"]
    assert (change.value_from.value, change.value_to.value) == (58, 52)
    assert change.direction is Direction.IMPROVING
    across = {k.kpi.id: k for k in compare(release_view(series, "2014-06"), new).kpis}
    assert across["visits-due"].direction is Direction.NOT_COMPARABLE  # 48, then a break
    backward = compare(new, release_view(series, "2014-06"))
    assert {k.kpi.id: k for k in backward.kpis}["visits-due"].direction is (
        Direction.NOT_COMPARABLE
    )
    assert "visits-due" not in [
        k.kpi.id for k in compare(release_view(series, "2014-06"), new).kpis_moved
    ]


def test_the_chart_does_not_join_across_a_break_and_numbers_its_notes(series):
    kpi = visits(series, "2015-01")
    svg = kpi_chart(kpi)
    lines = re.findall(r'<polyline points="([^"]*)" fill="none" stroke="#283593"', svg)
    assert len(lines) == 2  # one line per segment
    assert svg.count("stroke-dasharray") >= 1  # the dotted break line
    assert ">1</text>" in svg and ">2</text>" in svg
    assert "Series break" in svg
    assert sparkline(kpi.values).count("<polyline") == 2
    alt = chart_alt(kpi)
    assert "The series breaks before 30 September 2014: the line is not joined across it." in alt
    assert "Note 1, 31 August 2014: partial month&#58; two weeks of records." in alt


def test_open_data_carries_notes_and_breaks(series):
    files = open_data(release_view(series, "2015-01"))
    assert files["data/kpis.csv"].splitlines()[0] == (
        "kpi,title,unit,polarity,date,value,note,break,period,published"
    )
    assert (
        "visits-due,Statutory visits due,visits,lower,2014-09-30,60,"
        "new definition: includes visits by partner agencies,true,,"
    ) in files["data/kpis.csv"]
    assert "visits-due,Statutory visits due,visits,lower,2014-10-31,58,," in files["data/kpis.csv"]
    assert '"break": true' in files["data/kpis.json"]
    assert (
        '"tolerance": {\n        "absolute": 3.0,\n        "percent": null\n      }'
        in files["data/kpis.json"]
    )
    data = chart_data(visits(series, "2015-01"))
    assert "2014-08-31,45,partial month: two weeks of records,,,\n" in data
