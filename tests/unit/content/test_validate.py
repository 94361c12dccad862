"""Every validation message, asserted exactly as the user sees it."""

import json
from pathlib import Path

import pytest

from generator.content.model import Meaning, Polarity
from generator.content.validate import load_content
from generator.errors import ContentError
from tests.conftest import DEFAULT_CONTENT, SMALL_PLAN


def test_small_plan_loads_into_the_typed_model():
    content = load_content(SMALL_PLAN)
    assert content.site.grouping.singular == "Area for improvement"
    assert [r.id for r in content.releases] == ["2014-06", "2014-10", "2015-01"]
    rec = next(r for r in content.recommendations if r.id == "13/14")
    assert rec.slug == "13-14" and rec.lifecycle.added == "2014-10"
    merged = next(r for r in content.recommendations if r.id == "13")
    assert merged.lifecycle.withdrawn.merged_into == "13/14"
    eight = next(r for r in content.recommendations if r.id == "8")
    assert eight.groups == ("aip-8", "aip-9")
    action = eight.actions[0]
    assert (action.id, action.timescale, str(action.due)) == ("8.1", "Dec 2014", "2014-12-31")
    kpi = content.kpis[0]
    assert kpi.polarity is Polarity.HIGHER and kpi.baseline.value == 7
    assert [p.value for p in kpi.values] == [7, 9, 12]
    assert content.site.statuses[1].meaning is Meaning.COMPLETE
    assert content.releases[1].progress["1.2"].status == "completed"


def test_default_content_is_valid_and_complete():
    content = load_content(DEFAULT_CONTENT)
    assert [r.id for r in content.recommendations] == [str(n) for n in range(1, 19)]
    pillars = {r.id: r.groups for r in content.recommendations}
    everything = ("people-leadership", "practice-systems", "governance-accountability")
    assert pillars["1"] == everything and pillars["4"] == everything
    assert pillars["7"] == ("people-leadership", "practice-systems")
    assert pillars["8"] == ("practice-systems", "governance-accountability")
    assert pillars["14"] == pillars["15"] == ("governance-accountability",)
    assert len(content.kpis) == 18
    assert all(len(k.values) == 5 for k in content.kpis)
    assert [r.id for r in content.releases] == ["2016-08", "2017-04"]


def test_unknown_group(small):
    line = small.line_of("plan.yaml", "groups: [aip-1]")
    small.replace("plan.yaml", "groups: [aip-1]", "groups: [aip-x]")
    assert small.problems() == [
        f"content/plan.yaml:{line}: recommendation 1: unknown area for improvement 'aip-x' "
        "(known: aip-1, aip-8, aip-9)"
    ]


def test_recommendation_with_no_group(small):
    line = small.replace("plan.yaml", "groups: [aip-1]", "groups: []")
    assert small.problems() == [
        f"content/plan.yaml:{line}: recommendation 1: no area for improvement given "
        "(each recommendation needs at least one)"
    ]


def test_missing_required_field(small):
    small.replace(
        "plan.yaml", "    text: Increase consultation", "    summary: Increase consultation"
    )
    line = small.line_of("plan.yaml", "  - id: 8")
    assert small.problems() == [
        f"content/plan.yaml:{line}: recommendation 8: missing required field 'text'",
        f"content/plan.yaml:{line + 1}: recommendation 8: unknown field 'summary' "
        "(expected one of: id, text, groups, facets, outcome, targets, merged_from, added, "
        "withdrawn, actions)",
    ]


def test_wrongly_typed_field(small):
    line = small.replace("plan.yaml", "groups: [aip-8, aip-9]", "groups: {a: 1}")
    assert small.problems() == [
        f"content/plan.yaml:{line}: recommendation 8: field 'groups': expected a list, "
        "found a mapping"
    ]


def test_unknown_kpi_reference(small):
    line = small.replace("plan.yaml", "kpis: [cicc-members]", "kpis: [cicc]")
    assert small.problems() == [
        f"content/plan.yaml:{line}: action 8.1: unknown KPI 'cicc' (known: cicc-members, neet)"
    ]


def test_unknown_action_in_release(small):
    line = small.replace("progress/2015-01.yaml", "  8.1:", "  8.9:")
    assert small.problems() == [
        f"content/progress/2015-01.yaml:{line}: action 8.9: unknown action '8.9' (not in plan.yaml)"
    ]


def test_progress_for_an_action_not_yet_added(small):
    small.write(
        "progress/2014-06.yaml", small.text("progress/2014-06.yaml") + "  13.2: {status: planned}\n"
    )
    assert small.problems() == [
        "content/progress/2014-06.yaml:5: action 13.2: is not in the plan yet at this release "
        "(added in 2014-10)"
    ]


def test_progress_for_a_withdrawn_action(small):
    small.replace(
        "progress/2015-01.yaml", "\nassessments:", "\n  1.6: {status: planned}\nassessments:"
    )
    assert small.problems() == [
        "content/progress/2015-01.yaml:14: action 1.6: was withdrawn in release 2015-01 and "
        "cannot have progress reported"
    ]


def test_duplicate_action_ids_across_recommendations(small):
    first = small.line_of("plan.yaml", "- id: 1.2")
    line = small.replace("plan.yaml", "- id: 8.1", "- id: 1.2")
    problems = small.problems()
    assert problems[0] == (
        f"content/plan.yaml:{line}: action 1.2: duplicate action id '1.2' "
        f"(first defined on line {first})"
    )
    # the progress files still name 8.1, which no longer exists
    assert problems[1] == (
        "content/progress/2014-06.yaml:4: action 8.1: unknown action '8.1' (not in plan.yaml)"
    )


def test_duplicate_recommendation_ids_and_clashing_slugs(small):
    line = small.replace("plan.yaml", "  - id: 14\n", "  - id: 13\n")
    text = small.text("plan.yaml")
    small.write(
        "plan.yaml",
        text.replace("  - id: 13/14\n", "  - id: 13-14\n").replace(
            "merged_into: 13/14", "merged_into: 13-14"
        ),
    )
    small.replace("progress/2015-01.yaml", "recommendation: 13/14", "recommendation: 13-14")
    first = small.line_of("plan.yaml", "  - id: 13\n")
    problems = small.problems()
    assert problems == [
        f"content/plan.yaml:{line}: recommendation 13: duplicate recommendation id '13' "
        f"(first defined on line {first})",
    ]


def test_slug_clash(small):
    line = small.replace("plan.yaml", "  - id: 14\n", "  - id: 13.\n")
    assert small.problems() == [
        f"content/plan.yaml:{line}: recommendation 13.: id '13.' collides with recommendation "
        f"13 (line {small.line_of('plan.yaml', '  - id: 13')}): both would be published as "
        "recommendations/13/"
    ]


def test_impossible_date(small):
    line = small.replace("plan.yaml", "due: 2014-12-31", "due: 2014-02-30")
    assert small.problems() == [
        f"content/plan.yaml:{line}: action 8.1: field 'due': '2014-02-30' is not a real date"
    ]


def test_badly_written_date(small):
    line = small.replace("plan.yaml", "due: 2014-12-31", "due: Dec 2014")
    assert small.problems() == [
        f"content/plan.yaml:{line}: action 8.1: field 'due': expected a date as YYYY-MM-DD, "
        "found 'Dec 2014'"
    ]


def test_unknown_status(small):
    line = small.replace("progress/2015-01.yaml", "status: in-place", "status: inplace")
    assert small.problems() == [
        f"content/progress/2015-01.yaml:{line}: action 8.1: unknown status 'inplace' "
        "(known: completed, in-place, on-track, planned, due)"
    ]


def test_releases_out_of_date_order(small):
    line = small.replace("releases.yaml", "date: 2015-01-31", "date: 2014-09-30")
    assert small.problems() == [
        "content/progress/2015-01.yaml:17: assessment of recommendation 1: dated 2015-01-20, "
        "after this release's date (2014-09-30): an assessment is published with the first release "
        "dated on or after it",
        "content/progress/2015-01.yaml:23: assessment of recommendation 13/14: dated "
        "2015-01-27, after this release's date (2014-09-30): an assessment is published with the "
        "first release dated on or after it",
        f"content/releases.yaml:{line}: release 2015-01: releases must be listed oldest first: "
        "dated 2014-09-30, but listed after release 2014-10 dated 2014-10-31",
    ]


def test_releases_with_the_same_date(small):
    line = small.replace("releases.yaml", "date: 2015-01-31", "date: 2014-10-31")
    assert small.problems() == [
        "content/progress/2015-01.yaml:17: assessment of recommendation 1: dated 2015-01-20, "
        "after this release's date (2014-10-31): an assessment is published with the first release "
        "dated on or after it",
        "content/progress/2015-01.yaml:23: assessment of recommendation 13/14: dated "
        "2015-01-27, after this release's date (2014-10-31): an assessment is published with the "
        "first release dated on or after it",
        f"content/releases.yaml:{line}: release 2015-01: has the same date (2014-10-31) as "
        "release 2014-10; each release needs its own date",
    ]


def test_non_numeric_and_missing_kpi_values(small):
    small.replace("kpi-values.csv", "cicc-members,2014-10-31,9", "cicc-members,2014-10-31,nine")
    small.replace("kpi-values.csv", "neet,2014-09-30,28", "neet,2014-09-30,")
    assert small.problems() == [
        "content/kpi-values.csv:3: KPI cicc-members: column 'value': expected a number, "
        "found 'nine'",
        "content/kpi-values.csv:5: KPI neet: column 'value': missing value (leave the row out "
        "if nothing was reported)",
    ]


def test_kpi_values_for_unknown_kpi_and_bad_date(small):
    small.write(
        "kpi-values.csv",
        small.text("kpi-values.csv") + "nope,2014-01-01,1\nneet,2014-13-01,2\nneet,2014-04-30,30\n",
    )
    assert small.problems() == [
        "content/kpi-values.csv:8: KPI nope: unknown KPI 'nope' (known: cicc-members, neet)",
        "content/kpi-values.csv:9: KPI neet: column 'date': '2014-13-01' is not a real date",
        "content/kpi-values.csv:10: KPI neet: a value for 2014-04-30 was already given on line 4",
    ]


def test_merge_into_itself(small):
    line = small.replace("plan.yaml", "      merged_into: 13/14\n", "      merged_into: '13'\n")
    assert small.problems() == [
        f"content/plan.yaml:{line}: recommendation 13: is merged into itself"
    ]


def test_merge_cycle(small):
    text = small.text("plan.yaml")
    first = text.index("merged_into: 13/14")
    text = text[:first] + "merged_into: '14'" + text[first + len("merged_into: 13/14") :]
    text = text.replace("merged_into: 13/14", "merged_into: '13'")
    small.write("plan.yaml", text)
    line13 = small.line_of("plan.yaml", "merged_into: '14'")
    line14 = small.line_of("plan.yaml", "merged_into: '13'")
    assert small.problems() == [
        f"content/plan.yaml:{line13}: recommendation 13: merges form a cycle (13 -> 14 -> 13)",
        f"content/plan.yaml:{line14}: recommendation 14: merges form a cycle (14 -> 13 -> 14)",
    ]


def test_unknown_release_reference(small):
    line = small.replace("plan.yaml", "added: 2014-10", "added: 2014-11")
    assert small.problems() == [
        f"content/plan.yaml:{line}: recommendation 13/14: field 'added': unknown release "
        "'2014-11' (known: 2014-06, 2014-10, 2015-01)"
    ]


def test_every_problem_is_reported_in_one_run(small):
    small.replace("plan.yaml", "groups: [aip-1]", "groups: [aip-x]")
    small.replace("progress/2015-01.yaml", "status: in-place", "status: inplace")
    small.replace("kpi-values.csv", "cicc-members,2014-10-31,9", "cicc-members,2014-10-31,x")
    small.write(
        "releases.yaml",
        small.text("releases.yaml") + "  - id: 2015-01\n    date: 2015-02-01\n    title: Again\n",
    )
    problems = small.problems()
    assert len(problems) == 4
    assert {p.split(":")[0] for p in problems} == {
        "content/plan.yaml",
        "content/progress/2015-01.yaml",
        "content/kpi-values.csv",
        "content/releases.yaml",
    }


def test_non_utf8_file(small):
    original = small.text("site.yaml")
    small.write("site.yaml", original.encode() + b"extra: caf\xe9\n")
    line = original.count("\n") + 1
    assert small.problems()[0] == (
        f"content/site.yaml:{line}: is not valid UTF-8 text (byte 0xe9); save the file as UTF-8"
    )


def test_missing_file_and_empty_file(small):
    (small.root / "releases.yaml").unlink()
    small.write("plan.yaml", "")
    problems = small.problems()
    assert "content/plan.yaml: file is empty" in problems
    assert "content/releases.yaml: required file is missing" in problems


def test_progress_file_without_a_release(small):
    small.write("progress/2099-01.yaml", "actions: {}\n")
    assert small.problems() == [
        "content/progress/2099-01.yaml: no release '2099-01' in releases.yaml "
        "(known: 2014-06, 2014-10, 2015-01)"
    ]


def test_release_id_must_be_url_safe(small):
    line = small.replace("releases.yaml", "id: 2015-01", "id: Jan 2015")
    withdrawn = small.line_of("plan.yaml", "release: 2015-01")
    assert small.problems() == [
        f"content/plan.yaml:{withdrawn}: action 1.6: field 'release': unknown release '2015-01' "
        "(known: 2014-06, 2014-10)",
        "content/progress/2015-01.yaml: no release '2015-01' in releases.yaml "
        "(known: 2014-06, 2014-10)",
        f"content/releases.yaml:{line}: release Jan 2015: field 'id': expected an id of letters, "
        "digits, '.', '-', '_' or '/', found 'Jan 2015'",
    ]


def test_content_directory_missing(tmp_path):
    with pytest.raises(ContentError) as info:
        load_content(tmp_path / "nope")
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path / 'nope'}: content directory not found"
    ]


def test_symlink_escaping_content_is_refused(small, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(small.text("kpis.yaml"))
    (small.root / "kpis.yaml").unlink()
    (small.root / "kpis.yaml").symlink_to(outside)
    problems = small.problems()
    assert problems[0] == "content/kpis.yaml: points outside the content directory"


def test_unknown_meaning_and_polarity(small):
    line = small.replace("site.yaml", "meaning: complete}", "meaning: done}")
    kline = small.replace("kpis.yaml", "polarity: lower", "polarity: down")
    problems = small.problems()
    assert (
        f"content/site.yaml:{line}: status 'completed': field 'meaning': expected one of "
        "not-started, in-progress, at-risk, off-track, complete, not-reported, found 'done'"
        in problems
    )
    assert (
        f"content/kpis.yaml:{kline}: KPI neet: field 'polarity': expected one of higher, "
        "lower, neutral, found 'down'" in problems
    )


def test_numeric_text_field_keeps_written_form(small):
    small.replace("releases.yaml", "title: June 2014", "title: 2014.10")
    content = load_content(Path("content"))
    assert content.releases[0].title == "2014.10"


def test_a_release_with_a_bad_date_is_still_known(small):
    line = small.replace("releases.yaml", "date: 2014-10-31", "date: 2014-10-32")
    assert small.problems() == [
        f"content/releases.yaml:{line}: release 2014-10: field 'date': '2014-10-32' is not a real "
        "date"
    ]


def test_site_url_is_checked_and_ends_with_a_slash(small):
    small.replace("site.yaml", "title: Barking", "url: https://example.gov.uk/plan\ntitle: Barking")
    assert load_content(Path("content")).site.url == "https://example.gov.uk/plan/"
    small.replace("site.yaml", "url: https://example.gov.uk/plan", "url: example.gov.uk")
    assert small.problems() == [
        "content/site.yaml:1: field 'url': expected an address such as "
        "https://example.gov.uk/plan/ (http or https, a host name, then a path without spaces, "
        "quotes, <, >, & or a query), found 'example.gov.uk'"
    ]


@pytest.mark.parametrize(
    ("url", "found"),
    [
        (
            'https://a.gov.uk/"><script>alert(1)</script>',
            "'https://a.gov.uk/\"><script>alert(1)</script>'",
        ),
        ("javascript:alert(1)//", "'javascript:alert(1)//'"),
        ("https://a.gov.uk/x onmouseover=alert(1)", "'https://a.gov.uk/x onmouseover=alert(1)'"),
        ("https://a.gov.uk/plan/?q=1", "'https://a.gov.uk/plan/?q=1'"),
        ("https://user@a.gov.uk/", "'https://user@a.gov.uk/'"),
        ("https://a.gov.uk/'x", "'https://a.gov.uk/'x'"),
        ("https://a.gov.uk/\\x07", "'https://a.gov.uk/\\x07'"),
        ("data:text/html,hi", "'data:text/html,hi'"),
        ("//a.gov.uk/plan/", "'//a.gov.uk/plan/'"),
        ("https://a.gov.uk/p&amp;x/", "'https://a.gov.uk/p&amp;x/'"),
        # addresses browsers refuse: a port beyond 65535, a host ending in a number that is
        # not an IPv4 address
        ("https://a.gov.uk:99999/", "'https://a.gov.uk:99999/'"),
        ("https://999.1.1.1/", "'https://999.1.1.1/'"),
        ("https://plan.gov.123/", "'https://plan.gov.123/'"),
        ("https://plan.0x1f/", "'https://plan.0x1f/'"),
    ],
)
def test_site_url_must_be_a_plain_web_address(small, url, found):
    small.replace("site.yaml", "title: Barking", f"url: {json.dumps(url)}\ntitle: Barking")
    assert small.problems() == [
        "content/site.yaml:1: field 'url': expected an address such as "
        "https://example.gov.uk/plan/ (http or https, a host name, then a path without spaces, "
        f"quotes, <, >, & or a query), found {found}"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8000/",
        "https://plan.example.gov.uk/a%20b/~x/",
        "HTTPS://A.GOV.UK",
        "http://192.168.1.10:65535/plan/",
        "https://123.example/",
    ],
)
def test_plain_web_addresses_are_accepted(small, url):
    small.replace("site.yaml", "title: Barking", f"url: {url}\ntitle: Barking")
    assert load_content(Path("content")).site.url.rstrip("/") == url.rstrip("/")
