"""Releases close together: where two share a month, their labels name the day."""

from datetime import date

from generator.content.model import Release
from generator.content.validate import load_content
from generator.facts.derive import release_view
from generator.facts.release_labels import ReleaseLabels
from generator.render.pages import render_release
from generator.site.site_files import versions_json


def _release(rid: str, day: date, title: str) -> Release:
    return Release(id=rid, date=day, title=title)


def test_a_month_with_one_release_is_labelled_by_month():
    releases = [_release("a", date(2026, 3, 31), "March 2026")]
    labels = ReleaseLabels(releases)
    assert labels(releases[0]) == "Mar\u00a02026"
    assert labels.title(releases[0]) == "March 2026"


def test_two_releases_in_one_month_name_the_day():
    releases = [
        _release("a", date(2026, 3, 31), "March 2026"),
        _release("b", date(2026, 4, 9), "April 2026"),
        _release("c", date(2026, 4, 16), "April 2026"),
    ]
    labels = ReleaseLabels(releases)
    assert [labels(r) for r in releases] == [
        "Mar\u00a02026",
        "9\u00a0Apr\u00a02026",
        "16\u00a0Apr\u00a02026",
    ]
    assert labels.title(releases[1]) == "April 2026 (9 Apr 2026)"
    already = _release("d", date(2026, 4, 16), "Refresh of 16 Apr 2026")
    assert ReleaseLabels([releases[1], already]).title(already) == "Refresh of 16 Apr 2026"


def test_pages_and_selector_name_the_day(small, tmp_path):
    small.replace(
        "releases.yaml",
        "    date: 2014-10-31\n    title: October 2014\n",
        "    date: 2014-06-30\n    title: June 2014\n",
    )
    small.replace(
        "releases.yaml",
        "    date: 2014-06-30\n    title: June 2014\n    summary",
        "    date: 2014-06-09\n    title: June 2014\n    summary",
    )
    content = load_content(small.root)
    titles = [v["title"] for v in versions_json(content)]
    assert titles == ["January 2015", "June 2014 (30 Jun 2014)", "June 2014 (9 Jun 2014)"]
    render_release(release_view(content, "2014-10"), tmp_path / "docs")
    changes = (tmp_path / "docs/changes/index.md").read_text()
    assert changes.startswith(
        "---\nsearch:\n  exclude: true\ntoc_depth: 2\n---\n"
        "# What changed since June 2014 (9 Jun 2014)\n"
    )
    assert (
        "**No new value:** 2 indicators have no value newer than in June 2014 (9 Jun 2014)."
    ) in changes
