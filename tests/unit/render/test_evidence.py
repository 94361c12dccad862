"""Evidence reported with progress: validation, status kept, open data, the lock."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.content.validate import load_content
from generator.facts.compare import compare
from generator.facts.derive import release_view
from generator.facts.lock import fingerprint_items
from generator.render.opendata import ACTION_COLUMNS, open_data
from tests.conftest import ContentCopy

NEWS = "https://news.example.gov.uk/stories/42?from=plan&x=1"


def _view(release: str):
    return release_view(load_content(Path("content")), release)


def _action(view, action_id: str):
    return next(a for r in view.recommendations for a in r.actions if a.action.id == action_id)


def _rows(files: dict[str, str], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[name])))


def _oct_8_1_evidence(small: ContentCopy, items: str) -> int:
    """Give action 8.1's October entry the evidence ``items``; the line of its first item."""
    line = small.replace(
        "progress/2014-10.yaml",
        "    narrative: Membership has increased from 7 to 9.\n",
        "    narrative: Membership has increased from 7 to 9.\n    evidence:\n" + items,
    )
    return line + 2


def test_evidence_is_shown_with_an_actions_progress_and_in_the_open_data(small):
    _oct_8_1_evidence(
        small,
        f"      - {{title: New members welcomed, url: '{NEWS}', date: 2014-10-02}}\n"
        "      - {title: '=SUM(A1)', url: 'https://example.org/papers/7'}\n",
    )
    small.replace(
        "progress/2014-10.yaml",
        "actions:",
        "recommendations:\n  8:\n    evidence:\n"
        "      - {title: Council minutes, url: 'https://example.org/m', date: 2014-09-30}\n"
        "actions:",
    )
    october = _view("2014-10")
    evidence = _action(october, "8.1").evidence
    assert [(e.title, e.url) for e in evidence] == [
        ("New members welcomed", NEWS),
        ("=SUM(A1)", "https://example.org/papers/7"),
    ]
    rec = next(r for r in october.recommendations if r.recommendation.id == "8")
    assert rec.progress.narrative == "" and len(rec.progress.evidence) == 1
    files = open_data(october)
    assert files["data/evidence.csv"].splitlines()[0] == "release,item,title,url,date"
    assert _rows(files, "data/evidence.csv") == [
        {
            "release": "2014-10",
            "item": "8",
            "title": "Council minutes",
            "url": "https://example.org/m",
            "date": "2014-09-30",
        },
        {
            "release": "2014-10",
            "item": "8.1",
            "title": "New members welcomed",
            "url": NEWS,
            "date": "2014-10-02",
        },
        {
            "release": "2014-10",
            "item": "8.1",
            "title": "'=SUM(A1)",  # a spreadsheet would run it as a formula
            "url": "https://example.org/papers/7",
            "date": "",
        },
    ]
    # evidence belongs to its release: the next one does not carry it forward
    january = _view("2015-01")
    assert _action(january, "8.1").evidence == ()
    assert open_data(january)["data/evidence.csv"] == "release,item,title,url,date\n"


def test_an_action_entry_with_evidence_alone_keeps_its_status_from_the_release_before(small):
    small.replace(
        "progress/2015-01.yaml",
        "  1.4:\n    status: on-track\n    narrative: Numbers are now reported monthly, and "
        "checked by the board.\n",
        "  1.4:\n    evidence:\n      - {title: Board paper, url: 'https://example.org/b'}\n",
    )
    action = _action(_view("2015-01"), "1.4")
    assert action.status.id == "on-track"  # as in October
    assert action.narrative == ""
    assert [e.title for e in action.evidence] == ["Board paper"]


def test_evidence_alone_needs_a_status_in_the_release_before(small):
    line = small.replace(
        "progress/2014-10.yaml",
        "  13.2: {status: on-track}",
        "  13.2: {evidence: [{title: Pledge, url: 'https://example.org/p'}]}",
    )
    assert small.problems() == [
        f"content/progress/2014-10.yaml:{line}: action 13.2: has evidence but no status, and no "
        "status was reported for it in the release before to keep: give its status"
    ]


def test_an_entry_with_neither_status_nor_evidence_is_refused(small):
    line = small.replace("progress/2014-10.yaml", "  13.2: {status: on-track}", "  13.2: {}")
    small.replace("progress/2014-10.yaml", "actions:", "recommendations:\n  8: {}\nactions:")
    assert small.problems() == [
        "content/progress/2014-10.yaml:2: recommendation 8: missing required field 'narrative'",
        f"content/progress/2014-10.yaml:{line + 2}: action 13.2: missing required field 'status'",
    ]


def test_evidence_follows_the_assessments_url_rules_and_is_not_dated_after_its_release(small):
    line = _oct_8_1_evidence(
        small,
        "      - {title: Bad, url: 'javascript:alert(1)'}\n"
        "      - {title: Tricky, url: 'https://www.gov.uk@evil.example/'}\n"
        "      - {title: Later, url: 'https://example.org/l', date: 2014-11-01}\n"
        "      - {url: 'https://example.org/untitled'}\n"
        "      - {title: No address}\n",
    )
    item = "action 8.1: evidence"
    assert small.problems() == [
        f"content/progress/2014-10.yaml:{line}: {item}: field 'url': expected a web address "
        "starting with http:// or https:// and a host name, without spaces, quotes, <, > or "
        "backslashes, found 'javascript:alert(1)'",
        f"content/progress/2014-10.yaml:{line + 1}: {item}: field 'url': a web address may not "
        "name a user before its host ('https://www.gov.uk@evil.example/'): readers would read "
        "one site's name and be taken to another",
        f"content/progress/2014-10.yaml:{line + 2}: {item}: dated 2014-11-01, after this "
        "release's date (2014-10-31): evidence is reported with the first release dated on or "
        "after it",
        f"content/progress/2014-10.yaml:{line + 3}: {item}: missing required field 'title'",
        f"content/progress/2014-10.yaml:{line + 4}: {item}: missing required field 'url'",
    ]


def test_an_action_title_is_plain_text_on_one_line(small):
    line = small.replace("plan.yaml", "- id: 1.2\n", '- id: 1.2\n        title: "Two\\nlines"\n')
    small.replace("plan.yaml", "- id: 1.4\n", "- id: 1.4\n        title: " + "x" * 1001 + "\n")
    line_14 = small.line_of("plan.yaml", "- id: 1.4")
    assert small.problems() == [
        f"content/plan.yaml:{line + 1}: action 1.2: field 'title': expected a short name on one "
        "line (plain text), found 'Two\\nlines'",
        f"content/plan.yaml:{line_14 + 1}: action 1.4: field 'title': expected a short name of "
        "at most 1000 characters, found 1001: put longer text in the description",
    ]


def test_actions_csv_gives_title_start_and_late_to_start(small):
    small.replace(
        "plan.yaml",
        "- id: 1.4\n",
        "- id: 1.4\n        title: '**Police protection numbers.**'\n        start: 2014-06-01\n",
    )
    rows = {r["action"]: r for r in _rows(open_data(_view("2014-06")), "data/actions.csv")}
    assert ACTION_COLUMNS[:4] == ("release", "recommendation", "action", "title")
    assert (rows["1.4"]["title"], rows["1.4"]["start"], rows["1.4"]["late_to_start"]) == (
        "**Police protection numbers.**",
        "2014-06-01",
        "yes",
    )
    assert rows["1.4"]["overdue"] == "no"
    assert (rows["1.2"]["title"], rows["1.2"]["start"], rows["1.2"]["late_to_start"]) == (
        "",
        "",
        "no",
    )


def test_evidence_is_part_of_what_a_published_release_shows(small):
    before = fingerprint_items(_view("2014-10"))
    _oct_8_1_evidence(small, "      - {title: Story, url: 'https://example.org/s'}\n")
    after = fingerprint_items(_view("2014-10"))
    assert set(after) - set(before) == {"action 8.1: evidence"}
    assert {k for k in before if before[k] != after.get(k)} == set()


def test_a_new_release_carries_no_evidence_forward(small):
    from datetime import date

    from generator.workflow.drafts import new_release

    small.replace(
        "progress/2015-01.yaml",
        "actions:",
        "recommendations:\n  8:\n    evidence:\n"
        "      - {title: Minutes, url: 'https://example.org/m'}\n"
        "actions:",
    )
    small.replace(
        "progress/2015-01.yaml",
        "    status: in-place\n",
        "    status: in-place\n    evidence: [{title: Story, url: 'https://example.org/s'}]\n",
    )
    new_release(Path("content"), "2015-04", date(2015, 4, 30))
    draft = small.text("progress/2015-04.yaml")
    assert "evidence" not in draft and "recommendations:" not in draft
    view = release_view(load_content(Path("content")), "2015-04")
    assert _action(view, "8.1").status.id == "in-place" and view.evidence == ()


def test_a_recommendations_evidence_alone_is_no_narrative_in_the_comparison(small):
    small.replace(
        "progress/2014-10.yaml",
        "actions:",
        "recommendations:\n  8:\n    evidence:\n"
        "      - {title: Minutes, url: 'https://example.org/m'}\n"
        "actions:",
    )
    content = load_content(Path("content"))
    diff = compare(release_view(content, "2014-06"), release_view(content, "2014-10"))
    assert not diff.recommendation_narratives
    assert diff.recommendation_narrative_changes == ()
