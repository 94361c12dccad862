"""A new release's id follows the existing ids' pattern; its date comes from it or --date."""

from __future__ import annotations

from datetime import date

import pytest

from generator.errors import ProgressSiteError
from generator.workflow.release_ids import (
    check_new_id,
    default_title,
    month_end,
    release_date,
    shared_pattern,
)


@pytest.mark.parametrize(
    ("existing", "name"),
    [
        (["2016-08", "2017-04"], "YYYY-MM"),
        (["2016-08"], "YYYY-MM"),
        (["2016-08-23", "2017-04-30"], "YYYY-MM-DD"),
        (["2016-q3", "2017-q1"], "YYYY-qN"),
        (["2016", "2017"], "YYYY"),
        (["report-01", "report-02"], "report-NN"),
        (["2016-08", "2017-q1"], None),
        (["first", "second"], None),
        (["report-01"], None),
        ([], None),
    ],
)
def test_the_pattern_the_existing_ids_share(existing, name):
    found = shared_pattern(existing)
    assert (found.name if found else None) == name


@pytest.mark.parametrize("new", ["2017-07", "2018-12", "2017-01"])
def test_an_id_in_the_pattern_is_accepted(new):
    check_new_id(new, ["2016-08", "2017-04"])


@pytest.mark.parametrize("new", ["2017-7", "2017-13", "2017-00", "17-07", "2017-07-31", "july"])
def test_an_id_that_breaks_the_pattern_is_refused_with_the_pattern_shown(new):
    with pytest.raises(ProgressSiteError) as refused:
        check_new_id(new, ["2016-08", "2017-04"])
    assert str(refused.value) == (
        f"release id {new} does not follow the pattern of the existing release ids (YYYY-MM, "
        "as in 2017-04); use --any-id to accept it anyway"
    )
    check_new_id(new, ["2016-08", "2017-04"], any_id=True)


def test_an_own_shape_is_kept_too():
    check_new_id("report-03", ["report-01", "report-02"])
    with pytest.raises(ProgressSiteError, match=r"\(report-NN, as in report-02\)"):
        check_new_id("report-3", ["report-01", "report-02"])


def test_ids_that_share_no_pattern_accept_any_new_id():
    check_new_id("anything", ["2016-08", "spring-report"])


@pytest.mark.parametrize(
    ("release_id", "end"),
    [
        ("2017-07", date(2017, 7, 31)),
        ("2017-02", date(2017, 2, 28)),
        ("2016-02", date(2016, 2, 29)),
        ("2000-02", date(2000, 2, 29)),
        ("1900-02", date(1900, 2, 28)),
        ("2017-12", date(2017, 12, 31)),
        ("2017-04", date(2017, 4, 30)),
        ("2017-7", None),
        ("2017-13", None),
        ("0000-01", None),
        ("2017-q3", None),
        ("2017-07-15", None),
    ],
)
def test_an_id_that_names_a_month_is_dated_on_its_last_day(release_id, end):
    assert month_end(release_id) == end


def test_a_given_date_wins_and_no_date_is_today():
    assert release_date("2017-07", date(2017, 8, 3)) == date(2017, 8, 3)
    assert release_date("2017-07", None) == date(2017, 7, 31)
    with pytest.raises(ProgressSiteError) as refused:
        release_date("2017-q3", None)
    assert str(refused.value) == (
        "release 2017-q3: its id names no month (YYYY-MM), so give its date with --date YYYY-MM-DD"
    )


def test_the_default_title_follows_the_date():
    assert default_title(date(2017, 7, 31)) == "July 2017 progress report"
