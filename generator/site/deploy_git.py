"""``deploy --to git``: the built site as one new commit on a branch, as mike does.

Only git's plumbing is used, with a temporary index: the repository's working tree, its index
and every other branch are never touched. The branch moves only from the commit the deploy
started from (``update-ref`` with the old value), so a deploy racing another fails instead of
losing one. ``--push`` pushes the branch without force: a remote that has moved on refuses.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ProgressSiteError
from generator.site.deploy_files import reading, site_files, versions

NO_JEKYLL = ".nojekyll"
"""An empty file that tells GitHub Pages to serve the files as they are."""
REMOTE = "origin"


@dataclass(frozen=True)
class GitDeploy:
    branch: str
    commit: str | None
    """The new commit, or None when the site was already deployed as it is (or a dry run)."""
    changed: list[str]
    """``A path``, ``M path`` or ``D path`` for each file that differs from the branch."""
    pushed: bool = False


def _git(repo: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env={**os.environ, **(env or {})},
            check=False,
        )
    except FileNotFoundError:
        raise ProgressSiteError("deploying to git needs git on the PATH") from None
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        raise ProgressSiteError(f"git {args[0]} failed in {repo}: {reason[0]}")
    return done.stdout


def _ref(repo: Path, name: str) -> str | None:
    done = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or None


def _check(repo: Path, branch: str) -> None:
    if not repo.is_dir():
        raise ProgressSiteError(f"--repo {repo}: no such directory")
    if subprocess.run(
        ["git", "check-ref-format", "--branch", branch], capture_output=True, check=False
    ).returncode:
        raise ProgressSiteError(f"--branch {branch}: not a valid branch name")
    _git(repo, "rev-parse", "--git-dir")
    head = subprocess.run(
        ["git", "-C", str(repo), "symbolic-ref", "--quiet", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    bare = _git(repo, "rev-parse", "--is-bare-repository").strip() == "true"
    if head == f"refs/heads/{branch}" and not bare:
        raise ProgressSiteError(
            f"{branch} is checked out in {repo}; check out another branch, or deploy to a "
            "repository where it is not checked out"
        )


def deploy_git(
    site_dir: Path, repo: Path, branch: str, push: bool = False, dry_run: bool = False
) -> GitDeploy:
    """Commit the built site at ``site_dir`` as the whole tree of ``branch`` in ``repo``."""
    _check(repo, branch)
    ref = f"refs/heads/{branch}"
    with reading(site_dir), tempfile.TemporaryDirectory(prefix="progress-site-deploy-") as tmp:
        files = site_files(site_dir)
        newest = versions(site_dir)[:1]
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        paths = "".join(f"{f.source.absolute()}\n" for f in files)
        write = [] if dry_run else ["-w"]
        blobs = _git(repo, "hash-object", *write, "--stdin-paths", stdin=paths).split()
        entries = [(f.path, blob) for f, blob in zip(files, blobs, strict=True)]
        if not any(path == NO_JEKYLL for path, _ in entries):
            empty = _git(repo, "hash-object", *write, "--stdin", stdin="").strip()
            entries.append((NO_JEKYLL, empty))
        index = "".join(f"100644 blob {blob}\t{path}\n" for path, blob in entries)
        _git(repo, "update-index", "--add", "--index-info", stdin=index, env=env)
        tree = _git(repo, "write-tree", *(["--missing-ok"] if dry_run else []), env=env).strip()
        local = _ref(repo, ref)
        parent = local or _ref(repo, f"refs/remotes/{REMOTE}/{branch}")
        changed = _changes(repo, parent, tree)
        if dry_run or not changed:
            return GitDeploy(branch, None, changed)
        message = f"Deploy the site, newest release {newest[0]}" if newest else "Deploy the site"
        commit = _git(
            repo, "commit-tree", tree, *(["-p", parent] if parent else []), "-m", message
        ).strip()
        # moves the branch only from where this deploy found it
        _git(repo, "update-ref", "-m", "progress-site deploy", ref, commit, local or "")
    if push:
        _git(repo, "push", "--quiet", REMOTE, f"{ref}:{ref}")
    return GitDeploy(branch, commit, changed, push)


def _changes(repo: Path, parent: str | None, tree: str) -> list[str]:
    if parent is None:
        listed = _git(repo, "ls-tree", "-r", "--name-only", tree)
        return [f"A {path}" for path in listed.splitlines()]
    diff = _git(repo, "diff-tree", "-r", "--no-renames", "--name-status", parent, tree)
    return [line.replace("\t", " ", 1) for line in diff.splitlines() if line]
