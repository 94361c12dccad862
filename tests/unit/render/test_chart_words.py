import re
from dataclasses import replace
from datetime import date

import pytest

from generator.content.model import Value
from generator.content.validate import load_content
from generator.facts.derive import release_view
from generator.render.charts.draw import kpi_chart
from generator.render.charts.words import (
    axis_floor,
    axis_note,
    chart_data,
    chart_headline,
    chart_measure,
    data_link_text,
    file_size,
    is_count,
    period,
)
from tests.conftest import DEFAULT_CONTENT, REAL_PLAN, SMALL_PLAN


def kpis(release: str = "2015-01", content=SMALL_PLAN):
    return {k.kpi.id: k for k in release_view(load_content(content), release).kpis}


def series(kpi, *values, unit=None):
    """``kpi`` with its values replaced by monthly ``values`` ending in April 2017."""
    months = [date(2017, m, 28) for m in range(5 - len(values), 5)]
    points = tuple(Value(date=d, value=float(v)) for d, v in zip(months, values, strict=True))
    change = points[-1].value - points[-2].value if len(points) > 1 else None
    k = kpi.kpi.model_copy(
        update={"unit": unit or kpi.kpi.unit, "baseline": None, "target": None, "milestones": ()}
    )
    return replace(
        kpi,
        kpi=k,
        values=points,
        latest=points[-1] if points else None,
        previous=points[-2] if len(points) > 1 else None,
        change=change,
    )


def test_headline_states_the_message_in_words():
    open_cases = kpis()["cicc-members"]
    assert chart_headline(series(open_cases, 371, 291)) == (
        "Children in care council members fell by 80 in April 2017"
    )
    assert chart_headline(series(open_cases, 291, 300)) == (
        "Children in care council members rose by 9 in April 2017"
    )
    assert chart_headline(series(open_cases, 12, 12)) == (
        "Children in care council members was unchanged at 12 in April 2017"
    )
    assert chart_headline(series(open_cases, 7)) == (
        "Children in care council members was 7 on 28 April 2017"
    )


def test_headline_of_the_fixture_and_shipped_kpis():
    assert chart_headline(kpis()["neet"]) == (
        "Care leavers not in education, employment or training rose by 2 percentage points "
        "between 30 September 2014 and 31 December 2014"
    )
    shipped = kpis("2017-04", DEFAULT_CONTENT)
    assert chart_headline(shipped["open-cases"]) == (
        "No. of open cases fell by 40 in the week to 30 April 2017"
    )
    caseload = series(shipped["caseload-aa"], 25, 26)
    assert chart_headline(caseload).endswith(" rose by 1 case in April 2017")


def test_periods():
    assert period(date(2017, 3, 31), date(2017, 4, 30)) == "in April 2017"
    assert period(date(2016, 12, 31), date(2017, 1, 31)) == "in January 2017"
    assert period(date(2017, 4, 23), date(2017, 4, 30)) == "in the week to 30 April 2017"
    assert period(date(2017, 1, 31), date(2017, 4, 30)) == (
        "between 31 January 2017 and 30 April 2017"
    )


def test_measure_names_the_unit_and_the_period():
    assert chart_measure(kpis()["neet"]) == (
        "Care leavers not in education, employment or training (%), 30 April 2014 to "
        "31 December 2014"
    )
    assert chart_measure(kpis()["cicc-members"]).startswith("Children in care council members, ")
    # a KPI with no unit, as real plans write them, has no empty brackets
    no_unit = kpis("2014-10", REAL_PLAN)["cicc-members"]
    assert chart_measure(no_unit).startswith("Children in care council members, ")


@pytest.mark.parametrize(
    ("unit", "count"),
    [("count", True), ("cases", True), ("children", True), ("%", False)]
    + [("rate per 10,000", False), ("average days", False), ("percent", False)],
)
def test_what_counts_as_a_count(unit, count):
    assert is_count(unit) is count


def test_counts_start_at_zero():
    members = kpis()["cicc-members"]
    assert axis_floor(members) == 0
    assert axis_note(members) == ""
    high = series(members, 1864, 1784)
    assert axis_floor(high) == 0 and axis_note(high) == ""


def test_a_measure_that_is_not_a_count_says_why_its_axis_does_not_start_at_zero():
    neet = kpis()["neet"]  # 28% to 34%
    assert axis_floor(neet) == 20
    assert axis_note(neet) == (
        "The vertical axis starts at 20%, not zero: this measure is not a count, and a scale "
        "fitted to its values shows changes of a few points that would otherwise look flat."
    )
    near_zero = series(neet, 1, 3)
    assert axis_floor(near_zero) == 0 and axis_note(near_zero) == ""
    below = series(neet, -4, 3)
    assert axis_floor(below) == -4 and axis_note(below) == ""


def test_the_chart_draws_the_axis_from_its_floor():
    members = kpis()["cicc-members"]
    ticks = r'text-anchor="end"[^>]*>([\d,]+)</text>'
    assert re.findall(ticks, kpi_chart(series(members, 1864, 1784)))[0] == "0"
    neet = kpis()["neet"]
    assert re.findall(ticks, kpi_chart(neet))[0] == "20"


def test_chart_data_and_its_link():
    neet = kpis()["neet"]
    assert chart_data(neet) == (
        "kpi,title,unit,date,value,note,break,period,published\n"
        'neet,"Care leavers not in education, employment or training",%,2014-04-30,34,,,,\n'
        'neet,"Care leavers not in education, employment or training",%,2014-09-30,28,,,,\n'
        'neet,"Care leavers not in education, employment or training",%,2014-12-31,30,,,,\n'
    )
    assert data_link_text(neet) == "Download the data for this chart (CSV, 1 KB)"
    hostile = replace(neet, kpi=neet.kpi.model_copy(update={"title": "=HYPERLINK(1)"}))
    assert ",'=HYPERLINK(1)," in chart_data(hostile)


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "1 KB"), (300, "1 KB"), (1024, "1 KB"), (1025, "2 KB"), (50_000, "49 KB")]
    + [(1024 * 1024, "1 MB"), (1_600_000, "1.5 MB")],
)
def test_file_sizes_as_gov_uk_writes_them(size, text):
    assert file_size(size) == text
