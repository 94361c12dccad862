"""Independent assessments: read from progress files, checked, and published with a release."""

import csv
import io
from pathlib import Path

from generator.content.validate import load_content
from generator.facts.derive import release_view
from generator.facts.lock import fingerprint_items
from generator.render.comparison import diff_json, diff_releases
from generator.render.opendata import open_data
from tests.conftest import DEFAULT_CONTENT, SMALL_PLAN


def _add(small, text: str, release: str = "2015-01") -> int:
    """Append assessments to a release's progress file; the line of the first one."""
    name = f"progress/{release}.yaml"
    old = small.text(name)
    if "assessments:" not in old:
        text = "assessments:\n" + text
    small.write(name, old + text)
    return old.count("\n") + 1 + (0 if "assessments:" in old else 1)


def test_assessments_name_a_recommendation_in_the_plan_and_link_only_to_the_web(small):
    line = _add(
        small,
        "  - {recommendation: 99, body: Ofsted, date: 2015-01-20, verdict: x}\n"
        "  - {recommendation: 8, body: Ofsted, date: 2015-01-20, verdict: x,"
        " url: 'javascript:alert(1)'}\n"
        "  - {recommendation: 8, body: Ofsted, date: 2015-01-20}\n"
        "  - {recommendation: 8, body: Ofsted, date: 2015-01-20, verdict: x, url: 'http:/x'}\n",
    )
    assert small.problems() == [
        f"content/progress/2015-01.yaml:{line}: assessment of recommendation 99: unknown "
        "recommendation '99' (not in plan.yaml)",
        f"content/progress/2015-01.yaml:{line + 1}: assessment of recommendation 8: field 'url': "
        "expected a web address starting with http:// or https:// and a host name, without "
        "spaces, quotes, <, > or backslashes, found 'javascript:alert(1)'",
        f"content/progress/2015-01.yaml:{line + 2}: assessment of recommendation 8: missing "
        "required field 'verdict'",
        f"content/progress/2015-01.yaml:{line + 3}: assessment of recommendation 8: field 'url': "
        "expected a web address starting with http:// or https:// and a host name, without "
        "spaces, quotes, <, > or backslashes, found 'http:/x'",
    ]


def test_a_recommendation_is_assessed_only_once_it_is_in_the_plan(small):
    line = _add(
        small,
        "  - {recommendation: 13/14, body: Ofsted, date: 2014-06-20, verdict: x}\n",
        "2014-06",
    )
    assert small.problems() == [
        f"content/progress/2014-06.yaml:{line}: assessment of recommendation 13/14: "
        "recommendation 13/14 is not in the plan yet at this release (added in 2014-10)"
    ]


def test_each_recommendation_view_holds_its_assessments():
    content = load_content(SMALL_PLAN)
    view = release_view(content, "2015-01")
    assert [(r.recommendation.id, a.body, a.verdict) for r, a in view.assessments] == [
        ("1", "Ofsted", "Insufficient progress"),
        ("13/14", "Independent improvement board", "Good progress"),
    ]
    assert release_view(content, "2014-10").assessments == ()


def test_diff_json_gives_the_assessments_of_both_releases():
    diff = diff_releases(load_content(SMALL_PLAN), "2014-10", "2015-01")
    assert diff_json(diff)["assessments"] == {
        "from": [],
        "to": [
            {
                "release": "2015-01",
                "recommendation": "1",
                "body": "Ofsted",
                "date": "2015-01-20",
                "verdict": "Insufficient progress",
                "text": "The monitoring visit found that checks before *unplanned removals* are "
                "not yet consistent.",
                "url": "https://reports.example.gov.uk/monitoring?visit=3&area=b",
                "page": "2015-01/recommendations/1/",
            },
            {
                "release": "2015-01",
                "recommendation": "13/14",
                "body": "Independent improvement board",
                "date": "2015-01-27",
                "verdict": "Good progress",
                "text": "",
                "url": "",
                "page": "2015-01/recommendations/13-14/",
            },
        ],
    }
    backwards = diff_json(diff_releases(load_content(SMALL_PLAN), "2015-01", "2014-10"))
    assert [a["recommendation"] for a in backwards["assessments"]["from"]] == ["1", "13/14"]


def test_the_open_data_lists_the_releases_assessments():
    files = open_data(release_view(load_content(SMALL_PLAN), "2015-01"))
    rows = list(csv.DictReader(io.StringIO(files["data/assessments.csv"])))
    assert [(r["recommendation"], r["body"], r["date"], r["page"]) for r in rows] == [
        ("1", "Ofsted", "2015-01-20", "recommendations/1/"),
        ("13/14", "Independent improvement board", "2015-01-27", "recommendations/13-14/"),
    ]
    empty = open_data(release_view(load_content(SMALL_PLAN), "2014-10"))
    assert empty["data/assessments.csv"] == (
        "release,recommendation,body,date,verdict,text,url,page\n"
    )


def test_an_assessment_is_part_of_what_a_published_release_shows(small):
    before = fingerprint_items(release_view(load_content(Path("content")), "2015-01"))
    small.replace("progress/2015-01.yaml", "verdict: Insufficient progress", "verdict: Progress")
    after = fingerprint_items(release_view(load_content(Path("content")), "2015-01"))
    assert {k for k in before if before[k] != after.get(k)} == {"recommendation 1: assessments"}
    # a release with none records nothing for them: locks made before stay valid
    plain = fingerprint_items(release_view(load_content(DEFAULT_CONTENT), "2017-04"))
    assert not [k for k in plain if k.endswith(": assessments")]


def test_the_address_an_assessment_links_to_is_part_of_what_a_release_shows(small):
    before = fingerprint_items(release_view(load_content(Path("content")), "2015-01"))
    small.replace("progress/2015-01.yaml", "visit=3&area=b", "visit=4&area=b")
    after = fingerprint_items(release_view(load_content(Path("content")), "2015-01"))
    assert {k for k in before if before[k] != after.get(k)} == {"recommendation 1: assessments"}


def test_an_assessment_is_of_a_recommendation_still_in_the_plan_and_not_from_the_future(small):
    line = _add(
        small,
        "  - {recommendation: 13, body: Ofsted, date: 2015-01-20, verdict: x}\n"
        "  - {recommendation: 8, body: Ofsted, date: 2015-02-20, verdict: x}\n"
        "  - {recommendation: 8, body: Ofsted, date: 2015-01-20, verdict: x,"
        " url: 'https://www.gov.uk@evil.example/'}\n",
    )
    assert small.problems() == [
        f"content/progress/2015-01.yaml:{line}: assessment of recommendation 13: recommendation "
        "13 left the plan in 2014-10, before this release, so it cannot be assessed in it",
        f"content/progress/2015-01.yaml:{line + 1}: assessment of recommendation 8: dated "
        "2015-02-20, after this release's date (2015-01-31): an assessment is published with the "
        "first release dated on or after it",
        f"content/progress/2015-01.yaml:{line + 2}: assessment of recommendation 8: field 'url': "
        "a web address may not name a user before its host ('https://www.gov.uk@evil.example/'): "
        "readers would read one site's name and be taken to another",
    ]
