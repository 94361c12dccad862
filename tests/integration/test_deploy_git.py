"""``deploy --to git``: one commit per deploy on gh-pages, nothing else touched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.unit.site.test_deploy import make_site, tree

IDENTITY = {
    "GIT_AUTHOR_NAME": "Comms",
    "GIT_AUTHOR_EMAIL": "comms@example.gov.uk",
    "GIT_COMMITTER_NAME": "Comms",
    "GIT_COMMITTER_EMAIL": "comms@example.gov.uk",
}


@pytest.fixture(autouse=True)
def identity(monkeypatch):
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def deploy(site: Path, *args: str):
    return CliRunner().invoke(cli, ["deploy", "--site", str(site), "--to", "git", *args])


def branch_tree(repo: Path, ref: str = "gh-pages") -> dict[str, bytes]:
    """The branch's files, but the deploy manifest."""
    names = git(repo, "ls-tree", "-r", "--name-only", ref).splitlines()
    names = [name for name in names if name != ".progress-site-deploy.json"]
    return {
        name: subprocess.run(
            ["git", "-C", str(repo), "show", f"{ref}:{name}"], capture_output=True, check=True
        ).stdout
        for name in names
    }


def test_each_deploy_is_one_commit_on_gh_pages_in_a_bare_repository(tmp_path):
    repo = tmp_path / "pages.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(repo)], check=True)
    one = make_site(tmp_path / "one", ["2014-10"])
    first = deploy(one, "--repo", str(repo))
    assert first.exit_code == 0, first.output
    commit = git(repo, "rev-parse", "gh-pages").strip()
    assert first.stdout == f"Committed 10 files changed on gh-pages in {repo} ({commit[:12]})\n"
    assert branch_tree(repo) == {**tree(one), ".nojekyll": b""}

    same = deploy(one, "--repo", str(repo))
    assert same.stdout == f"gh-pages in {repo} already has this site; nothing to commit\n"
    planned_same = deploy(one, "--repo", str(repo), "--dry-run")
    assert planned_same.stdout == (
        f"gh-pages in {repo} already has this site; nothing would be committed\n"
    )

    two = make_site(tmp_path / "two", ["2015-01", "2014-10"], extra="new")
    planned = deploy(two, "--repo", str(repo), "--dry-run")
    assert planned.stdout.splitlines()[0] == f"Would commit 9 files changed on gh-pages in {repo}:"
    assert "  A 2015-01/index.html" in planned.stdout.splitlines()
    assert "  M versions.json" in planned.stdout.splitlines()
    assert git(repo, "rev-parse", "gh-pages").strip() == commit
    assert deploy(two, "--repo", str(repo)).exit_code == 0
    log = git(repo, "log", "--format=%s", "gh-pages").splitlines()
    assert log == [
        "Deploy the site, newest release 2015-01",
        "Deploy the site, newest release 2014-10",
    ]
    assert branch_tree(repo) == {**tree(two), ".nojekyll": b""}


def test_the_working_tree_and_other_branches_are_never_touched(tmp_path, monkeypatch):
    repo = tmp_path / "project"
    repo.mkdir()
    git(repo, "init", "--quiet", "-b", "main")
    (repo / "notes.md").write_text("draft")
    git(repo, "add", "notes.md")
    git(repo, "commit", "--quiet", "-m", "start")
    (repo / "notes.md").write_text("edited, not committed")
    (repo / "new.txt").write_text("untracked")
    before = (git(repo, "rev-parse", "main"), git(repo, "status", "--porcelain"))
    site = make_site(tmp_path / "site", ["2015-01"])
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["deploy", "--site", str(site), "--to", "git"])
    assert result.exit_code == 0, result.output
    assert (git(repo, "rev-parse", "main"), git(repo, "status", "--porcelain")) == before
    assert git(repo, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert (repo / "notes.md").read_text() == "edited, not committed"
    assert "versions.json" in git(repo, "ls-tree", "--name-only", "gh-pages")


def test_push_sends_the_branch_and_never_forces(tmp_path):
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(origin)], check=True)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", str(origin), str(clone)], check=True, capture_output=True
    )
    site = make_site(tmp_path / "site", ["2015-01"])
    pushed = deploy(site, "--repo", str(clone), "--push")
    assert pushed.exit_code == 0, pushed.output
    assert pushed.stdout.endswith(", pushed to origin\n")
    assert git(origin, "rev-parse", "gh-pages") == git(clone, "rev-parse", "gh-pages")

    # someone else deploys to origin meanwhile: the next push is refused, not forced
    other = tmp_path / "other"
    subprocess.run(
        ["git", "clone", "--quiet", str(origin), str(other)], check=True, capture_output=True
    )
    git(other, "fetch", "--quiet", "origin", "gh-pages:gh-pages")
    theirs = make_site(tmp_path / "theirs", ["2015-02", "2015-01"])
    assert deploy(theirs, "--repo", str(other), "--push").exit_code == 0
    remote_tip = git(origin, "rev-parse", "gh-pages")
    ours = make_site(tmp_path / "ours", ["2015-03", "2015-01"])
    refused = deploy(ours, "--repo", str(clone), "--push")
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"Error: gh-pages on origin has commits that {clone} does not have (another deploy?), "
        "so it was not pushed, and never is by force. Take origin's: 'git fetch origin && "
        "git branch -f gh-pages origin/gh-pages', then deploy again\n",
    )
    assert git(origin, "rev-parse", "gh-pages") == remote_tip
    # as the message says: take origin's branch, deploy again, and the push goes through
    git(clone, "fetch", "--quiet", "origin")
    git(clone, "branch", "-f", "gh-pages", "origin/gh-pages")
    again = deploy(ours, "--repo", str(clone), "--push")
    assert again.exit_code == 0, again.output
    assert git(origin, "rev-parse", "gh-pages^") == remote_tip
    assert branch_tree(origin) == {**tree(ours), ".nojekyll": b""}


def test_a_branch_checked_out_in_the_repository_is_refused(tmp_path):
    repo = tmp_path / "project"
    repo.mkdir()
    git(repo, "init", "--quiet", "-b", "gh-pages")
    site = make_site(tmp_path / "site", ["2015-01"])
    result = deploy(site, "--repo", str(repo))

    def message(where: Path) -> str:
        return (
            f"Error: gh-pages is checked out in {where.resolve()}; check out another branch "
            "there, or deploy to a repository where it is not checked out\n"
        )

    assert (result.exit_code, result.stderr) == (1, message(repo))
    # nor in another working tree of the repository, which the message names
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "start")
    git(repo, "checkout", "--quiet", "-b", "main")
    git(repo, "worktree", "add", "--quiet", str(tmp_path / "pages"), "gh-pages")
    again = deploy(site, "--repo", str(repo))
    assert (again.exit_code, again.stderr) == (1, message(tmp_path / "pages"))


def test_a_folder_that_is_not_a_repository_is_refused(tmp_path):
    site = make_site(tmp_path / "site", ["2015-01"])
    (tmp_path / "plain").mkdir()
    result = deploy(site, "--repo", str(tmp_path / "plain"))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: git rev-parse failed in {tmp_path / 'plain'}: fatal: not a git repository"
    )


def test_files_on_the_branch_that_deploys_did_not_put_there_are_kept(tmp_path):
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(origin)], check=True)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", str(origin), str(clone)], check=True, capture_output=True
    )
    two = make_site(tmp_path / "two", ["2014-10", "2014-06"])
    assert deploy(two, "--repo", str(clone)).exit_code == 0
    # GitHub commits CNAME to the branch when a custom domain is set
    git(clone, "worktree", "add", "--quiet", str(tmp_path / "pages"), "gh-pages")
    (tmp_path / "pages" / "CNAME").write_text("progress.example.gov.uk\n")
    git(tmp_path / "pages", "add", "CNAME")
    git(tmp_path / "pages", "commit", "--quiet", "-m", "Create CNAME")
    git(clone, "worktree", "remove", str(tmp_path / "pages"))
    one = make_site(tmp_path / "one", ["2015-01", "2014-10"])
    planned = deploy(one, "--repo", str(clone), "--dry-run").stdout.splitlines()
    assert "  D 2014-06/index.html" in planned
    assert not [line for line in planned if "CNAME" in line]
    assert deploy(one, "--repo", str(clone)).exit_code == 0
    assert branch_tree(clone) == {
        **tree(one),
        ".nojekyll": b"",
        "CNAME": b"progress.example.gov.uk\n",
    }


@pytest.mark.parametrize("branch", ["-f", "a..b", "@{-1}", "x y"])
def test_a_branch_name_git_would_not_take_is_refused(tmp_path, branch):
    repo = tmp_path / "pages.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(repo)], check=True)
    site = make_site(tmp_path / "site", ["2015-01"])
    result = deploy(site, "--repo", str(repo), "--branch", branch)
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: --branch {branch}: not a valid branch name\n",
    )


def test_a_deploy_whose_push_failed_pushes_when_run_again(tmp_path):
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(origin)], check=True)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", str(origin), str(clone)], check=True, capture_output=True
    )
    site = make_site(tmp_path / "site", ["2015-01"])
    git(clone, "remote", "set-url", "origin", str(tmp_path / "unreachable.git"))
    failed = deploy(site, "--repo", str(clone), "--push")
    assert failed.exit_code == 1
    assert failed.stderr.startswith(f"Error: git push failed in {clone}: fatal: ")
    assert failed.stderr.endswith(
        "; the deploy is committed on gh-pages, deploy again with --push to send it\n"
    )
    git(clone, "remote", "set-url", "origin", str(origin))
    again = deploy(site, "--repo", str(clone), "--push")
    assert (again.exit_code, again.stdout) == (
        0,
        f"gh-pages in {clone} already has this site; nothing to commit, pushed to origin\n",
    )
    assert git(origin, "rev-parse", "gh-pages") == git(clone, "rev-parse", "gh-pages")


def test_a_deploy_without_a_git_identity_says_how_to_set_one(tmp_path, monkeypatch):
    for name in IDENTITY:
        monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("EMAIL", "")
    repo = tmp_path / "pages.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(repo)], check=True)
    git(repo, "config", "user.useConfigOnly", "true")
    site = make_site(tmp_path / "site", ["2015-01"])
    result = deploy(site, "--repo", str(repo))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: git commit-tree failed in {repo}: fatal: ")
    assert result.stderr.endswith(
        "; say who deploys with git config --global user.name 'Your Name' and git config "
        "--global user.email 'you@example.gov.uk'\n"
    )
    assert (
        subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--verify", "-q", "gh-pages"], capture_output=True
        ).returncode
        == 1
    )


def test_a_deploy_over_a_file_size_limit_says_so(tmp_path):
    repo = tmp_path / "pages.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(repo)], check=True)
    site = make_site(tmp_path / "site", ["2015-01"])
    (site / "2015-01" / "big.js").write_bytes(os.urandom(200_000))
    script = (
        "import resource, sys; from generator.cli import main; "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536)); "
        "sys.argv = ['progress-site'] + sys.argv[1:]; main()"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "deploy",
            "--site",
            str(site),
            "--to",
            "git",
            "--repo",
            str(repo),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (
        1,
        f"Error: git hash-object failed in {repo}: a file too large to write (the disk is "
        "full, or a file size limit is set)\n",
    )


def test_a_deploy_that_another_overtook_commits_nothing_and_says_so(tmp_path, monkeypatch):
    from generator.site import deploy_git

    repo = tmp_path / "pages.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(repo)], check=True)
    theirs = make_site(tmp_path / "theirs", ["2015-02"])
    ours = make_site(tmp_path / "ours", ["2015-01"])
    real = deploy_git._git

    def overtaken(at: Path, *args: str, **kwargs):
        if args[0] == "update-ref":  # the other deploy finishes first
            monkeypatch.setattr(deploy_git, "_git", real)
            assert deploy(theirs, "--repo", str(repo)).exit_code == 0
        return real(at, *args, **kwargs)

    monkeypatch.setattr(deploy_git, "_git", overtaken)
    result = deploy(ours, "--repo", str(repo))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: another deploy changed gh-pages in {repo} meanwhile, so this one committed "
        "nothing; deploy again\n",
    )
    assert git(repo, "log", "--format=%s", "gh-pages").splitlines() == [
        "Deploy the site, newest release 2015-02"
    ]
