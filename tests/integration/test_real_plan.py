"""The real-plan fixture builds in strict mode: facets, targets, merges, leads, as_at."""

from __future__ import annotations

import json

from tests.conftest import REAL_PLAN
from tests.integration.conftest import run_cli
from tests.integration.header import assert_title_clear_of_search
from tests.integration.linkcheck import broken_links_everywhere


def test_real_plan_builds_with_every_page_and_download(real_site):
    version = real_site / "2014-10"
    for path in (
        "facets/timeframe/index.html",
        "facets/timeframe/immediately/index.html",
        "facets/service/looked-after/index.html",
        "recommendations/13-14/index.html",
        "recommendations/18/index.html",
        "data/recommendations.csv",
        "data/recommendations.json",
    ):
        assert (version / path).is_file(), path
    assert broken_links_everywhere(real_site) == {}


def test_real_plan_pages_show_lists_and_withdrawn_navigation(real_site):
    page = (real_site / "2014-10/recommendations/13-14/index.html").read_text()
    assert "<li>improve the referral process</li>" in page
    assert "Recommendation 18 (withdrawn)" in page
    assert "progress as at 5 October 2014" in page


def test_phone_header_is_clear_on_the_real_plan(browser, real_base_url):
    assert_title_clear_of_search(
        browser, real_base_url + "2014-10/facets/timeframe/within-6-months/"
    )


def test_changes_page_shows_recommendation_narratives_as_word_diffs(real_site):
    page = (real_site / "2014-10/changes/index.html").read_text()
    assert "<strong>Recommendation narratives rewritten:</strong> 2" in page
    assert '<h2 id="recommendation-progress">Recommendation progress<' in page
    section = page[
        page.index('id="recommendation-progress"') : page.index('id="progress-narratives"')
    ]
    assert section.count("<h3") == 2
    assert '<a href="../recommendations/1/">Recommendation 1</a>' in section
    assert '<a href="../../2014-07/recommendations/13-14/">as at Jul\u00a02014</a>' in section
    assert (
        'The accommodation review has <del class="critic">been commissioned</del>'
        '<ins class="critic">reported and its recommendations are being implemented</ins>.'
    ) in section
    assert "Recommendation 8" not in section and "Recommendation 18" not in section


def test_diff_json_lists_recommendation_narratives():
    result = run_cli("diff", "2014-07", "2014-10", "--format", "json", "--content", str(REAL_PLAN))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["recommendation_narrative_changes"] == 2
    assert [r["id"] for r in data["recommendations"]] == ["1", "8", "13/14", "18"]
    assert all(set(r) == {"id", "narrative_changed", "narrative"} for r in data["recommendations"])
    assert data["recommendations"][2] == {
        "id": "13/14",
        "narrative_changed": True,
        "narrative": {
            "from": "The accommodation review has been commissioned.",
            "to": "The accommodation review has reported and its recommendations are being "
            "implemented.",
            "diff": [
                {"op": "equal", "text": "The accommodation review has "},
                {"op": "delete", "text": "been commissioned"},
                {"op": "insert", "text": "reported and its recommendations are being implemented"},
                {"op": "equal", "text": "."},
            ],
        },
    }
    assert data["recommendations"][1]["narrative"] == {"from": None, "to": None, "diff": []}
    text = run_cli("diff", "2014-07", "2014-10", "--content", str(REAL_PLAN)).stdout
    assert (
        "### Recommendation 13/14\n\n**[Recommendation 13/14](2014-10/recommendations/13-14/)**"
        in text
    )


def test_the_report_keeps_an_actions_list_and_a_lead_table_gives_its_opening(real_site):
    report = (real_site / "2014-10/report/index.html").read_text()
    assert (
        "review:</p>\n<ul>\n<li>improve the referral process</li>\n"
        "<li>tender supported housing services</li>\n</ul>\n</div>"
    ) in report
    lead = (real_site / "2014-10/leads/integrated-commissioning-unit/index.html").read_text()
    assert "Implement the recommendations of the accommodation review&#58; …</td>" in lead
