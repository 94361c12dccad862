"""The plan's own words (site.yaml terms:, purpose:, period:): how they resolve and are checked."""

from datetime import date

from generator.content.validate import load_content
from generator.facts.terms import PlanTerm, lower_first, plan_terms
from tests.conftest import SMALL_PLAN

GROUPING = """grouping:
  singular: Area for improvement
  plural: Areas for improvement
"""

TERMS = """terms:
  group: {singular: Pillar, plural: Pillars}
  recommendation: {singular: Focus area, plural: Focus areas}
  action: {singular: Commitment, plural: Commitments}
"""


def test_absent_terms_keep_todays_words():
    terms = plan_terms(load_content(SMALL_PLAN).site)
    assert terms.group == PlanTerm("Area for improvement", "Areas for improvement")
    assert terms.recommendation == PlanTerm("Recommendation", "Recommendations")
    assert terms.action == PlanTerm("Action", "Actions")


def test_terms_name_every_level(small):
    small.replace("site.yaml", GROUPING, TERMS)
    site = load_content(small.root).site
    terms = plan_terms(site)
    assert terms.group == PlanTerm("Pillar", "Pillars")
    assert terms.recommendation.count(26) == "26 focus areas"
    assert terms.recommendation.count(1) == "1 focus area"
    assert terms.action.many == "commitments"
    # the group's words reach every part that reads grouping: (messages, pages)
    assert (site.grouping.singular, site.grouping.plural) == ("Pillar", "Pillars")


def test_grouping_and_terms_group_may_agree(small):
    small.replace(
        "site.yaml",
        GROUPING,
        GROUPING + "terms:\n  group: {singular: Area for improvement, "
        "plural: Areas for improvement}\n",
    )
    site = load_content(small.root).site
    assert plan_terms(site).group == PlanTerm("Area for improvement", "Areas for improvement")


def test_grouping_and_terms_group_that_differ_are_refused(small):
    small.replace("site.yaml", "title:", TERMS + "title:")
    line = small.line_of("site.yaml", "grouping:")
    assert small.problems() == [
        f"content/site.yaml:{line}: grouping (Area for improvement/Areas for improvement) and "
        "terms: group (Pillar/Pillars) differ; give the group's words once"
    ]


def test_group_words_are_required_one_way_or_the_other(small):
    small.replace("site.yaml", GROUPING, "")
    assert small.problems() == [
        "content/site.yaml:1: missing required field 'grouping' (or terms: group)"
    ]


def test_a_term_needs_both_words_and_a_mapping(small):
    bad = "terms:\n  recommendation: {singular: Focus area}\n  action: [Action]\n"
    small.replace("site.yaml", "title:", bad + "title:")
    assert small.problems() == [
        "content/site.yaml:2: terms: recommendation: missing required field 'plural'",
        "content/site.yaml:3: terms: field 'action': expected a mapping, found a list",
    ]


def test_unknown_term_level_is_named(small):
    small.replace("site.yaml", "title:", "terms:\n  pillar: {singular: P, plural: Ps}\ntitle:")
    assert small.problems() == [
        "content/site.yaml:2: terms: unknown field 'pillar' "
        "(expected one of: group, recommendation, action)"
    ]


def test_purpose_and_period(small):
    small.replace(
        "site.yaml",
        "title:",
        "purpose: To *raise* standards.\nperiod: {start: 2025-01-01, end: 2029-12-31}\ntitle:",
    )
    site = load_content(small.root).site
    assert site.purpose == "To *raise* standards."
    assert (site.period.start, site.period.end) == (date(2025, 1, 1), date(2029, 12, 31))


def test_period_that_ends_before_it_starts(small):
    small.replace("site.yaml", "title:", "period: {start: 2025-01-01, end: 2024-12-31}\ntitle:")
    assert small.problems() == [
        "content/site.yaml:1: period: start (2025-01-01) is after end (2024-12-31)"
    ]


def test_period_with_an_impossible_date(small):
    small.replace("site.yaml", "title:", "period:\n  start: 2025-02-30\ntitle:")
    assert small.problems() == [
        "content/site.yaml:2: period: field 'start': '2025-02-30' is not a real date"
    ]


def test_words_mid_sentence_keep_acronyms():
    assert lower_first("Focus area") == "focus area"
    assert lower_first("MASH area") == "MASH area"
    assert lower_first("KPI") == "KPI"
    assert lower_first("") == ""


def _pages(small, tmp_path, release="2015-01"):
    import re

    from generator.facts.derive import release_view
    from generator.render.pages import render_release

    site = small.text("site.yaml")
    block = re.search(r"inspection:\n(  .*\n)+", site)[0]
    small.replace("site.yaml", block, "")
    small.replace(
        "site.yaml", "plan_summary: The action plan answers each area for improvement.\n", ""
    )
    render_release(release_view(load_content(small.root), release), tmp_path / "docs")
    return tmp_path / "docs"


def test_home_and_report_open_with_about_this_plan(small, tmp_path):
    small.replace(
        "site.yaml",
        "title:",
        "purpose: To raise *standards* in every school.\n"
        "period: {start: 2025-09-01, end: 2030-08-31}\ntitle:",
    )
    docs = _pages(small, tmp_path)
    home = (docs / "index.md").read_text()
    about = (
        "\n## About this plan { #about-this-plan }\n\n"
        "The plan runs from 1 September 2025 to 31 August 2030.\n\n"
        "To raise *standards* in every school.\n"
    )
    assert about in home
    assert home.index("About this plan") < home.index("## What is being done")
    report = (docs / "report.md").read_text()
    assert about in report and report.index("About this plan") < report.index("## Summary")
    for text in (home, report):
        assert "What was found" not in text and "inspection" not in text.lower()


def test_a_period_with_one_end_says_only_that(small, tmp_path):
    small.replace("site.yaml", "title:", "period: {end: 2030-08-31}\ntitle:")
    home = (_pages(small, tmp_path) / "index.md").read_text()
    assert "The plan runs until 31 August 2030.\n" in home and "runs from" not in home


def test_hostile_terms_are_shown_as_text(small, tmp_path):
    from generator.facts.derive import release_view
    from generator.render.pages import nav, render_release

    hostile = "<img src=x onerror=alert(1)>"
    small.replace(
        "site.yaml",
        GROUPING,
        f"terms:\n  group: {{singular: G, plural: Gs}}\n"
        f"  recommendation: {{singular: '{hostile}', plural: '{hostile}s'}}\n"
        f"  action: {{singular: '**Step**', plural: '[Steps](javascript:alert(1))'}}\n",
    )
    view = release_view(load_content(small.root), "2015-01")
    render_release(view, tmp_path / "docs")
    for page in (tmp_path / "docs").rglob("*.md"):
        text = page.read_text()
        assert "<img" not in text, page
        assert "](javascript:" not in text, page
    assert "<img" not in str(nav(view))


def test_diff_names_the_levels_in_the_plans_words(small):
    import re

    from generator.render.comparison import diff_releases, format_diff

    small.replace("site.yaml", GROUPING, TERMS)
    for n in ("13", "14"):
        small.replace("plan.yaml", f"Combined with recommendation {n}.", f"Combined with {n}.")
    text = format_diff(diff_releases(load_content(small.root), "2014-06", "2014-10"), "markdown")
    assert "**[Commitment 1.4](2014-10/recommendations/1/#1.4)**" in text
    assert "[Focus area 13/14](2014-10/recommendations/13-14/)" in text
    words = re.sub(r"\]\([^)]*\)", "]", text)  # addresses keep their words
    assert "recommendation" not in words.lower() and "Action " not in words


def test_page_labels_use_the_plans_plural():
    from generator.render.paging import ids_label

    assert ids_label(["1", "5"], PlanTerm("Priority", "Priorities")) == "priorities 1 to 5"
    assert ids_label(["P1.F4"], PlanTerm("Focus area", "Focus areas")) == "focus area P1.F4"
    assert ids_label(["3", "9"]) == "recommendations 3 to 9"


def test_the_report_gives_no_judgement_the_content_did_not_give(small, tmp_path):
    from generator.facts.derive import release_view
    from generator.render.pages import render_release

    small.replace("site.yaml", "  judgement: Requires improvement\n", "")
    render_release(release_view(load_content(small.root), "2015-01"), tmp_path / "docs")
    report = (tmp_path / "docs/report.md").read_text()
    assert "judged" not in report and "in need of improvement" not in report
    assert "- **What was found:** see below.\n" in report
    assert "Ofsted published *Single inspection" in report
