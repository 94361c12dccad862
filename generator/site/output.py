"""The output directory of ``build``: which directories it may replace, and how.

- Only a directory progress-site built (it holds the build manifest), an empty directory or
  a new one is replaced. ``.git``, ``CNAME`` and ``.nojekyll`` in it (a gh-pages checkout)
  are carried over into the new output, never deleted.
- ``--out`` may be a symbolic link to a directory: the site is built beside the directory it
  points to and swapped in there; the link itself stays as it is.
- A preview (``serve``) is updated in place instead (``update_in_place``): its versions are
  many and only one changes, and only the person previewing reads it.
- One build at a time per output: a lock file beside it (``.<name>.lock``) makes a second
  build refuse clearly instead of disturbing the first.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from generator.errors import ProgressSiteError
from generator.site.cache import MANIFEST, forget_versions, is_output
from generator.site.procs import libc

KEPT = (".git", "CNAME", ".nojekyll")
"""Files of a gh-pages checkout that a build carries over and never deletes."""


def _refuse(given: Path, reason: str) -> ProgressSiteError:
    return ProgressSiteError(f"refusing to build into {given}: {reason}. Choose another --out.")


def resolve_out(given: Path, content_dir: Path) -> Path:
    """The real directory to build into; places that must never be replaced are refused."""
    path = given.absolute()
    if path.is_symlink() and not path.exists():
        target = os.readlink(path)
        raise _refuse(given, f"it is a link to {target}, which does not exist")
    real = path.resolve()
    if real.exists() and not real.is_dir():
        raise _refuse(given, "it is a file, not a directory")
    content = content_dir.resolve()
    if real == Path(real.anchor):
        raise _refuse(given, "it is the root directory")
    if real == content:
        raise _refuse(given, "it is the content directory")
    if real in content.parents:
        raise _refuse(given, f"it contains the content directory {content_dir}")
    if content in real.parents:
        raise _refuse(given, f"it is inside the content directory {content_dir}")
    if real == Path.cwd().resolve():
        raise _refuse(given, "it is the current directory")
    return real


def check_owned(out_dir: Path, given: Path) -> None:
    """Refuse to replace a non-empty directory that progress-site did not build."""
    if not out_dir.exists():
        return
    if not any(p.name not in KEPT for p in out_dir.iterdir()):
        return  # empty, or a fresh gh-pages checkout
    if not is_output(out_dir):
        raise ProgressSiteError(
            f"refusing to replace {given}: it is not empty and was not built by progress-site "
            f"(no {MANIFEST}). Choose another --out directory."
        )


@contextlib.contextmanager
def lock(out_dir: Path, given: Path) -> Iterator[None]:
    """Hold the output's lock for the duration; refuse if another build holds it."""
    path = out_dir.parent / f".{out_dir.name}.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ProgressSiteError(
                f"another build into {given} is running; wait for it to finish and try again"
            ) from None
        yield
    finally:
        os.close(fd)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def carry(source: Path, target: Path) -> None:
    """Move the kept gh-pages files from ``source`` to ``target`` (renames, not copies)."""
    for name in KEPT:
        if _exists(source / name) and not _exists(target / name):
            os.rename(source / name, target / name)


def rescue(scratch: Path, out_dir: Path) -> None:
    """Give back to ``out_dir`` what a build interrupted mid-swap left in its scratch dir."""
    previous = scratch / "previous"
    if not _exists(out_dir) and previous.is_dir():
        os.rename(previous, out_dir)
    if out_dir.is_dir():
        for holder in (scratch / "site", previous):
            if holder.is_dir():
                carry(holder, out_dir)


def discard(scratch: Path, out_dir: Path) -> None:
    """Remove a scratch directory, first rescuing anything of the output's in it."""
    with contextlib.suppress(OSError):
        rescue(scratch, out_dir)
    shutil.rmtree(scratch, ignore_errors=True)


def clear_stale(out_dir: Path) -> None:
    """Remove what killed builds left beside the output; only call it holding the lock.

    Outputs replaced by earlier builds (``.<name>.old-*``) are left to be removed in the
    background, as they are whenever a build replaces its output.
    """
    for stale in out_dir.parent.glob(f".{out_dir.name}.build-*"):
        discard(stale, out_dir)
    for old in out_dir.parent.glob(f".{out_dir.name}.old-*"):
        _remove_in_background(old)


def remove_later(scratch: Path, out_dir: Path) -> None:
    """Remove ``scratch``, which holds only the replaced output, without waiting for it.

    It is renamed ``.<name>.old-*`` and removed by a detached process; a build that finds it
    still there has it removed again.
    """
    old = scratch.with_name(f".{out_dir.name}.old-{scratch.name.rpartition('-')[2]}")
    try:
        os.rename(scratch, old)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)
        return
    _remove_in_background(old)


def _remove_in_background(path: Path) -> None:
    try:
        pid = os.fork()
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
        return
    if pid == 0:  # detach, so that the command can end while the files are removed
        try:
            os.setsid()
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            # the output's lock among them: closed before this (waited-for) process forks the
            # one that removes the files, so that no process holds the lock once the build ends
            os.closerange(3, os.sysconf("SC_OPEN_MAX"))
            if os.fork() == 0:
                shutil.rmtree(path, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(libc(), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def swap_into_place(new_site: Path, out_dir: Path, scratch: Path) -> None:
    """Put ``new_site`` in place of ``out_dir`` without ever leaving a half-written output.

    ``.git``, ``CNAME`` and ``.nojekyll`` move from the old output into the new one.
    """
    if not out_dir.exists():
        os.rename(new_site, out_dir)
        return
    carry(out_dir, new_site)
    try:
        if _exchange(new_site, out_dir):
            return  # new_site now holds the previous output, removed with the scratch directory
        os.rename(out_dir, scratch / "previous")
        os.rename(new_site, out_dir)
    except BaseException:
        carry(new_site, out_dir)
        raise


def update_in_place(
    new_site: Path,
    out_dir: Path,
    scratch: Path,
    versions: Sequence[str],
    left: Sequence[str] = (),
) -> None:
    """Bring ``out_dir`` up to date from ``new_site``, which holds the versions built now and
    the site's own files: each is put in place of its namesake in one rename (its build
    manifest last), the other ``versions`` and the files ``left`` as they were are left as
    they are, and anything else is removed.

    What was replaced goes into ``scratch``, removed with it. A page is never half-written,
    though the versions and the site's files are replaced one after another: this is for a
    preview, where it saves linking every unchanged version into a new output."""
    if not out_dir.exists():
        os.rename(new_site, out_dir)
        return
    replaced = scratch / "replaced"
    replaced.mkdir()
    names = sorted(os.listdir(new_site), key=lambda name: name == MANIFEST)
    # cut short, the output holds some new versions and the old manifest: rebuild them next
    forget_versions(out_dir, [name for name in names if name in versions])
    for name in names:
        source, target = new_site / name, out_dir / name
        if source.is_dir() and target.is_dir() and _exchange(source, target):
            continue  # the one replaced is now in new_site, removed with the scratch dir
        if _exists(target) and (source.is_dir() or target.is_dir()):
            os.rename(target, replaced / name)
        os.replace(source, target)
    keep = {*names, *versions, *left, *KEPT}
    for name in os.listdir(out_dir):
        if name not in keep:
            os.rename(out_dir / name, replaced / name)
