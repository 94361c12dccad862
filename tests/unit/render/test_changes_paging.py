"""A normal month on one page: a comparison of up to 150 changed actions is not split."""

from pathlib import Path

import pytest

from generator.content.validate import load_content
from generator.dev.synthetic import Scale, write_content
from generator.facts.compare import compare
from generator.facts.derive import release_views
from generator.render import changes
from generator.render.changes import SPLIT_ABOVE, changed_actions, split
from generator.render.pages import changes_pages


def _diff(tmp_path: Path, recommendations: int):
    root = write_content(
        tmp_path / "content", Scale(recommendations=recommendations, releases=2, kpis=2)
    )
    views = release_views(load_content(root))
    return compare(views[0], views[1])


def test_the_limit_is_150_changed_actions():
    assert SPLIT_ABOVE == 150


@pytest.mark.parametrize("baseline", [False, True])
def test_148_changed_actions_are_one_page(tmp_path, baseline):
    diff = _diff(tmp_path, 20)  # 148 actions, every one changed
    assert changed_actions(diff) == 148
    assert diff.detail_size > 200  # many more entries than actions: all on the one page
    assert split(diff, baseline) == ()
    assert [p.path for p in changes_pages(diff, baseline)] == [
        "changes/baseline.md" if baseline else "changes/index.md"
    ]


def test_more_than_150_changed_actions_are_set_out_by_group(tmp_path):
    diff = _diff(tmp_path, 21)  # 156 actions
    assert changed_actions(diff) == 156
    parts = split(diff, baseline=False)
    assert [pages[0].group.group.id for pages in parts] == ["people", "practice", "governance"]
    assert [p.path for p in changes_pages(diff, False)][:2] == [
        "changes/index.md",
        "changes/people.md",
    ]


def test_exactly_the_limit_stays_on_one_page(tmp_path, monkeypatch):
    diff = _diff(tmp_path, 20)
    monkeypatch.setattr(changes, "SPLIT_ABOVE", 148)
    assert split(diff, baseline=False) == ()
    monkeypatch.setattr(changes, "SPLIT_ABOVE", 147)
    assert split(diff, baseline=False) != ()
