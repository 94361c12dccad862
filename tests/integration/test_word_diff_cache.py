"""Word diffs kept between builds: a site built with them is byte-identical to one without."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

from tests.integration.conftest import run_cli, tree_digest


def _build(out: Path, cache: Path) -> dict[str, str]:
    result = run_cli(
        "build", "--content", "content", "--out", str(out), env={"PROGRESS_SITE_CACHE": str(cache)}
    )
    assert result.returncode == 0, result.stderr
    return tree_digest(out)


def _kept(cache: Path) -> int:
    """The diffs kept in every version's store."""
    total = 0
    for store in (cache / "word-diffs").glob("version-*.pickle"):
        entries = pickle.loads(store.read_bytes())
        assert isinstance(entries, dict)
        total += len(entries)
    return total


def test_kept_word_diffs_build_the_same_bytes(small, tmp_path):
    cache = tmp_path / "cache"
    cold = _build(tmp_path / "cold", cache)
    kept = _kept(cache)
    assert kept > 0
    assert not list((cache / "word-diffs").glob("made-*"))

    warm = _build(tmp_path / "warm", cache)
    assert _kept(cache) == kept  # every diff came from the cache
    assert warm == cold

    damaged = tmp_path / "damaged"
    shutil.copytree(cache, damaged)
    for store in (damaged / "word-diffs").glob("version-*.pickle"):
        store.write_bytes(b"\x80\x05garbage")
    assert _build(tmp_path / "after-damage", damaged) == cold
    assert _kept(damaged) == kept

    small.replace("progress/2015-01.yaml", "checked by the board", "checked by the panel")
    changed = _build(tmp_path / "warm", cache)
    assert _kept(cache) == kept  # the new diff in place of the old one
    assert _build(tmp_path / "changed-cold", tmp_path / "fresh-cache") == changed
