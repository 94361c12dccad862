from datetime import date

import pytest

from generator.content.model import Lifecycle, Meaning, Polarity, StatusDef, Withdrawal
from generator.content.validate import load_content
from generator.facts.derive import (
    Direction,
    State,
    direction_of,
    is_overdue,
    release_view,
    state_at,
)
from tests.conftest import SMALL_PLAN

ON_TRACK = StatusDef(id="on-track", label="On track", meaning=Meaning.IN_PROGRESS)
DONE = StatusDef(id="done", label="Completed", meaning=Meaning.COMPLETE)
UNKNOWN = StatusDef(id="not-reported", label="Not reported", meaning=Meaning.NOT_REPORTED)


@pytest.fixture(scope="module")
def content():
    return load_content(SMALL_PLAN)


@pytest.mark.parametrize(
    ("previous", "latest", "polarity", "expected"),
    [
        (10, 12, Polarity.HIGHER, Direction.IMPROVING),
        (12, 10, Polarity.HIGHER, Direction.WORSENING),
        (12, 10, Polarity.LOWER, Direction.IMPROVING),
        (10, 12, Polarity.LOWER, Direction.WORSENING),
        (10, 10, Polarity.LOWER, Direction.NO_CHANGE),
        (10, 12, Polarity.NEUTRAL, Direction.UP),
        (12, 10, Polarity.NEUTRAL, Direction.DOWN),
        (None, 10, Polarity.HIGHER, Direction.UNKNOWN),
        (None, None, Polarity.LOWER, Direction.UNKNOWN),
    ],
)
def test_direction_of_travel(previous, latest, polarity, expected):
    assert direction_of(previous, latest, polarity) is expected


def test_overdue_needs_a_passed_due_date_and_an_unfinished_known_status():
    as_of = date(2015, 1, 31)
    assert is_overdue(date(2014, 10, 31), as_of, ON_TRACK)
    assert not is_overdue(date(2014, 10, 31), as_of, DONE)
    assert not is_overdue(date(2014, 10, 31), as_of, UNKNOWN)
    assert not is_overdue(date(2015, 1, 31), as_of, ON_TRACK)  # due today is not late
    assert not is_overdue(None, as_of, ON_TRACK)


def test_state_at_follows_added_and_withdrawn():
    ids = ["a", "b", "c"]
    life = Lifecycle(added="b", withdrawn=Withdrawal(release="c", reason="gone"))
    assert [state_at(life, i, ids) for i in range(3)] == [None, State.ACTIVE, State.WITHDRAWN]
    merged = Lifecycle(withdrawn=Withdrawal(release="b", reason="joined", merged_into="x"))
    assert state_at(merged, 1, ids) is State.MERGED


def test_release_snapshot_overdue_and_counts(content):
    october = release_view(content, "2014-10")
    january = release_view(content, "2015-01")
    assert [a.action.id for a in october.overdue] == []
    assert [a.action.id for a in january.overdue] == ["1.4"]
    counts = {c.status.id: c.count for c in january.counts.by_status}
    assert counts == {
        "completed": 1,
        "in-place": 1,
        "on-track": 1,
        "planned": 0,
        "due": 0,
        "not-reported": 1,
    }
    assert january.counts.total == 4 and january.counts.overdue == 1
    assert january.counts.of(Meaning.COMPLETE) == 2


def test_group_counts_follow_many_to_many_membership(content):
    view = release_view(content, "2015-01")
    groups = {g.group.id: g for g in view.groups}
    assert [r.recommendation.id for r in groups["aip-9"].recommendations] == [
        "8",
        "13",
        "14",
        "13/14",
    ]
    # merged recommendations 13 and 14 no longer count; 8.1 and 13.2 do
    assert groups["aip-9"].counts.total == 2
    assert groups["aip-8"].counts.total == 1


def test_plan_changes_between_releases(content):
    june = release_view(content, "2014-06")
    october = release_view(content, "2014-10")
    assert "13/14" not in [r.recommendation.id for r in june.recommendations]
    recs = {r.recommendation.id: r for r in october.recommendations}
    assert recs["13/14"].new and recs["13/14"].state is State.ACTIVE
    assert recs["13"].state is State.MERGED
    assert recs["13"].withdrawal.merged_into == "13/14"
    inherited = recs["13"].actions[0]
    assert inherited.state is State.MERGED and inherited.inherited and inherited.status is None
    january = {r.recommendation.id: r for r in release_view(content, "2015-01").recommendations}
    withdrawn = next(a for a in january["1"].actions if a.action.id == "1.6")
    assert withdrawn.state is State.WITHDRAWN and not withdrawn.inherited
    assert withdrawn.withdrawal.reason == "Repetition of action 1.4 and has been removed."


def test_missing_progress_is_not_reported_and_never_overdue(content):
    june = release_view(content, "2014-06")
    action = next(a for r in june.recommendations for a in r.actions if a.action.id == "13.1")
    assert action.status.meaning is Meaning.NOT_REPORTED
    assert not action.overdue


def test_kpi_snapshot_only_uses_values_up_to_the_release_date(content):
    june = {k.kpi.id: k for k in release_view(content, "2014-06").kpis}
    october = {k.kpi.id: k for k in release_view(content, "2014-10").kpis}
    assert [p.value for p in june["cicc-members"].values] == [7]
    assert june["cicc-members"].direction is Direction.UNKNOWN
    assert october["cicc-members"].change == 2
    assert october["cicc-members"].direction is Direction.IMPROVING
    assert october["neet"].change == -6
    assert october["neet"].direction is Direction.IMPROVING
    assert [a.action.id for a in october["cicc-members"].actions] == ["8.1"]


def test_history_is_newest_first_and_stops_at_the_release(content):
    view = release_view(content, "2014-10")
    assert [r.id for r in view.history] == ["2014-10", "2014-06"]
    assert view.previous.id == "2014-06"


def test_release_keys_change_from_the_edited_release_on_and_never_before():
    from dataclasses import replace

    from generator.facts.keys import release_keys

    content = load_content(SMALL_PLAN)
    keys = release_keys(content, "code")
    assert list(keys) == [r.id for r in content.releases]
    assert release_keys(content, "code") == keys
    assert set(release_keys(content, "other code").values()).isdisjoint(keys.values())
    edited = replace(
        content,
        releases=(
            *content.releases[:1],
            content.releases[1].model_copy(update={"title": "Renamed"}),
            *content.releases[2:],
        ),
    )
    after = release_keys(edited, "code")
    ids = list(keys)
    assert after[ids[0]] == keys[ids[0]]
    assert all(after[i] != keys[i] for i in ids[1:])
    fewer_kpis = replace(content, kpis=content.kpis[:1])
    assert all(release_keys(fewer_kpis, "code")[i] != keys[i] for i in ids)
