"""Parsed content files are kept by the digest of their text and read back, never stale."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from generator.content.parse_cache import cache_dir
from generator.content.validate import load_content
from generator.errors import ContentError
from tests.conftest import SMALL_PLAN


def test_a_file_parsed_once_is_read_back_and_an_edit_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(tmp_path / "cache"))
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    first = load_content(content)
    kept = sorted((cache_dir() / "parsed").glob("*.pickle"))
    assert len(kept) == len(list(content.rglob("*.yaml")))
    assert load_content(content) == first  # from the kept files, the same content

    progress = content / "progress" / "2015-01.yaml"
    progress.write_text(progress.read_text().replace("checked by the board", "checked by us"))
    edited = load_content(content)
    assert "checked by us" in repr(edited.release("2015-01").progress)
    assert len(list((cache_dir() / "parsed").glob("*.pickle"))) == len(kept) + 1


def test_a_damaged_kept_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(tmp_path / "cache"))
    first = load_content(SMALL_PLAN)
    for kept in (cache_dir() / "parsed").glob("*.pickle"):
        kept.write_bytes(b"not a pickle")
    assert load_content(SMALL_PLAN) == first


def test_a_file_with_a_problem_is_not_kept_and_reported_every_time(tmp_path, monkeypatch):
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(tmp_path / "cache"))
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    kpis = content / "kpis.yaml"
    kpis.write_text(kpis.read_text() + "\nkpis: []\n")  # a duplicate key
    for _ in range(2):
        with pytest.raises(ContentError) as raised:
            load_content(content)
        assert f"{content}/kpis.yaml:" in raised.value.report()
        assert "duplicate key 'kpis' (each key may appear only once)" in raised.value.report()
    names = {p.name for p in (cache_dir() / "parsed").glob("*.pickle")}
    assert len(names) == len(list(content.rglob("*.yaml"))) - 1


class _RunsCode:
    def __reduce__(self):
        return (os.system, ("touch ran",))


def test_a_kept_file_that_would_run_code_or_make_other_objects_is_parsed_again(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    first = load_content(SMALL_PLAN)
    kept = sorted((cache_dir() / "parsed").glob("*.pickle"))
    for data in (pickle.dumps(_RunsCode()), pickle.dumps(Path("elsewhere"))):
        for path in kept:
            path.write_bytes(data)
        assert load_content(SMALL_PLAN) == first
        assert not (tmp_path / "ran").exists()
