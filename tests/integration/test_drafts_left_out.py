"""`build` names each draft it leaves out and how to publish it; --drafts builds it."""

from __future__ import annotations

from tests.integration.conftest import run_cli


def test_build_names_every_draft_it_leaves_out(small, tmp_path):
    out = tmp_path / "site"
    for release_id, day in (("2015-04", "2015-04-30"), ("2015-05", "2015-05-31")):
        created = run_cli("new-release", release_id, "--date", day)
        assert created.returncode == 0, created.stderr
    result = run_cli("build", "--content", "content", "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "Left out draft release 2015-04 (not published): publish it with "
        "'progress-site publish 2015-04', or build with --drafts to preview it.\n"
        "Left out draft release 2015-05 (not published): publish it with "
        "'progress-site publish 2015-05', or build with --drafts to preview it.\n"
    )
    assert result.stdout.startswith("Built 3 releases (")
    assert not (out / "2015-04").exists()

    previewed = run_cli("build", "--content", "content", "--out", str(out), "--drafts", "-q")
    assert previewed.returncode == 0, previewed.stderr
    assert previewed.stderr == ""
    assert (out / "2015-05" / "index.html").exists()


def test_build_without_drafts_says_nothing_of_them(small, tmp_path):
    result = run_cli("build", "--content", "content", "--out", str(tmp_path / "s"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_the_command_names_the_content_directory_where_it_is_not_the_default(small, tmp_path):
    created = run_cli("new-release", "2015-04", "--date", "2015-04-30")
    assert created.returncode == 0, created.stderr
    moved = tmp_path / "my plan"
    (tmp_path / "content").rename(moved)
    result = run_cli("build", "--content", str(moved), "--out", str(tmp_path / "site"), "-q")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "Left out draft release 2015-04 (not published): publish it with "
        f"'progress-site publish 2015-04 --content '{moved}'', or build with --drafts to "
        "preview it.\n"
    )
