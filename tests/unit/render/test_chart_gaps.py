"""A chart draws a gap in reporting as a gap: the line breaks, the markers stay, and its text
alternative says where no value was reported."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.content.validate import load_content
from generator.facts.derive import release_view
from generator.render.charts.alt import chart_alt, trend_alt
from generator.render.charts.draw import kpi_chart, sparkline

WEEKS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 17, 18, 19, 20, 21]
"""Weekly from 1 June 2014, with no value for the eight weeks after 27 July."""


def _values(weeks: list[int] = WEEKS) -> str:
    start = date(2014, 6, 1)
    rows = [f"cicc-members,{start + timedelta(weeks=w)},{10 + w % 3}" for w in weeks]
    return "kpi,date,value\n" + "\n".join(rows) + "\n"


@pytest.fixture
def kpi(small):
    small.write("kpi-values.csv", _values())
    view = release_view(load_content(Path("content")), "2015-01")
    return {k.kpi.id: k for k in view.kpis}["cicc-members"]


def _polylines(svg: str) -> list[str]:
    return [line for line in svg.splitlines() if "<polyline" in line]


def test_the_line_breaks_at_the_gap_and_every_marker_stays(kpi):
    svg = kpi_chart(kpi)
    lines = _polylines(svg)
    assert len(lines) == 2
    assert [line.count(",") for line in lines] == [9, 6]  # the values either side of the gap
    markers = [line for line in svg.splitlines() if line.startswith("<circle") and 'r="3"' in line]
    assert len(markers) == len(WEEKS)


def test_the_sparkline_breaks_at_the_gap(kpi):
    svg = sparkline(kpi.values)
    assert svg.count("<polyline") == 2


def test_the_chart_is_the_same_bytes_each_time(kpi, tmp_path, monkeypatch):
    drawn = []
    for run in ("a", "b"):
        monkeypatch.setenv("PROGRESS_SITE_CACHE", str(tmp_path / run))
        drawn.append(kpi_chart(kpi))
    assert drawn[0] == drawn[1]
    assert len(list((tmp_path / "b" / "charts").glob("*.svg"))) == 1  # drawn, not shared


def test_the_text_alternative_names_the_gap_and_nothing_false(kpi):
    alt = chart_alt(kpi)
    assert (
        " No value was reported between 27 July 2014 and 21 September 2014: the line is not "
        "joined across the gap. "
    ) in alt
    assert f", {len(WEEKS)} values from 1 June 2014 to 26 October 2014: " in alt
    assert trend_alt(kpi).startswith(
        "Trend of Children in care council members from 1 June 2014 to 26 October 2014"
    )


def test_a_regular_series_has_no_gap(small):
    small.write("kpi-values.csv", _values([*range(9), 10, 11, 12]))  # two weeks: not a gap
    view = release_view(load_content(Path("content")), "2015-01")
    kpi = {k.kpi.id: k for k in view.kpis}["cicc-members"]
    assert len(_polylines(kpi_chart(kpi))) == 1
    assert "No value was reported" not in chart_alt(kpi)
