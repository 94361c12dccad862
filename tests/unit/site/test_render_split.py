"""A version's pages shared out between processes: the same Markdown, the same word diffs
kept, and a failure in any share fails the version."""

from __future__ import annotations

import filecmp
import os
import pickle
from pathlib import Path

import pytest

from generator.content.validate import load_content
from generator.facts import diff_cache
from generator.facts.derive import release_views
from generator.render.pages import render_release
from generator.render.template import compiled_environment
from generator.site import render_split
from generator.site.render_split import render_version, shares
from tests.conftest import SMALL_PLAN


@pytest.fixture(scope="module")
def views():
    return list(release_views(load_content(SMALL_PLAN)))


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("cores", "versions", "expected"),
    [
        (2, 1, 2),
        (2, 2, 1),
        (2, 5, 1),
        (1, 1, 1),
        (8, 1, 4),
        (8, 2, 4),
        (8, 3, 2),
        (2, 0, 1),
    ],
)
def test_a_version_is_shared_among_the_cores_left_idle(cores, versions, expected, monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert shares(cores, versions) == expected


def test_no_more_shares_than_the_machine_has_cores(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert shares(8, 1) == 2  # --jobs 8 on two cores
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert shares(8, 1) == 1


@pytest.mark.parametrize("split", [2, 3])
def test_shared_out_the_pages_are_the_markdown_one_process_writes(views, tmp_path, split):
    env = compiled_environment()
    view, earlier = views[-1], views[:-1]
    one = render_release(view, tmp_path / "one", env, earlier)
    shared = render_version(view, tmp_path / "shared", env, earlier, split)
    assert shared == one
    assert len(one) > 20
    assert _tree(tmp_path / "shared") == _tree(tmp_path / "one")
    assert not filecmp.dircmp(tmp_path / "one", tmp_path / "shared").diff_files


def test_the_word_diffs_of_every_share_are_kept(views, tmp_path, monkeypatch):
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(tmp_path / "cache"))
    env = compiled_environment()
    view, earlier = views[-1], views[:-1]
    stored = []
    for split, docs in ((1, "one"), (3, "shared")):
        diff_cache.forget()
        for old in (tmp_path / "cache" / "word-diffs").glob("*"):
            old.unlink()
        diff_cache.use(view.release.id, earlier[-1].release.id)
        render_version(view, tmp_path / docs, env, earlier, split)
        diff_cache.merge()
        store = tmp_path / "cache" / "word-diffs" / diff_cache.store_name(view.release.id)
        stored.append(set(pickle.loads(store.read_bytes())))
    diff_cache.forget()
    assert stored[0]  # the release's pages show word diffs
    assert stored[1] == stored[0]


def test_a_share_that_fails_fails_the_version_with_its_error(views, tmp_path, monkeypatch):
    parent = os.getpid()
    real = render_split.write_pages

    def fail_in_a_child(view, docs, env, listed):
        if os.getpid() != parent:
            raise ValueError("a page could not be rendered")
        return real(view, docs, env, listed)

    monkeypatch.setattr(render_split, "write_pages", fail_in_a_child)
    with pytest.raises(ValueError, match="a page could not be rendered"):
        render_version(views[-1], tmp_path, compiled_environment(), views[:-1], 2)
