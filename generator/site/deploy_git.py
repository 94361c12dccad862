"""``deploy --to git``: the built site as one new commit on a branch, as mike does.

The branch keeps the same manifest as the other places (``.progress-site-deploy.json``): the
files earlier deploys put there are replaced by the site's, and no other file is touched.

Only git's plumbing is used, with a temporary index: the repository's working tree, its index
and every other branch are never touched. The branch moves only from the commit the deploy
started from (``update-ref`` with the old value), so a deploy racing another fails instead of
losing one. ``--push`` pushes the branch without force: a remote that has moved on refuses.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ProgressSiteError
from generator.site.deploy import MANIFEST, Manifest
from generator.site.deploy_files import plain_path, reading, site_files, versions

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
        raise ProgressSiteError(f"git {args[0]} failed in {repo}: {_reason(done)}")
    return done.stdout


def _reason(done: subprocess.CompletedProcess[str]) -> str:
    """git's own error line: its last ``fatal:`` or ``error:``, never a ``hint:``."""
    if done.returncode == -signal.SIGXFSZ:
        return "a file too large to write (the disk is full, or a file size limit is set)"
    if done.returncode < 0:
        return f"git was stopped by {signal.Signals(-done.returncode).name}"
    lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith(("fatal:", "error:"))]
    said = errors or [line for line in lines if not line.startswith("hint:")]
    if "Please tell me who you are" in done.stderr:
        return (
            f"{said[-1]}; say who deploys with git config --global user.name 'Your Name' "
            "and git config --global user.email 'you@example.gov.uk'"
        )
    return said[-1] if said else f"exit status {done.returncode}"


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
    _git(repo, "rev-parse", "--git-dir")
    if (
        branch.startswith("-")
        or subprocess.run(
            ["git", "check-ref-format", f"refs/heads/{branch}"], capture_output=True, check=False
        ).returncode
    ):
        raise ProgressSiteError(f"--branch {branch}: not a valid branch name")
    listed = _git(repo, "worktree", "list", "--porcelain").splitlines()
    where = str(repo)
    for line in listed:
        if line.startswith("worktree "):
            where = line.removeprefix("worktree ")
        if line == f"branch refs/heads/{branch}":
            raise ProgressSiteError(
                f"{branch} is checked out in {where}; check out another branch there, or "
                "deploy to a repository where it is not checked out"
            )


def _entries(repo: Path, commit: str | None) -> dict[str, str]:
    """Each file of ``commit``'s tree and its object id."""
    if commit is None:
        return {}
    listed = _git(repo, "ls-tree", "-r", "-z", "--full-tree", commit)
    found = {}
    for line in listed.split("\0"):
        if line:
            info, path = line.split("\t", 1)
            found[path] = info.split()[2]
    return found


def _owned(repo: Path, commit: str | None) -> set[str]:
    """The files earlier deploys put on the branch, from the manifest in ``commit``'s tree."""
    if commit is None:
        return set()
    shown = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "blob", f"{commit}:{MANIFEST}"],
        capture_output=True,
        check=False,
    )
    if shown.returncode != 0:
        return set()
    try:
        return {path for path in json.loads(shown.stdout)["files"] if plain_path(path)}
    except (ValueError, TypeError, KeyError):
        return set()


def deploy_git(
    site_dir: Path, repo: Path, branch: str, push: bool = False, dry_run: bool = False
) -> GitDeploy:
    """Commit the built site at ``site_dir`` on ``branch`` in ``repo``: the site's files
    replace those earlier deploys put there (listed in the branch's manifest); other files on
    the branch, such as a CNAME GitHub committed, are kept."""
    _check(repo, branch)
    ref = f"refs/heads/{branch}"
    with reading(site_dir), tempfile.TemporaryDirectory(prefix="progress-site-deploy-") as tmp:
        files = site_files(site_dir)
        newest = versions(site_dir)[:1]
        local = _ref(repo, ref)
        parent = local or _ref(repo, f"refs/remotes/{REMOTE}/{branch}")
        before, owned = _entries(repo, parent), _owned(repo, parent)
        write = [] if dry_run else ["-w"]
        paths = "".join(f"{f.source.absolute()}\n" for f in files)
        blobs = _git(repo, "hash-object", *write, "--no-filters", "--stdin-paths", stdin=paths)
        wanted = dict(zip((f.path for f in files), blobs.split(), strict=True))
        if NO_JEKYLL not in wanted and NO_JEKYLL not in before:
            wanted[NO_JEKYLL] = _blob(repo, b"", write)
        removed = sorted(p for p in owned - set(wanted) if p in before and p != MANIFEST)
        changed = [
            f"{'M' if path in before else 'A'} {path}"
            for path, blob in wanted.items()
            if before.get(path) != blob
        ] + [f"D {path}" for path in removed]
        if dry_run:
            return GitDeploy(branch, None, changed)
        if not changed:
            # a deploy whose push failed is run again: the commit is there, the push is not
            if push:
                _push(repo, branch)
            return GitDeploy(branch, None, changed, push)
        manifest = Manifest({f.path: f.digest for f in files}).to_bytes()
        wanted[MANIFEST] = _blob(repo, manifest, write)
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        if parent:
            _git(repo, "read-tree", parent, env=env)
        index = "".join(f"0 {'0' * 40}\t{path}\n" for path in removed)
        index += "".join(f"100644 {blob}\t{path}\n" for path, blob in wanted.items())
        _git(repo, "update-index", "--add", "--remove", "--index-info", stdin=index, env=env)
        tree = _git(repo, "write-tree", env=env).strip()
        message = f"Deploy the site, newest release {newest[0]}" if newest else "Deploy the site"
        commit = _git(
            repo, "commit-tree", tree, *(["-p", parent] if parent else []), "-m", message
        ).strip()
        # moves the branch only from where this deploy found it
        try:
            _git(repo, "update-ref", "-m", "progress-site deploy", ref, commit, local or "")
        except ProgressSiteError:
            if _ref(repo, ref) == local:
                raise
            raise ProgressSiteError(
                f"another deploy changed {branch} in {repo} meanwhile, so this one committed "
                "nothing; deploy again"
            ) from None
    if push:
        _push(repo, branch)
    return GitDeploy(branch, commit, changed, push)


def _blob(repo: Path, data: bytes, write: list[str]) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "hash-object", *write, "--stdin"],
        input=data,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        said = subprocess.CompletedProcess(done.args, done.returncode, "", done.stderr.decode())
        raise ProgressSiteError(f"git hash-object failed in {repo}: {_reason(said)}")
    return done.stdout.decode().strip()


def _push(repo: Path, branch: str) -> None:
    """Push ``branch`` to origin, never forced: a branch there that has moved on refuses."""
    ref = f"refs/heads/{branch}"
    done = subprocess.run(
        ["git", "-C", str(repo), "push", "--porcelain", REMOTE, f"{ref}:{ref}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode == 0:
        return
    if "[rejected]" in done.stdout or "[rejected]" in done.stderr:
        raise ProgressSiteError(
            f"{branch} on {REMOTE} has commits that {repo} does not have (another deploy?), "
            f"so it was not pushed, and never is by force. Take {REMOTE}'s: 'git fetch "
            f"{REMOTE} && git branch -f {branch} {REMOTE}/{branch}', then deploy again"
        )
    raise ProgressSiteError(
        f"git push failed in {repo}: {_reason(done)}; the deploy is committed on {branch}, "
        "deploy again with --push to send it"
    )
