"""build --out replaces only what progress-site built, keeps a gh-pages checkout's files, and
lets one build at a time write an output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import run_cli, tree_digest


def build(content, out):
    return run_cli("build", "--content", str(content), "--out", str(out))


def test_a_mike_tree_and_a_foreign_directory_are_refused_and_left_untouched(tmp_path):
    mike = tmp_path / "gh-pages"
    (mike / "1.0").mkdir(parents=True)
    (mike / "versions.json").write_text('[{"version": "1.0", "title": "1.0", "aliases": []}]')
    (mike / "1.0" / "index.html").write_text("<p>docs</p>")
    (mike / ".git").mkdir()
    (mike / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    for out in (mike, foreign):
        before = tree_digest(out)
        result = build(SMALL_PLAN, out)
        assert result.returncode == 1
        assert result.stderr == (
            f"Error: refusing to replace {out}: it is not empty and was not built by "
            "progress-site (no .progress-site-cache.json). Choose another --out directory.\n"
        )
        assert tree_digest(out) == before
    assert not list(tmp_path.glob(".*.build-*"))


def test_git_cname_and_nojekyll_are_carried_over_not_deleted(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / ".git" / "objects").mkdir(parents=True)  # a fresh gh-pages checkout counts as empty
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (out / ".git" / "objects" / "ab").write_bytes(b"\x00object")
    (out / "CNAME").write_text("plan.example.gov.uk\n")
    assert build(SMALL_PLAN, out).returncode == 0
    (out / ".nojekyll").touch()
    kept = {name: (out / name).stat().st_ino for name in (".git", "CNAME", ".nojekyll")}
    git = tree_digest(out / ".git")

    changed = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, changed)
    releases = changed / "releases.yaml"
    releases.write_text(releases.read_text().replace("title: June 2014", "title: Jun 2014"))
    result = build(changed, out)
    assert result.returncode == 0, result.stderr
    assert "Jun 2014" in (out / "versions.json").read_text()
    assert {name: (out / name).stat().st_ino for name in kept} == kept  # moved, not copied
    assert tree_digest(out / ".git") == git
    assert (out / "CNAME").read_text() == "plan.example.gov.uk\n"
    assert not list(tmp_path.glob(".site.build-*"))


def test_a_symlinked_output_is_built_where_it_points_and_stays_a_link(tmp_path):
    real = tmp_path / "www" / "plan"
    real.mkdir(parents=True)
    link = tmp_path / "site"
    link.symlink_to(real)
    for _ in range(2):  # the first build and a rebuild over it
        result = build(SMALL_PLAN, link)
        assert result.returncode == 0, result.stderr
        assert link.is_symlink() and os.readlink(link) == str(real)
        assert (real / "2015-01" / "index.html").is_file()
    # the replaced output is removed by a detached process meanwhile: os.walk skips what goes
    scratch = [d for _, dirs, _ in os.walk(tmp_path) for d in dirs if ".build-" in d]
    assert scratch == []
    dangling = tmp_path / "gone"
    dangling.symlink_to(tmp_path / "nowhere")
    result = build(SMALL_PLAN, dangling)
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: refusing to build into {dangling}: it is a link to {tmp_path / 'nowhere'}, "
        "which does not exist. Choose another --out.\n"
    )
    assert not (tmp_path / "nowhere").exists()


def test_places_that_are_never_replaced_are_refused(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    (tmp_path / "notes.txt").write_text("keep me")
    before = tree_digest(tmp_path)
    cases = {
        "/": "it is the root directory",
        "content": "it is the content directory",
        ".": "it contains the content directory content",
        str(tmp_path.parent): "it contains the content directory content",
        "content/site": "it is inside the content directory content",
    }
    for out, reason in cases.items():
        result = run_cli("build", "--content", "content", "--out", out, cwd=tmp_path)
        assert result.returncode == 1, out
        assert (
            result.stderr
            == f"Error: refusing to build into {out}: {reason}. Choose another --out.\n"
        )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("build", "--content", str(content), "--out", ".", cwd=elsewhere)
    assert result.stderr == (
        "Error: refusing to build into .: it is the current directory. Choose another --out.\n"
    )
    long = "a" * 300
    result = run_cli("build", "--content", "content", "--out", long, cwd=tmp_path)
    assert result.stderr == (
        f"Error: cannot write the site into {long} (File name too long); the existing output "
        "is unchanged\n"
    )
    assert tree_digest(tmp_path) == before


def test_a_second_build_into_the_same_output_refuses_and_never_breaks_the_first(tmp_path):
    out = tmp_path / "site"
    reference = tmp_path / "reference"
    assert build(SMALL_PLAN, reference).returncode == 0
    first = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build", "--content", str(SMALL_PLAN)]
        + ["--out", str(out), "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".site.build-*")):  # the first holds the lock
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.02)
    second = build(SMALL_PLAN, out)
    assert second.returncode == 1
    assert second.stderr == (
        f"Error: another build into {out} is running; wait for it to finish and try again\n"
    )
    _, errors = first.communicate(timeout=120)
    assert first.returncode == 0, errors
    assert tree_digest(out) == tree_digest(reference)
    assert not list(tmp_path.glob(".site.build-*"))
    assert build(SMALL_PLAN, out).returncode == 0  # the lock is released
