"""KPI values with periods and publication dates, revisions, and measures placed in the plan."""

from datetime import date
from pathlib import Path

import pytest

from generator.content.model import Value
from generator.content.validate import load_content
from generator.facts.compare import compare
from generator.facts.derive import release_view
from generator.facts.series import Direction, published_by

VALUES = """kpi,date,value,period,published
cicc-members,2014-04-30,7,2013-14,
cicc-members,2014-10-31,9,2014-15 Q2,
neet,2014-04-30,34,2013-14,
neet,2014-09-30,28,2014 Q3,2014-10-15
neet,2014-09-30,27,2014 Q3,2015-01-20
neet,2014-12-31,30,2014 Q4,2015-02-20
"""
"""cicc-members has no new value after October; neet's 2014 Q3 value is revised in January,
and its 2014 Q4 value is published after the last release."""


def _value(day: str, value: float, published: str | None = None) -> Value:
    return Value(date=date.fromisoformat(day), value=value, published=published)


def test_a_release_shows_the_values_published_by_its_date_each_as_last_revised():
    values = [
        _value("2024-06-30", 90, "2024-11-01"),
        _value("2024-06-30", 91, "2025-02-01"),
        _value("2025-06-30", 92),
    ]
    assert published_by(values, date(2024, 10, 31)) == ()
    assert [v.value for v in published_by(values, date(2024, 11, 1))] == [90]
    assert [v.value for v in published_by(values, date(2025, 3, 1))] == [91]
    assert [v.value for v in published_by(values, date(2025, 7, 1))] == [91, 92]


@pytest.fixture
def periods(small):
    small.write("kpi-values.csv", VALUES)
    return load_content(Path("content"))


def _kpi(content, release, kpi_id):
    return {k.kpi.id: k for k in release_view(content, release).kpis}[kpi_id]


def test_values_keep_their_period_and_publication_date(periods):
    neet = next(k for k in periods.kpis if k.id == "neet")
    assert [(str(v.date), v.value, v.period, v.made_public) for v in neet.values] == [
        ("2014-04-30", 34, "2013-14", date(2014, 4, 30)),
        ("2014-09-30", 28, "2014 Q3", date(2014, 10, 15)),
        ("2014-09-30", 27, "2014 Q3", date(2015, 1, 20)),
        ("2014-12-31", 30, "2014 Q4", date(2015, 2, 20)),
    ]


def test_earlier_releases_keep_what_was_published_then(periods):
    assert [v.value for v in _kpi(periods, "2014-06", "neet").values] == [34]
    assert [v.value for v in _kpi(periods, "2014-10", "neet").values] == [34, 28]
    assert [v.value for v in _kpi(periods, "2015-01", "neet").values] == [34, 27]


def test_a_revision_is_not_a_move(periods):
    diff = compare(release_view(periods, "2014-10"), release_view(periods, "2015-01"))
    neet = next(k for k in diff.kpis if k.kpi.id == "neet")
    assert neet.direction is Direction.REVISED
    assert not neet.new_value
    assert (neet.revised.old.value, neet.revised.new.value) == (28, 27)
    assert neet not in diff.kpis_moved
    assert diff.kpis_revised == (neet,)


def test_a_kpi_with_no_newer_value_is_no_new_value_never_no_change(periods):
    diff = compare(release_view(periods, "2014-10"), release_view(periods, "2015-01"))
    cicc = next(k for k in diff.kpis if k.kpi.id == "cicc-members")
    assert cicc.direction is Direction.NO_NEW_VALUE
    assert dict(diff.kpi_directions) == {Direction.NO_NEW_VALUE: 1, Direction.REVISED: 1}
    assert diff.kpis_moved == ()


def test_a_new_value_is_a_move(periods):
    diff = compare(release_view(periods, "2014-06"), release_view(periods, "2014-10"))
    neet = next(k for k in diff.kpis if k.kpi.id == "neet")
    assert neet.new_value and neet.direction is Direction.IMPROVING
    assert diff.kpis_moved == tuple(k for k in diff.kpis if k.kpi.id in ("neet", "cicc-members"))


def test_comparing_the_other_way_round_judges_the_move_as_before(periods):
    diff = compare(release_view(periods, "2014-10"), release_view(periods, "2014-06"))
    neet = next(k for k in diff.kpis if k.kpi.id == "neet")
    assert neet.direction is Direction.WORSENING  # 28 back to 34, lower is better


def _problems(small):
    return [p.removeprefix(str(Path.cwd()) + "/") for p in small.problems()]


def test_a_revision_needs_a_later_publication_date(small):
    small.write(
        "kpi-values.csv",
        "kpi,date,value,published\n"
        "neet,2014-09-30,28,2014-10-15\n"
        "neet,2014-09-30,27,2014-10-15\n"
        "neet,2014-12-31,30,\n"
        "neet,2014-12-31,31,\n",
    )
    assert small.problems() == [
        "content/kpi-values.csv:3: KPI neet: a value for 2014-09-30 published 2014-10-15 was "
        "already given on line 2 (a revision needs a later 'published' date)",
        "content/kpi-values.csv:5: KPI neet: a value for 2014-12-31 was already given on line 4",
    ]


def test_a_revision_may_come_first_in_the_file(small):
    small.write(
        "kpi-values.csv",
        "kpi,date,value,published\nneet,2014-09-30,27,2015-01-20\nneet,2014-09-30,28,\n",
    )
    neet = next(k for k in load_content(Path("content")).kpis if k.id == "neet")
    assert [v.value for v in neet.values] == [28, 27]


def test_bad_periods_and_publication_dates_are_refused_with_their_line(small):
    small.write(
        "kpi-values.csv",
        "kpi,date,value,period,published\n"
        "neet,2014-09-30,28,2014 Q3,2014-09-01\n"
        "neet,2014-10-31,28,2014 Q3,\n"
        "neet,2014-11-30,28,November,30/11/2014\n"
        "neet,2014-11-30,29,Nov,2014-12-20\n"
        f"neet,2014-12-31,29,{'x' * 41},\n",
    )
    assert small.problems() == [
        "content/kpi-values.csv:2: KPI neet: column 'published': 2014-09-01 is before the "
        "value's date 2014-09-30 (the date is the end of the period the value covers, and a "
        "value is published then or later)",
        "content/kpi-values.csv:3: KPI neet: column 'period': '2014 Q3' was already given for "
        "2014-09-30 on line 2 (each period has one date, its end)",
        "content/kpi-values.csv:4: KPI neet: column 'published': expected a date as "
        "YYYY-MM-DD, found '30/11/2014'",
        "content/kpi-values.csv:5: KPI neet: column 'period': 'Nov' differs from 'November' "
        "given for 2014-11-30 on line 4",
        "content/kpi-values.csv:6: KPI neet: column 'period': at most 40 characters, found 41",
    ]


def test_an_unknown_column_names_the_new_ones(small):
    small.write("kpi-values.csv", "kpi,date,value,released\nneet,2014-09-30,28,\n")
    assert small.problems() == [
        "content/kpi-values.csv:1: unknown column(s) released (expected: kpi, date, value, "
        "and optionally note, break, period, published)"
    ]


def test_unknown_groups_and_recommendations_are_refused_with_their_line(small):
    line = small.replace(
        "kpis.yaml",
        "    code: NI148\n",
        "    code: NI148\n    groups: [aip-8, pillar-9]\n    recommendations:\n      - '1'\n"
        "      - R77\n",
    )
    assert small.problems() == [
        f"content/kpis.yaml:{line + 1}: KPI neet: field 'groups': unknown area for "
        "improvement 'pillar-9' (known: aip-1, aip-8, aip-9)",
        f"content/kpis.yaml:{line + 4}: KPI neet: field 'recommendations': unknown "
        "recommendation 'R77' (known: 1, 8, 13, 14, 13/14)",
    ]


def test_group_and_recommendation_pages_list_the_measures_that_name_them(small):
    small.replace("kpis.yaml", "    code: NI148\n", "    code: NI148\n    groups: [aip-9]\n")
    small.replace("kpis.yaml", "    code: CICC1\n", "    code: CICC1\n    recommendations: ['1']\n")
    view = release_view(load_content(Path("content")), "2014-10")
    groups = {g.group.id: [k.kpi.id for k in g.kpis] for g in view.groups}
    recs = {r.recommendation.id: [k.kpi.id for k in r.kpis] for r in view.recommendations}
    assert groups == {
        "aip-1": ["cicc-members"],  # through its recommendation 1
        "aip-8": ["cicc-members"],  # through action 8.1
        "aip-9": ["cicc-members", "neet"],  # named, and through action 8.1
    }
    assert recs["1"] == ["cicc-members"] and recs["8"] == ["cicc-members"]
    assert recs["13/14"] == ["neet"]


def test_headline_measures(small):
    content = load_content(Path("content"))
    assert release_view(content, "2014-10").headline_kpis == ()
    small.replace("kpis.yaml", "    code: NI148\n", "    code: NI148\n    headline: true\n")
    view = release_view(load_content(Path("content")), "2014-10")
    assert [k.kpi.id for k in view.headline_kpis] == ["neet"]


def test_a_revision_published_after_a_release_leaves_that_release_as_published(small):
    from generator.facts.lock import check_locks
    from generator.workflow.releases import publish

    small.write("kpi-values.csv", VALUES)
    publish(Path("content"), "2014-10", date(2014, 11, 1))
    text = small.text("kpi-values.csv")
    small.write("kpi-values.csv", text + "cicc-members,2014-10-31,10,2014-15 Q2,2014-11-20\n")
    content = load_content(Path("content"))
    assert check_locks(content, Path("content")) == []
    assert [v.value for v in _kpi(content, "2015-01", "cicc-members").values] == [7, 10]
    small.write("kpi-values.csv", text + "neet,2014-09-30,26,2014 Q3,2014-10-20\n")
    problems = check_locks(load_content(Path("content")), Path("content"))
    assert len(problems) == 1 and "these items now differ: KPI neet (values)" in problems[0]


def test_a_value_published_late_for_an_earlier_date_leaves_earlier_releases_alone(small):
    from generator.facts.lock import check_locks
    from generator.workflow.releases import publish

    small.write("kpi-values.csv", VALUES)
    publish(Path("content"), "2014-10", date(2014, 11, 1))
    small.write("kpi-values.csv", VALUES + "neet,2014-08-31,29,2014 Aug,2014-12-01\n")
    content = load_content(Path("content"))
    assert check_locks(content, Path("content")) == []
    assert [v.period for v in _kpi(content, "2015-01", "neet").values] == [
        "2013-14",
        "2014 Aug",
        "2014 Q3",
    ]


def _rendered(content, tmp_path, release="2015-01"):
    from generator.facts.derive import release_views
    from generator.render.pages import render_release

    views = release_views(content)
    index = [v.release.id for v in views].index(release)
    render_release(views[index], tmp_path, earlier=views[:index])
    return lambda name: (tmp_path / name).read_text()


def test_pages_show_periods_and_a_comparison_says_revised_and_no_new_value(periods, tmp_path):
    page = _rendered(periods, tmp_path)
    changes = page("changes/index.md")
    assert (
        '| revised from 28% to 27% (2014 Q3) | <span class="ps-direction ps-direction--revised">'
    ) in changes
    assert "| 9 (2014-15 Q2)](../kpis/cicc-members.md) |" not in changes  # a link, then its period
    assert (
        "**No new value:** 1 indicator has no value newer than in October 2014. Their latest "
        "values:\n\n- [Children in care council members](../kpis/cicc-members.md): "
        "[9](../kpis/cicc-members.md) (2014-15 Q2)\n"
    ) in changes
    assert "- **Indicators:** 1 revised; 1 with no new value\n" in changes
    assert "no change" not in changes
    home = page("index.md")
    assert "0 indicators moved, 1 indicator revised, " in home
    neet = page("kpis/neet.md")
    assert (
        "**Revised values**\n\n- 2014 Q3: first published as 28% on 15 October 2014, revised "
        "to 27% on 20 January 2015.\n"
    ) in neet
    assert "**Latest:** 27% in 2014 Q3, −7% since 2013-14." in neet
    assert "| Period | Value |\n|---|--:|\n| 2013-14 | 34% |\n| 2014 Q3 | 27% |\n" in neet
    assert (
        "Care leavers not in education, employment or training fell by 7 percentage points "
        "between 2013-14 and 2014 Q3" in neet
    )


def test_the_diff_json_reports_revisions_and_no_new_value(periods):
    from generator.facts.compare import compare
    from generator.render.comparison import diff_json

    data = diff_json(compare(release_view(periods, "2014-10"), release_view(periods, "2015-01")))
    kpis = {k["id"]: k for k in data["kpis"]}
    assert kpis["neet"]["direction"] == "revised" and kpis["neet"]["change"] is None
    assert kpis["neet"]["revisions"] == [
        {"date": "2014-09-30", "period": "2014 Q3", "from": 28, "to": 27, "published": "2015-01-20"}
    ]
    assert (kpis["neet"]["from_period"], kpis["neet"]["to_period"]) == ("2014 Q3", "2014 Q3")
    assert kpis["cicc-members"]["direction"] == "no new value"
    assert not kpis["cicc-members"]["new_value"]
    assert data["summary"]["kpi_directions"] == {"no new value": 1, "revised": 1}
    assert data["summary"]["kpis_revised"] == 1


def test_chart_ticks_name_the_periods(periods):
    import re

    from generator.render.charts.draw import kpi_chart

    svg = kpi_chart(_kpi(periods, "2015-01", "neet"))
    labels = re.findall(r'font-size="11" fill="#1f2933">([^<]*)</text>', svg)
    assert "2013-14" in labels and "2014" in labels and "Q3" in labels


def test_headline_indicators_come_first_on_the_home_page(small, tmp_path):
    home = _rendered(load_content(Path("content")), tmp_path / "before")("index.md")
    assert "### Headline indicators" not in home and "### Indicators" in home
    small.replace("kpis.yaml", "    code: NI148\n", "    code: NI148\n    headline: true\n")
    home = _rendered(load_content(Path("content")), tmp_path / "after")("index.md")
    headline = home.index("### Headline indicators")
    assert headline < home.index("**[Police protection]")
    assert "### Indicators" not in home
    assert "[All 2 indicators](kpis/index.md), by area for improvement." in home
    assert "Children in care council members" not in home[headline:]


def test_the_indicators_page_lists_every_indicator_under_its_groups(small, tmp_path):
    small.replace("kpis.yaml", "    code: NI148\n", "    code: NI148\n    groups: [aip-1]\n")
    page = _rendered(load_content(Path("content")), tmp_path)
    kpis = page("kpis/index.md")
    assert kpis.index("## [Police protection]") < kpis.index("## [Children in care council]")
    rec = page("recommendations/8.md")
    assert "## Indicators\n" in rec and "[Children in care council members]" in rec


def test_a_hostile_period_is_shown_as_text_everywhere(small, tmp_path):
    from generator.render.charts.draw import kpi_chart

    hostile = "<img src=x onerror=alert(1)>|x"
    small.write(
        "kpi-values.csv",
        f"kpi,date,value,period\nneet,2014-04-30,34,\nneet,2014-09-30,28,{hostile}\n",
    )
    content = load_content(Path("content"))
    page = _rendered(content, tmp_path, "2014-10")("kpis/neet.md")
    assert "<img src=x" not in page
    assert "| &lt;img src=x onerror=alert(1)&gt;\\|x | 28% |" in page  # one cell, escaped
    svg = kpi_chart(_kpi(content, "2014-10", "neet"))
    assert "<img" not in svg
    assert ">&lt;img</text>" in svg and ">src=x onerror=alert…</text>" in svg
    long = "2024-25 " + "autumn term and spring term"
    small.write("kpi-values.csv", f"kpi,date,value,period\nneet,2014-09-30,28,{long}\n")
    svg = kpi_chart(_kpi(load_content(Path("content")), "2014-10", "neet"))
    import re

    assert ">2024-25</text>" in svg
    assert re.search(r">autumn term[^<]*…</text>", svg)


def test_the_feed_counts_revisions_apart_from_moves(periods):
    from generator.facts.derive import release_views
    from generator.render.feed import entry_summary

    summary = entry_summary(release_views(periods), 2)
    assert "0 indicators moved, 1 indicator revised, " in summary


def test_a_single_value_headline_names_its_period(periods):
    from generator.render.charts.words import chart_headline, chart_measure

    neet = _kpi(periods, "2014-06", "neet")
    assert chart_headline(neet) == (
        "Care leavers not in education, employment or training was 34% in 2013-14"
    )
    assert chart_measure(neet).endswith("(%), 2013-14")


def test_a_release_before_the_revision_lists_no_revised_values(periods, tmp_path):
    assert _kpi(periods, "2014-10", "neet").revisions == ()
    page = _rendered(periods, tmp_path, "2014-10")("kpis/neet.md")
    assert "Revised values" not in page and "| 2014 Q3 | 28% |" in page
