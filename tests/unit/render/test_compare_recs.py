"""Recommendation progress narratives compared between releases: facts, JSON, Markdown, feeds."""

from __future__ import annotations

import shutil

import markdown
import pytest

from generator.content.validate import load_content
from generator.facts.compare import compare
from generator.facts.derive import release_view, release_views
from generator.render.comparison import diff_json, diff_markdown
from generator.render.feed import atom_feed
from generator.render.recfeed import all_lines, feed_entries
from tests.conftest import REAL_PLAN, SMALL_PLAN

JULY = "A new team tracking tool is being developed for implementation in July."
OCTOBER = "The new team tracking tool has been in use since July."
REVIEW_JULY = "The accommodation review has been commissioned."
REVIEW_OCTOBER = (
    "The accommodation review has reported and its recommendations are being implemented."
)


def _diff(content_dir=REAL_PLAN, old="2014-07", new="2014-10"):
    content = load_content(content_dir)
    return compare(release_view(content, old), release_view(content, new))


@pytest.fixture
def real(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REAL_PLAN, content)
    return content


def _edit(content, old, new):
    path = content / "progress/2014-10.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_every_recommendation_is_listed_in_plan_order_with_its_narratives():
    diff = _diff()
    rows = [
        (c.recommendation.id, c.narrative_from, c.narrative_to, c.narrative_changed)
        for c in diff.recommendations
    ]
    assert rows == [
        ("1", JULY, OCTOBER, True),
        ("8", None, None, False),
        ("13/14", REVIEW_JULY, REVIEW_OCTOBER, True),
        ("18", None, None, False),
    ]
    assert [c.recommendation.id for c in diff.recommendation_narrative_changes] == ["1", "13/14"]
    assert diff.recommendation_narratives


def test_the_json_lists_every_recommendation_with_the_word_diff():
    data = diff_json(_diff())
    assert data["summary"]["recommendation_narrative_changes"] == 2
    assert data["recommendations"] == [
        {
            "id": "1",
            "narrative_changed": True,
            "narrative": {
                "from": JULY,
                "to": OCTOBER,
                "diff": [
                    {"op": "delete", "text": "A"},
                    {"op": "insert", "text": "The"},
                    {"op": "equal", "text": " new team tracking tool "},
                    {"op": "delete", "text": "is being developed for implementation in "},
                    {"op": "insert", "text": "has been in use since "},
                    {"op": "equal", "text": "July."},
                ],
            },
        },
        {
            "id": "8",
            "narrative_changed": False,
            "narrative": {"from": None, "to": None, "diff": []},
        },
        {
            "id": "13/14",
            "narrative_changed": True,
            "narrative": {
                "from": REVIEW_JULY,
                "to": REVIEW_OCTOBER,
                "diff": [
                    {"op": "equal", "text": "The accommodation review has "},
                    {"op": "delete", "text": "been commissioned"},
                    {
                        "op": "insert",
                        "text": "reported and its recommendations are being implemented",
                    },
                    {"op": "equal", "text": "."},
                ],
            },
        },
        {
            "id": "18",
            "narrative_changed": False,
            "narrative": {"from": None, "to": None, "diff": []},
        },
    ]


def test_a_narrative_carried_forward_with_the_same_words_is_not_a_change(real):
    _edit(
        real,
        OCTOBER,
        "|\n      A new team tracking tool is being\n      developed for implementation in July.",
    )
    diff = _diff(real)
    (rec_1,) = (c for c in diff.recommendations if c.recommendation.id == "1")
    assert (
        rec_1.narrative_to
        == "A new team tracking tool is being\ndeveloped for implementation in July."
    )
    assert not rec_1.narrative_changed and rec_1.narrative == ()
    assert [c.recommendation.id for c in diff.recommendation_narrative_changes] == ["13/14"]
    entry = diff_json(diff)["recommendations"][0]
    assert entry["narrative_changed"] is False and entry["narrative"]["diff"] == []


def test_a_narrative_given_in_one_release_only_is_a_change(real):
    _edit(real, f'  "1":\n    narrative: {OCTOBER}\n', "")
    diff = _diff(real)
    (rec_1,) = (c for c in diff.recommendations if c.recommendation.id == "1")
    assert (rec_1.narrative_from, rec_1.narrative_to, rec_1.narrative_changed) == (
        JULY,
        None,
        True,
    )
    assert diff_json(diff)["recommendations"][0]["narrative"]["diff"] == [
        {"op": "delete", "text": JULY}
    ]
    backwards = _diff(real, "2014-10", "2014-07")
    (rec_1,) = (c for c in backwards.recommendations if c.recommendation.id == "1")
    assert (rec_1.narrative_from, rec_1.narrative_to, rec_1.narrative_changed) == (
        None,
        JULY,
        True,
    )


def test_plans_without_recommendation_narratives_show_no_section():
    diff = _diff(SMALL_PLAN, "2014-10", "2015-01")
    assert not diff.recommendation_narratives
    assert [c.recommendation.id for c in diff.recommendations] == ["1", "8", "13", "14", "13/14"]
    assert all(not c.narrative_changed for c in diff.recommendations)
    text = diff_markdown(diff)
    assert "Recommendation progress" not in text and "Recommendation narratives" not in text
    assert "recommendation narrative" not in atom_feed(release_views(load_content(SMALL_PLAN)))


def test_the_markdown_shows_each_changed_narrative_as_a_word_diff():
    text = diff_markdown(_diff())
    assert "- **Recommendation narratives rewritten:** 2\n" in text
    section = text[text.index("## Recommendation progress") : text.index("## Progress narratives")]
    assert section == (
        "## Recommendation progress\n\n"
        "What each report says about the recommendation as a whole, word by word. "
        "**Added words are in bold**; ~~removed words are struck through~~. A text that keeps "
        "less than half of its words is shown as it was before, then as it is now.\n\n"
        "### Recommendation 1\n\n"
        "**[Recommendation 1](2014-10/recommendations/1/)** "
        "([as at Jul\u00a02014](2014-07/recommendations/1/))\n\n"
        "**Before:**\n\n> A new team tracking tool is being developed for implementation in "
        "July.\n\n**Now:**\n\n> The new team tracking tool has been in use since July.\n\n"
        "### Recommendation 13/14\n\n"
        "**[Recommendation 13/14](2014-10/recommendations/13-14/)** "
        "([as at Jul\u00a02014](2014-07/recommendations/13-14/))\n\n"
        "The accommodation review has ~~been commissioned~~ "
        "**reported and its recommendations are being implemented**.\n\n\n"
    )


def test_no_changed_recommendation_narrative_is_said_in_words(real):
    _edit(real, OCTOBER, JULY)
    _edit(real, REVIEW_OCTOBER, REVIEW_JULY)
    text = diff_markdown(_diff(real))
    assert "- **Recommendation narratives rewritten:** 0\n" in text
    assert "## Recommendation progress\n\nNo recommendation's progress narrative changed.\n" in text


def test_the_feeds_say_when_a_recommendation_narrative_was_rewritten():
    views = release_views(load_content(REAL_PLAN))
    said = all_lines(views)
    (first, second) = feed_entries(views, "13/14", said)
    assert second.lines[0] == "Recommendation 13/14: progress narrative updated."
    assert "progress narrative updated" not in " ".join(first.lines)
    assert [e.lines for e in feed_entries(views, "8", said)][1][0].startswith("Action 8.1")
    assert "5 progress narratives rewritten, 2 recommendation narratives rewritten." in (
        atom_feed(views)
    )


def test_hostile_words_in_a_recommendation_narrative_stay_inert(real):
    _edit(real, OCTOBER, f"'{OCTOBER} <img src=x onerror=alert(1)> [x](javascript:alert(2))'")
    diff = _diff(real)
    assert diff_json(diff)["recommendations"][0]["narrative"]["diff"][-1] == {
        "op": "insert",
        "text": "has been in use since July. <img src=x onerror=alert(1)> [x](javascript:alert(2))",
    }
    text = diff_markdown(diff)
    assert (
        "> The new team tracking tool has been in use since July. `<img src=x "
        "onerror=alert(1)>` [x]\\(javascript:alert(2))"
    ) in text
    page = markdown.markdown(text)  # shown as typed: a code span, not an image
    assert "<img" not in page and 'href="javascript' not in page
    assert "[x](javascript" not in text
