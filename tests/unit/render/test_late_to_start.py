"""Late to start: past an action's planned start and still not started, judged like overdue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.content.model import Meaning, StatusDef
from generator.content.validate import load_content
from generator.facts.compare import compare
from generator.facts.derive import is_late_to_start, release_view
from generator.render.comparison import diff_json, diff_releases
from tests.conftest import ContentCopy

PLANNED = StatusDef(id="planned", label="Planned", meaning=Meaning.NOT_STARTED)
ON_TRACK = StatusDef(id="on-track", label="On track", meaning=Meaning.IN_PROGRESS)
UNKNOWN = StatusDef(id="not-reported", label="Not reported", meaning=Meaning.NOT_REPORTED)


def _start(small: ContentCopy, action: str, start: str) -> None:
    small.replace("plan.yaml", f"- id: {action}\n", f"- id: {action}\n        start: {start}\n")


def _views(small: ContentCopy, release: str):
    return release_view(load_content(Path("content")), release)


def _action(view, action_id: str):
    return next(a for r in view.recommendations for a in r.actions if a.action.id == action_id)


def test_late_to_start_needs_a_passed_start_and_a_status_meaning_not_started():
    today = date(2014, 6, 30)
    assert is_late_to_start(date(2014, 6, 29), today, PLANNED)
    assert not is_late_to_start(date(2014, 6, 30), today, PLANNED)  # starting today is not late
    assert not is_late_to_start(date(2014, 7, 1), today, PLANNED)
    assert not is_late_to_start(date(2014, 6, 1), today, ON_TRACK)
    assert not is_late_to_start(date(2014, 6, 1), today, UNKNOWN)  # no status, no judgement
    assert not is_late_to_start(None, today, PLANNED)


def test_an_action_past_its_start_and_planned_is_late_to_start_but_not_overdue(small):
    _start(small, "1.4", "2014-06-01")
    june = _views(small, "2014-06")
    action = _action(june, "1.4")
    assert action.late_to_start and not action.overdue
    assert [a.action.id for a in june.late_to_start] == ["1.4"]
    assert june.counts.late_to_start == 1 and june.counts.overdue == 0
    group = next(g for g in june.groups if g.group.id == "aip-1")
    assert group.counts.late_to_start == 1
    assert _action(_views(small, "2014-10"), "1.4").late_to_start is False  # on track by then


def test_every_status_meaning_not_started_counts(small):
    _start(small, "1.4", "2014-06-01")
    small.replace("progress/2014-06.yaml", "1.4: {status: planned}", "1.4: {status: due}")
    assert _action(_views(small, "2014-06"), "1.4").late_to_start


def test_a_start_on_the_release_date_is_not_late(small):
    _start(small, "1.4", "2014-06-30")
    assert not _action(_views(small, "2014-06"), "1.4").late_to_start


def test_late_to_start_is_judged_at_the_progress_as_at_date(small):
    _start(small, "1.4", "2014-06-20")
    assert _action(_views(small, "2014-06"), "1.4").late_to_start
    small.replace(
        "progress/2014-06.yaml",
        "1.4: {status: planned}",
        "1.4: {status: planned, as_at: 2014-06-15}",
    )
    assert not _action(_views(small, "2014-06"), "1.4").late_to_start
    small.replace("progress/2014-06.yaml", "actions:", "as_at: 2014-06-10\nactions:")
    small.replace("progress/2014-06.yaml", ", as_at: 2014-06-15}", "}")
    assert not _action(_views(small, "2014-06"), "1.4").late_to_start  # the report's as_at


def test_an_action_not_reported_is_never_late_to_start(small):
    _start(small, "13.2", "2014-09-01")
    view = _views(small, "2015-01")
    assert _action(view, "13.2").status.meaning is Meaning.NOT_REPORTED
    assert not _action(view, "13.2").late_to_start


def test_a_plan_without_start_dates_says_so(small):
    view = _views(small, "2014-06")
    assert not view.has_start_dates and view.has_due_dates
    _start(small, "1.4", "2014-06-01")
    assert _views(small, "2014-06").has_start_dates


def test_a_start_after_the_due_date_is_refused(small):
    line = small.line_of("plan.yaml", "- id: 1.4")
    _start(small, "1.4", "2014-11-30")
    assert small.problems() == [
        f"content/plan.yaml:{line + 1}: action 1.4: starts on 2014-11-30, after it is due "
        "(2014-10-31); check the two dates"
    ]


def test_diff_json_reports_newly_late_to_start(small):
    _start(small, "1.4", "2014-06-01")
    _start(small, "8.1", "2014-10-01")
    small.replace(
        "progress/2014-10.yaml", "  8.1:\n    status: on-track", "  8.1:\n    status: due"
    )
    content = load_content(Path("content"))
    data = diff_json(diff_releases(content, "2014-06", "2014-10"))
    assert data["summary"]["newly_late_to_start"] == 1
    by_id = {a["id"]: a for a in data["actions"]}
    assert by_id["8.1"]["late_to_start"] == {"from": False, "to": True}
    assert by_id["8.1"]["newly_late_to_start"] is True
    assert by_id["8.1"]["start"] == "2014-10-01"
    assert by_id["1.4"]["late_to_start"] == {"from": True, "to": False}
    assert by_id["1.2"]["late_to_start"] == {"from": False, "to": False}
    assert by_id["1.2"]["start"] is None and by_id["1.2"]["title"] is None
    assert data["summary"]["newly_overdue"] == 0  # late to start is never counted as overdue
    back = compare(release_view(content, "2014-10"), release_view(content, "2014-06"))
    assert [c.action.id for c in back.newly_late_to_start] == ["1.4"]


def test_diff_json_names_an_action_by_its_title(small):
    small.replace(
        "plan.yaml", "- id: 1.2\n", "- id: 1.2\n        title: '**Protection strategy.**'\n"
    )
    data = diff_json(diff_releases(load_content(Path("content")), "2014-06", "2014-10"))
    assert {a["id"]: a["title"] for a in data["actions"]}["1.2"] == "**Protection strategy.**"


def test_diff_markdown_lists_the_actions_newly_late_to_start_by_title(small):
    from generator.render.comparison import format_diff

    _start(small, "8.1", "2014-10-01")
    small.replace("plan.yaml", "- id: 8.1\n", "- id: 8.1\n        title: Representation plan\n")
    small.replace(
        "progress/2014-10.yaml", "  8.1:\n    status: on-track", "  8.1:\n    status: due"
    )
    text = format_diff(diff_releases(load_content(Path("content")), "2014-06", "2014-10"), "md")
    assert "- **Newly late to start:** 1 action\n" in text
    section = text[text.index("## Newly late to start") :]
    assert section.startswith(
        "## Newly late to start\n\nThese actions are past their planned start and have not "
        "started, and were not late to start in June 2014.\n\n"
        "- **[Action 8.1: Representation plan]"
    )


def test_diff_markdown_of_a_plan_without_dates_says_nothing_of_overdue_or_late(small):
    from generator.render.comparison import format_diff

    text = small.text("plan.yaml")
    small.write("plan.yaml", "\n".join(x for x in text.splitlines() if "due: " not in x) + "\n")
    out = format_diff(diff_releases(load_content(Path("content")), "2014-06", "2014-10"), "md")
    assert "overdue" not in out.lower() and "late to start" not in out.lower()
