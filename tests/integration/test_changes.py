import json
import re

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import run_cli
from tests.integration.linkcheck import broken_links


def test_every_version_but_the_first_has_changes_pages(small_site):
    assert not (small_site / "2014-06/changes").exists()
    for release in ("2014-10", "2015-01"):
        assert (small_site / release / "changes/index.html").is_file()
        assert (small_site / release / "changes/baseline/index.html").is_file()
        home = (small_site / release / "index.html").read_text()
        assert 'href="changes/">What changed since' in home
        assert re.search(r'"md-ellipsis">\s*What changed\s*<', home)  # in the navigation


def test_changes_page_shows_every_kind_of_change(small_site):
    page = (small_site / "2015-01/changes/index.html").read_text()
    assert '<h1 id="what-changed-since-october-2014">What changed since October 2014' in page
    assert 'href="../../2014-10/recommendations/8/#8.1">as at Oct\u00a02014</a>' in page
    assert '<del class="critic">7</del><ins class="critic">9</ins>' in page
    assert "Repetition of action 1.4 and has been removed." in page
    assert '<a href="../../2014-10/kpis/neet/">28%</a>' in page
    assert "Worsening" in page


def test_links_on_changes_and_recommendation_pages_resolve_in_every_version(small_site):
    pages = [
        *small_site.glob("*/changes/**/index.html"),
        *small_site.glob("*/recommendations/*/index.html"),
        *small_site.glob("*/index.html"),
    ]
    assert len(pages) > 20
    problems = {str(p.relative_to(small_site)): broken_links(small_site, p) for p in pages}
    assert {page: links for page, links in problems.items() if links} == {}


def test_default_site_changes_page(default_site):
    page = (default_site / "2017-04/changes/index.html").read_text()
    assert "What changed since August 2016 response to the inspection" in page
    # 57 changed actions: a normal month, on one page (no parts by pillar)
    assert sorted(p.name for p in (default_site / "2017-04/changes").iterdir()) == [
        "baseline",
        "index.html",
    ]
    assert [p.name for p in (default_site / "2017-04/changes/baseline").iterdir()] == ["index.html"]
    assert '<h2 id="by-pillar">' not in page
    assert page.count('class="ps-status ps-status--not-reported"') == 57
    assert 'href="../recommendations/9/#9.1"' in page
    # the indicators have no figures in the first report: left out, and counted in one line
    left_out = "18 indicators have no figures in August 2016 response to the inspection"
    assert f"<p>{left_out} and are left out.</p>" in page
    assert "Not enough data" not in page
    # a rating that was not given is not a change of status
    assert "<strong>Status changes:</strong> 0 improved, 0 worsened, 0 other" in page
    assert "<strong>Not rated:</strong> 57 actions not rated in this report" in page
    assert "No action changed status." in page
    assert "57 status changes" not in page
    home = (default_site / "2017-04/index.html").read_text()
    assert "0 status changes, 57 actions not rated in this report," in home
    assert broken_links(default_site, default_site / "2017-04/changes/index.html") == []


def test_diff_json():
    result = run_cli("diff", "2014-10", "2015-01", "--format", "json", "--content", str(SMALL_PLAN))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"from", "to", "actions", "kpis", "added", "removed"} <= data.keys()
    assert (data["from"], data["to"]) == ("2014-10", "2015-01")
    actions = {a["id"]: a for a in data["actions"]}
    status = actions["8.1"]["status"]
    assert (status["from"], status["to"], status["change"]) == ("on-track", "in-place", "improved")
    assert actions["13.2"]["status"]["change"] == "not-rated"
    assert data["summary"]["status_changes"] == {"improved": 1, "worsened": 0, "other": 0}
    assert (data["summary"]["not_rated"], data["summary"]["rated_again"]) == (1, 0)
    assert actions["1.4"]["overdue"] == {"from": False, "to": True}
    assert actions["1.4"]["narrative_changed"] is True
    assert actions["1.2"]["narrative_changed"] is False
    assert actions["1.4"]["urls"] == {
        "from": "2014-10/recommendations/1/#1.4",
        "to": "2015-01/recommendations/1/#1.4",
    }
    kpis = {k["id"]: k for k in data["kpis"]}
    assert {key: kpis["neet"][key] for key in ("from", "to", "change", "direction")} == {
        "from": 28.0,
        "to": 30.0,
        "change": 2.0,
        "direction": "worsening",
    }
    assert data["added"] == []
    assert [(r["kind"], r["id"], r["state"]) for r in data["removed"]] == [
        ("action", "1.6", "withdrawn")
    ]


def test_diff_markdown_for_any_two_releases():
    result = run_cli("diff", "2015-01", "2014-06", "--content", str(SMALL_PLAN))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# What changed since January 2015\n")
    assert "### Worsened" in result.stdout
    assert "Completed → Planned" in result.stdout
    assert "[Action 1.2](2014-06/recommendations/1/#1.2)" in result.stdout


def test_diff_unknown_release():
    result = run_cli("diff", "2014-10", "2099-01", "--content", str(SMALL_PLAN))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: unknown release '2099-01'. Known releases: 2014-06, 2014-10, 2015-01\n"
    )


def test_diff_of_invalid_content(small):
    small.replace("releases.yaml", "date: 2014-10-31", "date: 2014-10-32")
    result = run_cli("diff", "2014-06", "2014-10", "--content", "content")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr == (
        "content/releases.yaml:7: release 2014-10: field 'date': '2014-10-32' is not a real date\n"
        "Aborted: 1 problem found in the content.\n"
    )
