"""The build cache: unchanged versions are copied, changed ones rebuilt, never stale."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from generator import TEMPLATES_DIR
from tests.integration.conftest import run_cli, run_process, tree_digest


def build(out: Path, *args: str, env: dict[str, str] | None = None) -> str:
    run = run_process if env and "PROGRESS_SITE_TEMPLATES" in env else run_cli
    result = run("build", "--content", "content", "--out", str(out), *args, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split(" into ")[0]


def test_only_changed_versions_are_rebuilt(small, tmp_path):
    out = tmp_path / "site"
    assert build(out) == "Built 3 releases (93 pages)"
    first = tree_digest(out)
    assert build(out) == "Built 0 releases (0 pages), 3 unchanged"
    assert tree_digest(out) == first

    small.replace("progress/2015-01.yaml", "checked by the board", "checked by the panel")
    assert build(out) == "Built 1 release (32 pages), 2 unchanged"
    assert "checked by the panel" in (out / "2015-01/recommendations/1/index.html").read_text()

    small.replace("progress/2014-06.yaml", "8.1: {status: planned}", "8.1: {status: due}")
    assert build(out) == "Built 3 releases (93 pages)"  # later versions show its history

    shutil.rmtree(out)
    assert build(out) == "Built 3 releases (93 pages)"


def test_a_new_release_builds_alone_and_old_versions_keep_their_bytes(small, tmp_path):
    out = tmp_path / "site"
    build(out)
    old = {k: v for k, v in tree_digest(out).items() if k.startswith(("2014-", "2015-"))}
    assert run_cli("new-release", "2015-04", "--date", "2015-04-30").returncode == 0
    assert build(out, "--drafts") == "Built 1 release (32 pages), 3 unchanged"
    now = tree_digest(out)
    assert {k: v for k, v in now.items() if k in old} == old
    small.replace("progress/2015-04.yaml", "status: on-track", "status: completed")
    assert build(out, "--drafts") == "Built 1 release (32 pages), 3 unchanged"
    assert build(out) == "Built 0 releases (0 pages), 3 unchanged"  # the draft left out
    assert not (out / "2015-04").exists()


def test_changing_a_template_rebuilds_every_version(small, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    env = {"PROGRESS_SITE_TEMPLATES": str(templates)}
    out = tmp_path / "site"
    assert build(out, env=env) == "Built 3 releases (93 pages)"
    assert build(out, env=env) == "Built 0 releases (0 pages), 3 unchanged"
    page = templates / "releases.md.j2"
    page.write_text(page.read_text().replace("# Releases", "# Progress reports"))
    assert build(out, env=env) == "Built 3 releases (93 pages)"
    assert "Progress reports" in (out / "2014-06/releases/index.html").read_text()


def test_parallel_and_cached_builds_match_a_fresh_serial_one(small, tmp_path):
    cached, fresh = tmp_path / "cached", tmp_path / "fresh"
    build(cached)
    small.replace("progress/2015-01.yaml", "checked by the board", "checked by the panel")
    build(cached)
    build(fresh, "--jobs", "1")
    assert tree_digest(cached) == tree_digest(fresh)


def _manifest(out: Path) -> dict:
    return json.loads((out / ".progress-site-cache.json").read_text())


def test_a_published_release_changed_after_a_cached_build_is_still_refused(small, tmp_path):
    out = tmp_path / "site"
    for release in ("2014-06", "2014-10", "2015-01"):
        assert run_cli("publish", release).returncode == 0
    build(out)
    kept = _manifest(out)["fingerprints"]
    assert sorted(kept) == ["2014-06", "2014-10", "2015-01"]
    assert all(len(key) == 64 and len(value) == 16 for key, value in kept.values())
    before = tree_digest(out)

    small.replace("progress/2014-10.yaml", "Numbers are now reported.", "Numbers are reported.")
    result = run_cli("build", "--content", "content", "--out", str(out))
    assert result.returncode == 1
    assert "release 2014-10: was published on" in result.stderr
    assert "these items now differ: action 1.4 (narrative)" in result.stderr
    assert tree_digest(out) == before


def test_kept_values_under_another_content_key_are_not_used(small, tmp_path):
    out = tmp_path / "site"
    build(out)
    manifest = _manifest(out)
    assert list(manifest) == [
        "versions",
        "fingerprints",
        "contents",
        "summaries",
        "recfeeds",
        "data",
    ]
    summary = manifest["summaries"]["2015-01"][1]
    assert summary.startswith("Since October 2014: ")
    feed_lines = json.loads(manifest["recfeeds"]["2015-01"][1])
    assert feed_lines["1"][0] == "Action 1.4: progress narrative updated."
    rec_feed = (out / "feeds/recommendations/1.xml").read_text()
    # a manifest claiming other values under a key that is not the content's is ignored
    manifest["summaries"]["2015-01"] = ["0" * 64, "Forged summary"]
    manifest["fingerprints"]["2014-06"] = ["0" * 64, "0" * 16]
    manifest["recfeeds"]["2015-01"] = ["0" * 64, json.dumps({"1": ["Forged line."]})]
    (out / ".progress-site-cache.json").write_text(json.dumps(manifest))
    assert build(out) == "Built 0 releases (0 pages), 3 unchanged"
    feed = (out / "feed.xml").read_text()
    assert "Forged summary" not in feed and summary in feed
    assert _manifest(out)["fingerprints"]["2014-06"][1] != "0" * 16
    assert (out / "feeds/recommendations/1.xml").read_text() == rec_feed
    # and kept values under the content's own key are used, not worked out again
    manifest = _manifest(out)
    key = manifest["recfeeds"]["2015-01"][0]
    manifest["recfeeds"]["2015-01"] = [key, json.dumps({"1": ["Kept line."]})]
    (out / ".progress-site-cache.json").write_text(json.dumps(manifest))
    assert build(out) == "Built 0 releases (0 pages), 3 unchanged"
    assert "Kept line." in (out / "feeds/recommendations/1.xml").read_text()


def test_builds_one_after_another_never_wait_for_the_previous_output_to_go(small, tmp_path):
    out = tmp_path / "site"
    build(out)
    for _ in range(3):
        small.replace("releases.yaml", "title: January 2015", "title: January 2015.")
        assert build(out) == "Built 1 release (32 pages), 2 unchanged"
    deadline = time.monotonic() + 20
    while list(tmp_path.glob(".site.old-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(tmp_path.glob(".site.old-*"))  # removed in the background
    assert not list(tmp_path.glob(".site.build-*"))


def test_kept_versions_are_linked_in_once_the_new_versions_pages_are_rendered(
    small, tmp_path, monkeypatch
):
    """Rendering takes every idle core, the engine one: linking the kept versions into the
    new output waits for the pages, so that it runs beside the engine, not the rendering."""
    from generator.site import build as site_build

    out = tmp_path / "site"
    build(out)
    seen: list[tuple[bool, list[str]]] = []
    linked = site_build.reuse

    def reuse(out_dir: Path, release_ids: list[str], site_dir: Path) -> None:
        seen.append((site_build._SHARED["rendered"].is_set(), list(release_ids)))
        linked(out_dir, release_ids, site_dir)

    monkeypatch.setattr(site_build, "reuse", reuse)
    small.replace("progress/2015-01.yaml", "checked by the board", "checked by the panel")
    assert build(out) == "Built 1 release (32 pages), 2 unchanged"
    assert seen == [(True, ["2014-06", "2014-10"])]
    assert "checked by the panel" in (out / "2015-01/recommendations/1/index.html").read_text()
    assert (out / "2014-06/index.html").is_file()
