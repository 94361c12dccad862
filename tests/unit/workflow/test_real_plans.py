"""The shapes real plans take: facets, outcomes, targets, merged texts, single leads, as_at."""

import shutil
from datetime import date

import pytest

from generator.content.validate import load_content
from generator.errors import ContentError
from generator.facts.lock import load_locked
from generator.workflow.releases import publish
from tests.conftest import DEFAULT_CONTENT, REAL_PLAN, ContentCopy

FACETS = """facets:
  - id: timeframe
    singular: Timeframe
    plural: Timeframes
    values:
      - {id: immediately, title: To be undertaken immediately}
      - {id: within-3-months, title: To be undertaken within 3 months}
"""
REC_8 = "    groups: [aip-8, aip-9]\n"
REC_8_MORE = """    groups: [aip-8, aip-9]
    facets: {timeframe: [immediately, within-3-months]}
    outcome: Children in care are heard.
    targets:
      - text: By 2015 twelve members will attend.
        due: 2015-04-30
        kpis: [cicc-members]
    merged_from:
      - {id: "8a", text: Increase consultation.}
"""


def test_a_real_plan_shape_is_read_into_the_model(small):
    small.write("plan.yaml", FACETS + small.text("plan.yaml"))
    small.replace("plan.yaml", REC_8, REC_8_MORE)
    small.replace(
        "plan.yaml",
        "        resources: Children's Rights Officer\n",
        "        lead: Head of Service\n",
    )
    small.replace(
        "progress/2015-01.yaml",
        "actions:\n",
        "as_at: 2015-01-10\nrecommendations:\n  '8':\n    narrative: A tracking tool is coming.\n"
        "actions:\n",
    )
    content = load_content(small.root)
    (facet,) = content.facets
    assert [v.id for v in facet.values] == ["immediately", "within-3-months"]
    rec = next(r for r in content.recommendations if r.id == "8")
    assert rec.facets == {"timeframe": ("immediately", "within-3-months")}
    assert rec.outcome == "Children in care are heard."
    assert rec.targets[0].kpis == ("cicc-members",) and rec.targets[0].due == date(2015, 4, 30)
    assert rec.merged_from[0].id == "8a"
    assert rec.actions[0].lead == "Head of Service"
    release = content.release("2015-01")
    assert release.as_at == date(2015, 1, 10)
    assert release.recommendations["8"].narrative == "A tracking tool is coming."
    assert release.recommendations["8"].as_at == date(2015, 1, 10)
    assert release.progress["8.1"].as_at == date(2015, 1, 10)  # the report's, by default


def test_references_from_the_new_fields_are_checked(small):
    small.write("plan.yaml", FACETS + small.text("plan.yaml"))
    small.replace(
        "plan.yaml",
        REC_8,
        REC_8.replace("]\n", "]\n    facets: {timeframe: soon, priority: high}\n")
        + "    targets:\n      - text: More members.\n        kpis: [cicc]\n",
    )
    line = small.line_of("plan.yaml", "    facets: {timeframe: soon")
    assert small.problems() == [
        f"content/plan.yaml:{line}: recommendation 8: unknown facet 'priority' (known: timeframe)",
        f"content/plan.yaml:{line}: recommendation 8: unknown timeframe 'soon' (known: "
        "immediately, within-3-months)",
        f"content/plan.yaml:{line + 3}: recommendation 8: unknown KPI 'cicc' (known: "
        "cicc-members, neet)",
    ]


def test_text_is_required_unless_the_item_is_withdrawn(small):
    small.replace("plan.yaml", "    text: Improve the stability of placements.\n", "")
    load_content(small.root)  # recommendation 13 is withdrawn: no text needed
    small.replace(
        "plan.yaml", "    text: Increase consultation", "    outcome: Increase consultation"
    )
    line = small.line_of("plan.yaml", "  - id: 8\n")
    assert small.problems() == [
        f"content/plan.yaml:{line}: recommendation 8: missing required field 'text'"
    ]


def test_progress_for_recommendations_and_as_at_are_checked(small):
    small.replace(
        "progress/2015-01.yaml",
        "actions:\n",
        "as_at: 2015-02-10\nrecommendations:\n  '99':\n    narrative: x\n"
        "  '13':\n    narrative: y\nactions:\n",
    )
    assert small.problems() == [
        "content/progress/2015-01.yaml:1: field 'as_at': 2015-02-10 is after the date of "
        "release 2015-01 (2015-01-31); progress is written before it is reported",
        "content/progress/2015-01.yaml:3: recommendation 99: unknown recommendation '99' "
        "(not in plan.yaml)",
        "content/progress/2015-01.yaml:5: recommendation 13: was merged into recommendation "
        "13/14 in release 2014-10 and cannot have progress reported; report it under "
        "recommendation 13/14",
    ]


def test_progress_for_the_actions_of_a_merged_recommendation_is_refused(small):
    small.replace("progress/2015-01.yaml", "actions:\n", "actions:\n  13.1: {status: on-track}\n")
    assert small.problems() == [
        "content/progress/2015-01.yaml:2: action 13.1: its recommendation 13 was merged into "
        "recommendation 13/14 in release 2014-10 and cannot have progress reported; report it "
        "under recommendation 13/14"
    ]


@pytest.fixture
def real(tmp_path, monkeypatch):
    shutil.copytree(REAL_PLAN, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return ContentCopy(tmp_path / "content")


def test_progress_for_the_actions_of_a_withdrawn_recommendation_is_refused(real):
    real.replace("progress/2014-10.yaml", "actions:\n", "actions:\n  '18.1': {status: planned}\n")
    assert real.problems() == [
        "content/progress/2014-10.yaml:9: action 18.1: its recommendation 18 was withdrawn in "
        "release 2014-10 and cannot have progress reported"
    ]


def test_a_recommendation_merged_from_has_its_progress_under_the_merged_one(real):
    real.replace(
        "progress/2014-10.yaml", "recommendations:\n", "recommendations:\n  '14': {narrative: x}\n"
    )
    assert real.problems() == [
        "content/progress/2014-10.yaml:3: recommendation 14: unknown recommendation '14' (not in "
        "plan.yaml): it is merged into recommendation 13/14 (merged_from), so its progress is "
        "reported under recommendation 13/14"
    ]


def test_a_kpi_needs_no_unit_polarity_or_values(small):
    small.replace("kpis.yaml", "    unit: count\n    polarity: higher\n", "")
    kpi = next(k for k in load_content(small.root).kpis if k.id == "cicc-members")
    assert (kpi.unit, kpi.polarity) == ("", None)


def test_the_inspection_and_its_fields_are_optional(small):
    text = small.text("site.yaml")
    start = text.index("inspection:")
    end = text.index("plan_summary:")
    small.write("site.yaml", text[:start] + "inspection:\n  body: Ofsted\n" + text[end:])
    assert load_content(small.root).site.inspection.judgement == ""
    small.write("site.yaml", text[:start] + text[end:])
    assert load_content(small.root).site.inspection is None


def test_a_facet_value_cannot_take_the_name_of_the_facet_page(small):
    small.write(
        "plan.yaml", FACETS.replace("id: immediately", "id: index") + small.text("plan.yaml")
    )
    line = small.line_of("plan.yaml", "id: index")
    assert small.problems() == [
        f"content/plan.yaml:{line}: facet timeframe: value index: id 'index' would replace the "
        "site's own page facets/timeframe/index.html; choose another id"
    ]


def test_a_withdrawn_recommendation_needs_neither_text_nor_groups(small):
    small.replace(
        "plan.yaml", "    text: Improve the stability of placements.\n    groups: [aip-9]\n", ""
    )
    load_content(small.root)  # recommendation 13 is withdrawn
    small.replace("plan.yaml", "    groups: [aip-8, aip-9]\n", "")
    line = small.line_of("plan.yaml", "  - id: 8\n")
    assert small.problems() == [
        f"content/plan.yaml:{line}: recommendation 8: missing required field 'groups'"
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "changed"),
    [
        (
            "plan.yaml",
            "Fewer children are removed",
            "Fewer children are taken",
            "recommendation 1 (outcome)",
        ),
        (
            "plan.yaml",
            "title: To be undertaken within 6 months",
            "title: Within six months",
            "facet timeframe (values)",
        ),
        (
            "progress/2014-07.yaml",
            "tool is being developed",
            "tool was developed",
            "recommendation 1 (progress)",
        ),
    ],
)
def test_a_published_real_plan_release_cannot_be_silently_rewritten(
    tmp_path, file, old, new, changed
):
    content = tmp_path / "content"
    shutil.copytree(REAL_PLAN, content)
    publish(content, "2014-07", date(2014, 8, 1))
    path = content / file
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(ContentError) as raised:
        load_locked(content)
    assert raised.value.report() == (
        f"{content}/releases.lock: release 2014-07: was published on 2014-08-01 and cannot be "
        f"changed, but these items now differ: {changed}. Undo the change, or record it as an "
        "erratum with 'progress-site erratum 2014-07 --reason TEXT --corrected TEXT'\n"
        "Aborted: 1 problem found in the content."
    )


@pytest.mark.parametrize("reserved", ["recommendation", "text", "merged_from", "state"])
def test_a_facet_id_cannot_be_a_column_of_the_recommendations_open_data(small, reserved):
    small.write(
        "plan.yaml", FACETS.replace("id: timeframe", f"id: {reserved}") + small.text("plan.yaml")
    )
    line = small.line_of("plan.yaml", f"id: {reserved}")
    assert small.problems() == [
        f"content/plan.yaml:{line}: facet {reserved}: id '{reserved}' is taken: "
        "recommendations.csv and recommendations.json name a column after each facet, and "
        f"they already have a column '{reserved}' (recommendation, text, outcome, groups, "
        "targets, merged_from, narrative, state); choose another id"
    ]


def test_a_glossary_edit_after_publishing_is_refused_and_older_locks_stay_valid(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, content)
    load_locked(content)  # locked before glossary terms were recorded: still valid
    glossary = content / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace("term: ART", "term: ARTS", 1))
    load_locked(content)  # and such a lock does not cover the glossary
    fresh = tmp_path / "fresh"
    shutil.copytree(REAL_PLAN, fresh)
    glossary = fresh / "glossary.yaml"
    glossary.write_text("terms:\n  - {term: ART, meaning: Access to Resources Team}\n")
    publish(fresh, "2014-07", date(2014, 8, 1))  # locked now: the glossary with it
    glossary.write_text(glossary.read_text().replace("term: ART", "term: ARTS", 1))
    with pytest.raises(ContentError) as raised:
        load_locked(fresh)
    assert "glossary term ART (" in raised.value.report()
    assert "glossary term ARTS (" in raised.value.report()
    # a release published with no glossary at all is locked against a term added later
    bare = tmp_path / "bare"
    shutil.copytree(REAL_PLAN, bare)
    publish(bare, "2014-07", date(2014, 8, 1))
    (bare / "glossary.yaml").write_text("terms:\n  - {term: ART, meaning: Access to Resources}\n")
    with pytest.raises(ContentError) as raised:
        load_locked(bare)
    assert "these items now differ: glossary term ART (meaning, term); glossary (terms)." in (
        raised.value.report()
    )
