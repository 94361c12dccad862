"""When progress was written: not before the release before the one reporting it, unless it
is carried forward; and overdue is never judged before that release either."""

from __future__ import annotations

from pathlib import Path

from generator.content.validate import load_content
from generator.facts.compare import compare
from generator.facts.derive import release_view


def test_progress_newly_reported_before_the_previous_release_is_refused(small):
    line = small.replace("progress/2015-01.yaml", "  1.4:\n", "  1.4:\n    as_at: 2013-12-20\n")
    rec = small.replace(
        "progress/2015-01.yaml",
        "assessments:",
        "recommendations:\n  '1':\n    as_at: 2014-10-02\n    narrative: Under way.\nassessments:",
    )
    assert small.problems() == [
        f"content/progress/2015-01.yaml:{line + 1}: action 1.4: field 'as_at': 2013-12-20 is "
        "before 2014-10-31, the date of release 2014-10 before it: progress newly reported in "
        "release 2015-01 is written after that (mark it carried_forward if an earlier release "
        "reported it)",
        f"content/progress/2015-01.yaml:{rec + 2}: recommendation 1: field 'as_at': 2014-10-02 "
        "is before 2014-10-31, the date of release 2014-10 before it: progress newly reported "
        "in release 2015-01 is written after that (mark it carried_forward if an earlier "
        "release reported it)",
    ]


def test_a_carried_forward_entry_keeps_its_as_at(small):
    small.replace("progress/2015-01.yaml", "  1.4:\n", "  1.4:\n    carried_forward: true\n")
    small.replace("progress/2015-01.yaml", "  1.4:\n", "  1.4:\n    as_at: 2014-10-15\n")
    content = load_content(Path("content"))
    assert str(content.release("2015-01").progress["1.4"].as_at) == "2014-10-15"


def test_the_reports_own_as_at_before_the_previous_release_is_refused(small):
    small.write(
        "progress/2015-01.yaml", "as_at: 2014-01-31\n" + small.text("progress/2015-01.yaml")
    )
    assert small.problems() == [
        "content/progress/2015-01.yaml:1: field 'as_at': 2014-01-31 is before 2014-10-31, the "
        "date of release 2014-10 before it: progress newly reported in release 2015-01 is "
        "written after that"
    ]


def test_an_action_that_became_overdue_shows_in_what_changed_whatever_its_as_at(small):
    """A carried-forward entry keeps an as_at from before the previous release; its status is
    reported again at this release, so overdue is judged at its date."""
    # action 1.4 is due on 2014-10-31, the date of release 2014-10, and still on track
    small.replace(
        "progress/2015-01.yaml",
        "  1.4:\n",
        "  1.4:\n    carried_forward: true\n    as_at: 2014-08-01\n",
    )
    content = load_content(Path("content"))
    old, new = release_view(content, "2014-10"), release_view(content, "2015-01")
    action = next(a for r in new.recommendations for a in r.actions if a.action.id == "1.4")
    assert action.overdue
    diff = compare(old, new)
    assert [c.action.id for c in diff.newly_overdue] == ["1.4"]
