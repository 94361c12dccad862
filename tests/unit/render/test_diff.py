from pathlib import Path

import pytest

from generator.content.model import Meaning, StatusDef
from generator.content.validate import load_content
from generator.facts.compare import Move, compare, status_history, status_move
from generator.facts.derive import Direction, State, release_view, release_views
from tests.conftest import SMALL_PLAN


def diff_of(old: str, new: str, content_dir: Path = SMALL_PLAN):
    content = load_content(content_dir)
    return compare(release_view(content, old), release_view(content, new))


def by_id(diff):
    return {c.action.id: c for c in diff.actions}


def status(meaning: Meaning) -> StatusDef:
    return StatusDef(id=meaning.value, label=meaning.value, meaning=meaning)


@pytest.mark.parametrize(
    ("old", "new", "move"),
    [
        (Meaning.NOT_STARTED, Meaning.IN_PROGRESS, Move.IMPROVED),
        (Meaning.IN_PROGRESS, Meaning.COMPLETE, Move.IMPROVED),
        (Meaning.OFF_TRACK, Meaning.AT_RISK, Move.IMPROVED),
        (Meaning.AT_RISK, Meaning.IN_PROGRESS, Move.IMPROVED),
        (Meaning.IN_PROGRESS, Meaning.AT_RISK, Move.WORSENED),
        (Meaning.COMPLETE, Meaning.IN_PROGRESS, Move.WORSENED),
        (Meaning.NOT_STARTED, Meaning.OFF_TRACK, Move.WORSENED),
        (Meaning.IN_PROGRESS, Meaning.NOT_REPORTED, Move.NOT_RATED),
        (Meaning.NOT_REPORTED, Meaning.COMPLETE, Move.NOT_RATED),
        (Meaning.COMPLETE, Meaning.COMPLETE, Move.UNCHANGED),
    ],
)
def test_status_moves_follow_meanings(old, new, move):
    assert status_move(status(old), status(new)) is move


def test_two_words_with_the_same_meaning_are_another_change():
    green = StatusDef(id="green", label="Green", meaning=Meaning.IN_PROGRESS)
    on_track = StatusDef(id="on-track", label="On track", meaning=Meaning.IN_PROGRESS)
    assert status_move(green, on_track) is Move.OTHER


def test_consecutive_releases():
    diff = diff_of("2014-10", "2015-01")
    assert [c.action.id for c in diff.moved(Move.IMPROVED)] == ["8.1"]
    assert [c.action.id for c in diff.moved(Move.WORSENED)] == []
    assert diff.moved(Move.OTHER) == ()
    # a rating that was not given is not a change of status: it is counted apart
    assert [(c.action.id, c.status_to.id) for c in diff.not_rated] == [("13.2", "not-reported")]
    assert [c.action.id for c in diff.status_changes] == ["8.1"]
    assert diff.rated_again == ()
    assert by_id(diff)["13.2"].changed
    assert [c.action.id for c in diff.newly_overdue] == ["1.4"]
    assert [c.action.id for c in diff.narrative_changes] == ["1.4", "8.1"]
    assert not by_id(diff)["1.2"].narrative_changed  # same words, wrapped differently
    assert diff.added == ()
    [removed] = diff.removed
    assert (removed.kind, removed.id, removed.state) == ("action", "1.6", State.WITHDRAWN)
    assert removed.withdrawal.reason == "Repetition of action 1.4 and has been removed."
    assert removed.release == "2015-01"


def test_rated_again_is_the_reverse_of_not_rated():
    diff = diff_of("2015-01", "2014-10")
    assert [(c.action.id, c.status_from.id) for c in diff.rated_again] == [("13.2", "not-reported")]
    assert diff.not_rated == ()
    assert by_id(diff)["13.2"].move is Move.NOT_RATED
    assert not by_id(diff)["13.2"].status_changed


def test_kpi_moves_read_through_polarity():
    kpis = {k.kpi.id: k for k in diff_of("2014-10", "2015-01").kpis}
    members, neet = kpis["cicc-members"], kpis["neet"]
    assert (members.value_from.value, members.value_to.value, members.change) == (9, 12, 3)
    assert members.direction is Direction.IMPROVING  # higher is better, and it rose
    assert (neet.value_from.value, neet.value_to.value, neet.change) == (28, 30, 2)
    assert neet.direction is Direction.WORSENING  # lower is better, and it rose


def test_neutral_kpi_moves_up_or_down(small):
    small.replace("kpis.yaml", "polarity: lower", "polarity: neutral")
    kpis = {k.kpi.id: k for k in diff_of("2014-10", "2015-01", Path("content")).kpis}
    assert kpis["neet"].direction is Direction.UP


def test_merges_and_additions():
    diff = diff_of("2014-06", "2014-10")
    assert [(p.kind, p.id) for p in diff.added] == [("recommendation", "13/14"), ("action", "13.2")]
    removed = {p.id: p for p in diff.removed}
    assert sorted(removed) == ["13", "14"]  # 13.1 left with its recommendation: not repeated
    assert removed["13"].state is State.MERGED
    assert removed["13"].withdrawal.merged_into == "13/14"
    assert removed["13"].withdrawal.reason == "Combined with recommendation 14."


def test_any_two_releases_in_either_order():
    forward = diff_of("2014-06", "2015-01")
    assert [c.action.id for c in forward.moved(Move.IMPROVED)] == ["1.2", "1.4", "8.1"]
    assert {k.kpi.id: k.direction for k in forward.kpis} == {
        "cicc-members": Direction.IMPROVING,
        "neet": Direction.IMPROVING,
    }
    backward = diff_of("2015-01", "2014-06")
    assert [c.action.id for c in backward.moved(Move.WORSENED)] == ["1.2", "1.4", "8.1"]
    assert {k.kpi.id: k.direction for k in backward.kpis} == {
        "cicc-members": Direction.WORSENING,
        "neet": Direction.WORSENING,
    }
    assert ("recommendation", "13/14") in [(p.kind, p.id) for p in backward.removed]


def test_worsened_and_no_longer_overdue(small):
    small.replace(
        "site.yaml",
        "  - {id: planned",
        "  - {id: red, label: Red, meaning: off-track}\n  - {id: planned",
    )
    for action, was in (("1.4", "on-track"), ("8.1", "in-place")):
        small.replace(
            "progress/2015-01.yaml", f"{action}:\n    status: {was}", f"{action}:\n    status: red"
        )
    content = load_content(Path("content"))
    diff = compare(release_view(content, "2014-10"), release_view(content, "2015-01"))
    assert [c.action.id for c in diff.moved(Move.WORSENED)] == ["1.4", "8.1"]
    assert [c.action.id for c in diff.newly_overdue] == ["1.4", "8.1"]
    later = compare(release_view(content, "2015-01"), release_view(content, "2014-10"))
    assert [c.action.id for c in later.no_longer_overdue] == ["1.4", "8.1"]


def test_status_history_runs_repeats_together():
    history = status_history(release_views(load_content(SMALL_PLAN)))
    spans = [
        (s.status.id if s.status else s.state.value, [r.id for r in s.releases])
        for s in history["1.2"]
    ]
    assert spans == [("planned", ["2014-06"]), ("completed", ["2014-10", "2015-01"])]
    assert [(s.state, s.first.id, s.last.id) for s in history["1.6"]] == [
        (State.ACTIVE, "2014-06", "2014-10"),
        (State.WITHDRAWN, "2015-01", "2015-01"),
    ]
    assert [s.first.id for s in history["13.2"]] == ["2014-10", "2015-01"]


def test_a_comparison_within_some_recommendations_keeps_only_theirs():
    diff = diff_of("2014-10", "2015-01")
    part = diff.within(frozenset({"1"}))
    assert {c.action.id for c in part.actions} == {
        c.action.id for c in diff.actions if c.action.recommendation == "1"
    }
    assert part.kpis == () and diff.kpis != ()
    assert [p.id for p in part.removed] == ["1.6"]  # withdrawn in 2015-01
    assert [p.id for p in diff.within(frozenset({"8"})).removed] == []
    assert part.detail_size < diff.detail_size


def test_a_long_comparison_is_split_by_group(tmp_path):
    from generator.dev.synthetic import Scale, write_content
    from generator.render.changes import SPLIT_ABOVE, changed_actions, split

    content = load_content(
        write_content(tmp_path / "content", Scale(recommendations=24, releases=2, kpis=2))
    )
    views = release_views(content)
    diff = compare(views[0], views[1])
    assert changed_actions(diff) > SPLIT_ABOVE
    parts = [pages[0] for pages in split(diff, baseline=False)]
    assert [p.group.group.id for p in parts] == [g.group.id for g in views[1].groups]
    # every entry of the whole comparison is in the part of each group its recommendation is in
    listed = {c.action.id for p in parts for c in p.whole.status_changes}
    assert listed == {c.action.id for c in diff.status_changes} != set()
    for part in parts:
        ours = {r.recommendation.id for r in part.group.recommendations}
        assert {c.action.recommendation for c in part.whole.actions} <= ours
    assert split(diff_of("2014-10", "2015-01"), baseline=True) == ()  # short: one page


def test_a_long_part_continues_on_pages_of_whole_recommendations(tmp_path):
    from generator.dev.synthetic import Scale, write_content
    from generator.render.changes import PAGE_ENTRIES, split
    from generator.render.urls import page_path

    content = load_content(
        write_content(tmp_path / "content", Scale(recommendations=60, releases=2, kpis=2))
    )
    views = release_views(content)
    diff = compare(views[0], views[1])
    for pages in split(diff, baseline=True):
        group = pages[0].group
        assert len(pages) > 1
        assert [r for p in pages for r in p.recommendations] == [
            r.recommendation.id for r in group.recommendations
        ]
        for page in pages:
            assert page.diff.detail_size <= PAGE_ENTRIES or len(page.recommendations) == 1
            assert page.whole is pages[0].whole
        listed = [c.action.id for p in pages for c in p.diff.narrative_changes]
        assert listed == [c.action.id for c in pages[0].whole.narrative_changes]
        gid = group.group.id
        assert [page_path(p) for p in pages[:2]] == [
            f"changes/baseline/{gid}.md",
            f"changes/baseline/{gid}/2.md",
        ]


def test_a_part_of_a_comparison_keeps_only_its_recommendations_narratives():
    from tests.conftest import REAL_PLAN

    diff = diff_of("2014-07", "2014-10", REAL_PLAN)
    assert len(diff.recommendation_narrative_changes) > 1
    part = diff.within(frozenset({"1"}))
    assert [r.recommendation.id for r in part.recommendations] == ["1"]
    assert part.detail_size == diff.within(frozenset({"1"})).detail_size > 0
