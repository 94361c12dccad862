"""The build cache: unchanged versions are copied, changed ones rebuilt, never stale."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import TEMPLATES_DIR
from tests.integration.conftest import run_cli, tree_digest


def build(out: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = run_cli("build", "--content", "content", "--out", str(out), *args, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split(" into ")[0]


def test_only_changed_versions_are_rebuilt(small, tmp_path):
    out = tmp_path / "site"
    assert build(out) == "Built 3 releases (90 pages)"
    first = tree_digest(out)
    assert build(out) == "Built 0 releases (0 pages), 3 unchanged"
    assert tree_digest(out) == first

    small.replace("progress/2015-01.yaml", "checked by the board", "checked by the panel")
    assert build(out) == "Built 1 release (31 pages), 2 unchanged"
    assert "checked by the panel" in (out / "2015-01/recommendations/1/index.html").read_text()

    small.replace("progress/2014-06.yaml", "8.1: {status: planned}", "8.1: {status: due}")
    assert build(out) == "Built 3 releases (90 pages)"  # later versions show its history

    shutil.rmtree(out)
    assert build(out) == "Built 3 releases (90 pages)"


def test_a_new_release_builds_alone_and_old_versions_keep_their_bytes(small, tmp_path):
    out = tmp_path / "site"
    build(out)
    old = {k: v for k, v in tree_digest(out).items() if k.startswith(("2014-", "2015-"))}
    assert run_cli("new-release", "2015-04", "--date", "2015-04-30").returncode == 0
    assert build(out, "--drafts") == "Built 1 release (31 pages), 3 unchanged"
    now = tree_digest(out)
    assert {k: v for k, v in now.items() if k in old} == old
    small.replace("progress/2015-04.yaml", "status: on-track", "status: completed")
    assert build(out, "--drafts") == "Built 1 release (31 pages), 3 unchanged"
    assert build(out) == "Built 0 releases (0 pages), 3 unchanged"  # the draft left out
    assert not (out / "2015-04").exists()


def test_changing_a_template_rebuilds_every_version(small, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    env = {"PROGRESS_SITE_TEMPLATES": str(templates)}
    out = tmp_path / "site"
    assert build(out, env=env) == "Built 3 releases (90 pages)"
    assert build(out, env=env) == "Built 0 releases (0 pages), 3 unchanged"
    page = templates / "releases.md.j2"
    page.write_text(page.read_text().replace("# Releases", "# Progress reports"))
    assert build(out, env=env) == "Built 3 releases (90 pages)"
    assert "Progress reports" in (out / "2014-06/releases/index.html").read_text()


def test_parallel_and_cached_builds_match_a_fresh_serial_one(small, tmp_path):
    cached, fresh = tmp_path / "cached", tmp_path / "fresh"
    build(cached)
    small.replace("progress/2015-01.yaml", "checked by the board", "checked by the panel")
    build(cached)
    build(fresh, "--jobs", "1")
    assert tree_digest(cached) == tree_digest(fresh)
