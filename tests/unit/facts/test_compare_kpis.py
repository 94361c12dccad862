"""A comparison's indicators: moves in a table, "no new value" listed apart, and indicators with
no figures to compare left out with one line saying how many."""

import json
from pathlib import Path

import pytest

from generator.content.validate import load_content
from generator.facts.compare import compare
from generator.facts.compare_kpis import kpi_sections, left_out_lines, no_new_value_line
from generator.facts.derive import release_view, release_views
from generator.facts.series import Direction
from generator.render.comparison import diff_markdown, format_diff
from generator.render.pages import render_release

VALUES = """kpi,date,value
cicc-members,2014-04-30,7
cicc-members,2014-09-30,7
neet,2014-09-30,28
"""
"""No value after September: October and January show the same latest values. cicc-members
held at 7 from April to September (a true "no change"); neet has no figure in June."""

EMPTY_KPI = """  - id: visits
    title: Visits on time
    unit: "%"
    polarity: higher
"""


@pytest.fixture
def content(small):
    small.write("kpi-values.csv", VALUES)
    small.write("kpis.yaml", small.text("kpis.yaml") + EMPTY_KPI)
    return load_content(Path("content"))


def _diff(content, old, new):
    return compare(release_view(content, old), release_view(content, new))


def _ids(changes):
    return [k.kpi.id for k in changes]


def test_no_newer_value_is_listed_apart_from_the_moves(content):
    sections = kpi_sections(_diff(content, "2014-10", "2015-01").kpis)
    assert _ids(sections.moves) == []
    assert _ids(sections.no_new_value) == ["cicc-members", "neet"]
    assert _ids(sections.without_values) == ["visits"]
    assert sections.directions == ()


def test_the_first_report_leaves_out_indicators_with_no_figures(content):
    diff = _diff(content, "2014-06", "2015-01")
    sections = kpi_sections(diff.kpis)
    assert _ids(sections.moves) == ["cicc-members"]
    assert sections.directions == ((Direction.NO_CHANGE, 1),)  # a newer value, the same figure
    assert _ids(sections.missing_old) == ["neet"]
    assert _ids(sections.without_values) == ["visits"]
    assert left_out_lines(diff) == (
        "1 indicator has no figures in June 2014 and is left out.",
        "1 indicator has no figures yet and is left out.",
    )


def test_counts_are_worded_for_one_and_many(content):
    assert no_new_value_line(_diff(content, "2014-10", "2015-01")) == (
        "2 indicators have no value newer than in October 2014."
    )
    assert no_new_value_line(_diff(content, "2014-06", "2015-01")) == ""
    # in either order: the earlier of the two may be given second
    assert left_out_lines(_diff(content, "2015-01", "2014-06")) == (
        "1 indicator has no figures in June 2014 and is left out.",
        "1 indicator has no figures yet and is left out.",
    )


def test_the_changes_page_never_says_no_change_without_a_new_value(content, tmp_path):
    views = release_views(content)
    render_release(views[2], tmp_path, earlier=views[:2])
    page = (tmp_path / "changes/index.md").read_text()
    indicators = page.partition("## Indicators\n")[2]
    assert "no change" not in page.lower()
    assert "- **Indicators:** none moved; 2 with no new value\n" in page
    assert indicators.startswith(
        "\n**No new value:** 2 indicators have no value newer than in October 2014. "
        "Their latest values:\n\n"
        "- [Children in care council members](../kpis/cicc-members.md): "
        "[7](../kpis/cicc-members.md) (30 September 2014)\n"
        "- [Care leavers not in education, employment or training](../kpis/neet.md): "
        "[28%](../kpis/neet.md) (30 September 2014)\n\n"
        "1 indicator has no figures yet and is left out.\n"
    )
    assert "| Indicator |" not in indicators
    # the home page of the later release does not count an old move as this release's news
    home = (tmp_path / "index.md").read_text()
    assert (
        '<p class="ps-tile__title" markdown="span">'
        "[Children in care council members](kpis/cicc-members.md)</p>\n"
        '<p class="ps-tile__value" markdown="span">7</p>\n'
        '<p class="ps-caption" markdown="span">on 30 September 2014</p>\n'
        '<p markdown="span"><span class="ps-direction ps-direction--no-new-value">'
        '<span class="ps-icon ps-icon--minus" aria-hidden="true"></span> No new value</span></p>'
    ) in home
    assert "no change" not in home.lower()


def test_the_comparison_with_the_first_report_lists_only_what_it_can_compare(content, tmp_path):
    views = release_views(content)
    render_release(views[2], tmp_path, earlier=views[:2])
    page = (tmp_path / "changes/baseline.md").read_text()
    indicators = page.partition("## Indicators\n")[2]
    assert "- **Indicators:** 1 no change\n" in page
    assert indicators.count("\n| [") == 1  # one row: the only indicator with figures in both
    assert "Not enough data" not in page
    assert (
        "\n\n1 indicator has no figures in June 2014 and is left out.\n\n"
        "1 indicator has no figures yet and is left out.\n"
    ) in indicators


def test_diff_markdown_and_json_say_the_same(content):
    diff = _diff(content, "2014-10", "2015-01")
    text = diff_markdown(diff)
    assert "- **Indicators:** none moved; 2 with no new value\n" in text
    assert "**No new value:** 2 indicators have no value newer than in October 2014." in text
    assert "1 indicator has no figures yet and is left out.\n" in text
    data = json.loads(format_diff(diff, "json"))
    summary = data["summary"]
    assert summary["kpi_moves"] == {}
    assert summary["kpis_no_new_value"] == 2
    assert summary["kpis_left_out"] == {
        "no_figures_in_from": 0,
        "no_figures_in_to": 0,
        "no_figures": 1,
    }
    assert summary["kpi_directions"] == {"no new value": 2}  # an existing key, unchanged
    assert [(k["id"], k["section"]) for k in data["kpis"]] == [
        ("cicc-members", "no_new_value"),
        ("neet", "no_new_value"),
        ("visits", "left_out"),
    ]
    first = json.loads(format_diff(_diff(content, "2014-06", "2015-01"), "json"))
    assert first["summary"]["kpi_moves"] == {"no change": 1}
    assert first["summary"]["kpis_left_out"]["no_figures_in_from"] == 1


def test_a_release_counts_an_indicator_with_no_new_value_as_such(content):
    views = {v.release.id: v for v in release_views(content)}
    assert views["2014-06"].kpis_without_new_value == frozenset()
    assert views["2014-10"].kpis_without_new_value == frozenset()
    assert views["2014-10"].kpi_directions == (
        (Direction.NO_CHANGE, 1),  # cicc-members: a new value, the same figure
        (Direction.UNKNOWN, 2),  # neet: its first value; visits: none
    )
    assert views["2015-01"].kpis_without_new_value == {"cicc-members", "neet"}
    assert views["2015-01"].kpi_directions == (
        (Direction.UNKNOWN, 1),
        (Direction.NO_NEW_VALUE, 2),
    )
