"""What the pages of a real plan show: overdue at the date progress was written."""

from __future__ import annotations

import shutil

from generator.content.validate import load_content
from generator.facts.derive import release_view
from tests.conftest import REAL_PLAN


def _action(view, action_id):
    return next(a for r in view.recommendations for a in r.actions if a.action.id == action_id)


def test_overdue_is_judged_at_the_date_the_progress_was_written():
    view = release_view(load_content(REAL_PLAN), "2014-10")
    action = _action(view, "8.1")  # due 30 September, progress written on 15 September
    assert str(action.as_at) == "2014-09-15"
    assert not action.overdue
    assert view.counts.overdue == 0


def test_without_as_at_overdue_is_judged_at_the_release_date(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REAL_PLAN, content)
    progress = content / "progress/2014-10.yaml"
    progress.write_text(progress.read_text().replace("    as_at: 2014-09-15\n", ""))
    view = release_view(load_content(content), "2014-10")
    action = _action(view, "8.1")
    assert str(action.as_at) == "2014-10-20"  # the report's as_at
    assert action.overdue
    progress.write_text(progress.read_text().replace("as_at: 2014-10-20\n", ""))
    assert _action(release_view(load_content(content), "2014-10"), "8.1").as_at is None


def test_recommendation_progress_is_part_of_the_view():
    view = release_view(load_content(REAL_PLAN), "2014-10")
    rec = next(r for r in view.recommendations if r.recommendation.id == "13/14")
    assert rec.progress is not None and str(rec.progress.as_at) == "2014-10-05"
    assert rec.progress.narrative.startswith("The accommodation review has reported")


def _rendered(tmp_path, release="2014-10"):
    from generator.render.pages import render_release

    render_release(release_view(load_content(REAL_PLAN), release), tmp_path)
    return tmp_path


def test_facet_pages_list_values_and_state_counts_in_words(tmp_path):
    docs = _rendered(tmp_path)
    index = (docs / "facets/timeframe/index.md").read_text()
    assert "# Timeframes" in index
    assert "| [To be undertaken within 6 months](within-6-months.md) | 2 | 3 |" in index
    value = (docs / "facets/timeframe/within-6-months.md").read_text()
    assert "*Timeframe* · October 2014" in value
    assert "### [Recommendation 13/14](../../recommendations/13-14.md)" in value
    assert "### [Recommendation 8](../../recommendations/8.md)" in value
    assert 'aria-label="3 actions&#58; On track 2, At risk 1"' in value
    home = (docs / "index.md").read_text()
    assert "**[By timeframe](facets/timeframe/index.md):** [To be undertaken immediately]" in home
    assert "[Looked after children](facets/service/looked-after.md) 3 actions." in home


def test_recommendation_page_shows_facets_outcome_targets_merges_and_progress(tmp_path):
    page = (_rendered(tmp_path) / "recommendations/13-14.md").read_text()
    assert (
        "**Timeframe:** [To be undertaken within 6 months](../facets/timeframe/within-6-months.md)"
        in page
    )
    assert "- **Recommendation 13:** Take action to reduce the number of care leavers" in page
    assert '## Outcome\n\n<div class="ps-text" markdown>\n\nAll care leavers feel, and are,' in page
    assert (
        "- By 2019 50% of care leavers will achieve level 2 or 3 qualifications. (by 31 December"
        " 2019) Measured by: [Care leavers in education, employment or training](../kpis/ni148.md)."
    ) in page
    assert "**Progress reported (progress as at 5 October 2014):**" in page
    assert "- **Lead:** Integrated Commissioning Unit" in page
    rec1 = (_rendered(tmp_path / "july", "2014-07") / "recommendations/1.md").read_text()
    assert "**Progress reported (progress as at 10 July 2014):**" in rec1
    assert "A new team tracking tool is being developed for implementation in July." in rec1


def test_kpi_pages_claim_nothing_the_plan_did_not_say(tmp_path):
    docs = _rendered(tmp_path)
    ni148 = (docs / "kpis/ni148.md").read_text()
    assert "**Code:** NI148 ·" in ni148 and "**Unit:**" not in ni148
    assert "The plan does not state which direction is better" in ni148
    assert "No values have been published yet for this indicator." in ni148
    assert "Direction of travel" not in ni148
    assert "Improving" not in ni148 and "Worsening" not in ni148 and "Higher is better" not in ni148
    cicc = (docs / "kpis/cicc-members.md").read_text()
    assert "Higher is better." in cicc and "**Unit:**" not in cicc
    assert "**Direction of travel:**" in cicc and "Improving" in cicc


def test_navigation_has_a_section_per_facet_and_marks_withdrawn_items():
    from generator.render.pages import nav

    items = nav(release_view(load_content(REAL_PLAN), "2014-10"))
    sections = {next(iter(i)): i[next(iter(i))] for i in items}
    assert sections["Timeframes"][0] == "facets/timeframe/index.md"
    assert sections["Service areas"][1:] == [
        {"Safeguarding": "facets/service/safeguarding.md"},
        {"Looked after children": "facets/service/looked-after.md"},
    ]
    assert {"Recommendation 18 (withdrawn)": "recommendations/18.md"} in sections["Recommendations"]


def test_open_data_has_recommendations_and_action_leads():
    import csv
    import io
    import json

    from generator.render.opendata import open_data

    data = open_data(release_view(load_content(REAL_PLAN), "2014-10"))
    rows = list(csv.DictReader(io.StringIO(data["data/recommendations.csv"])))
    assert list(rows[0]) == [
        "recommendation", "text", "outcome", "groups", "timeframe", "service",
        "targets", "merged_from", "narrative", "state",
    ]  # fmt: skip
    merged = next(r for r in rows if r["recommendation"] == "13/14")
    assert merged["merged_from"] == "13; 14"
    assert merged["narrative"].startswith("The accommodation review has reported")
    assert next(r for r in rows if r["recommendation"] == "8")["timeframe"] == (
        "within-3-months; within-6-months"
    )
    assert rows[-1]["state"] == "withdrawn" and rows[-1]["text"] == ""
    assert json.loads(data["data/recommendations.json"])["recommendations"] == rows
    actions = list(csv.DictReader(io.StringIO(data["data/actions.csv"])))
    first = actions[0]
    assert (first["lead"], first["resources"], first["outcome"]) == (
        "Quality Assurance Manager",
        "Quality assurance team",
        "Every case audited each month.",
    )


def test_a_merged_recommendation_points_to_where_its_progress_is_reported(tmp_path):
    from generator.render.pages import render_release
    from tests.conftest import SMALL_PLAN

    view = release_view(load_content(SMALL_PLAN), "2015-01")
    render_release(view, tmp_path)
    merged = (tmp_path / "recommendations/13.md").read_text()
    assert "Its progress is reported under [Recommendation 13/14](13-14.md)." in merged
    assert "Progress reported" not in merged
    withdrawn = (_rendered(tmp_path / "real") / "recommendations/18.md").read_text()
    assert "Its progress is reported under" not in withdrawn
    assert "Progress reported" not in withdrawn
