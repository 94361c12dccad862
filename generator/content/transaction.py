"""Changes to the content directory that happen whole or not at all.

``publish`` writes ``releases.yaml`` and ``releases.lock``; ``new-release`` writes
``releases.yaml`` and ``progress/<id>.yaml``. A full disk, a file-size limit or a killed
process at any moment leaves the content as it was before the command or as it is after it,
never part of each:

1. **Lock.** The writer takes an exclusive ``flock`` on the content directory itself (no lock
   file is left behind). A second writer refuses with a clear message; a reader waits.
2. **Stage.** Each new file is written to a hidden temporary file beside its target,
   ``.<name>.<random>.partial``, and flushed to disk (``fsync``). Content is only ever read
   from the files' own names (``*.yaml``, ``*.csv``, ``releases.lock``), so a temporary file
   is never taken for content.
3. **Commit.** A journal, ``.progress-site-journal``, lists each temporary file and its
   target. It is itself written to a temporary file, flushed and renamed into place, so it
   exists whole or not at all; its appearance is the moment the change is decided.
4. **Apply.** Each temporary file is renamed over its target (atomic on POSIX filesystems),
   each file the change removes (``discard`` removes a draft's progress file) is deleted,
   then the journal is removed.

Every command reads the content under the same lock (``reading``), so that it never sees part
of a change, and first recovers: a journal is rolled forward (the temporary files that remain
are renamed into place) and removed; with no journal, leftover temporary files belong to a
change that never committed, and are deleted.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from generator.content.files import read_limited
from generator.errors import ProgressSiteError

JOURNAL = ".progress-site-journal"
MAX_JOURNAL_BYTES = 1024 * 1024
PARTIAL = re.compile(r"^\.[^/]+\.[0-9a-f]{12}\.partial$")
FOLDERS = ("", "progress")
"""Where staged files may live, relative to the content directory."""
READ_WAIT_SECONDS = 30.0

_held: dict[str, int] = {}
"""Content directories this process holds the lock on, by resolved path."""


def _key(content_dir: Path) -> str:
    return str(content_dir.resolve())


def _open_dir(path: Path) -> int:
    return os.open(path, os.O_RDONLY | os.O_DIRECTORY)


def _fsync_dir(path: Path) -> None:
    fd = _open_dir(path)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _only_readers(fd: int) -> bool:
    """Whether the directory's lock is held by readers only (a shared lock can be had)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    fcntl.flock(fd, fcntl.LOCK_UN)
    return True


@contextlib.contextmanager
def _locked(content_dir: Path, mode: str) -> Iterator[None]:
    """Hold the directory's lock: ``read`` shared with other readers, ``write`` and
    ``recover`` exclusive. A writer refuses while another writer holds it and waits for
    readers; readers and recovery wait for a writer; each waits up to READ_WAIT_SECONDS."""
    key = _key(content_dir)
    if key in _held:
        yield
        return
    try:
        fd = _open_dir(content_dir)
    except OSError as exc:
        raise ProgressSiteError(f"{content_dir}: cannot be opened ({exc.strerror})") from exc
    try:
        deadline = time.monotonic() + READ_WAIT_SECONDS
        kind = fcntl.LOCK_SH if mode == "read" else fcntl.LOCK_EX
        while True:
            try:
                fcntl.flock(fd, kind | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                writer_waits = mode != "write" or _only_readers(fd)
                if not writer_waits or time.monotonic() >= deadline:
                    raise ProgressSiteError(
                        f"{content_dir}: another progress-site command (publish, new-release "
                        "or import-tracker) is changing this content; try again when it has "
                        "finished"
                    ) from None
                time.sleep(0.05)
            except OSError as exc:
                raise ProgressSiteError(
                    f"{content_dir}: cannot be locked for changes ({exc.strerror})"
                ) from exc
        _held[key] = fd
        try:
            yield
        finally:
            del _held[key]
    finally:
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def writing(content_dir: Path) -> Iterator[None]:
    """Hold the content directory for a change; finish or undo any interrupted one first."""
    if not content_dir.is_dir():
        raise ProgressSiteError(f"{content_dir}: content directory not found")
    with _locked(content_dir, "write"):
        _recover(content_dir)
        yield


@contextlib.contextmanager
def reading(content_dir: Path) -> Iterator[None]:
    """Hold the content directory while it is read, so that a change made meanwhile
    (``publish``, ``new-release``) is seen whole or not at all; finish or undo an
    interrupted one first. A reader waits for a writer (up to ``READ_WAIT_SECONDS``)."""
    if not content_dir.is_dir() or _key(content_dir) in _held:
        yield  # not found (the reader says so), or this process is changing it
        return
    while True:
        recover(content_dir)
        with _locked(content_dir, "read"):
            if not (content_dir / JOURNAL).exists():  # else a writer died mid-change: recover
                yield
                return


def recover(content_dir: Path) -> None:
    """Complete a committed change that was interrupted, or clear away one that never was."""
    if not content_dir.is_dir():
        return
    if not (content_dir / JOURNAL).exists() and not _leftovers(content_dir):
        return
    with _locked(content_dir, "recover"):
        _recover(content_dir)


def _leftovers(content_dir: Path) -> list[Path]:
    found = []
    for folder in FOLDERS:
        directory = content_dir / folder
        with contextlib.suppress(OSError):
            found += [p for p in directory.iterdir() if PARTIAL.match(p.name)]
    return found


def _entries(content_dir: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """The journal's (staged, target) pairs, and the files it removes."""
    journal = content_dir / JOURNAL
    data, problem = read_limited(journal, MAX_JOURNAL_BYTES)  # never a pipe or /dev/zero
    try:
        if data is None:
            raise ValueError(problem)
        found = json.loads(data.decode("utf-8"))
        pairs = [(str(a), str(b)) for a, b in found["files"]]
        removed = [str(name) for name in found.get("remove", [])]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ProgressSiteError(
            f"{journal}: not a progress-site journal ({exc}); move it away and check the "
            "content with 'progress-site validate'"
        ) from exc
    for staged, target in pairs:
        folder, name = os.path.split(staged)
        if folder not in FOLDERS or os.path.dirname(target) != folder or not PARTIAL.match(name):
            raise ProgressSiteError(
                f"{journal}: not a progress-site journal (unexpected entry {staged!r}); move it "
                "away and check the content with 'progress-site validate'"
            )
    for name in removed:
        folder, base = os.path.split(name)
        if folder not in FOLDERS or not base or base.startswith("."):
            raise ProgressSiteError(
                f"{journal}: not a progress-site journal (unexpected entry {name!r}); move it "
                "away and check the content with 'progress-site validate'"
            )
    return pairs, removed


def _recover(content_dir: Path) -> None:
    journal = content_dir / JOURNAL
    try:
        if journal.exists():
            pairs, removed = _entries(content_dir)
            for staged, target in pairs:
                if (content_dir / staged).exists():
                    os.replace(content_dir / staged, content_dir / target)
            for name in removed:
                with contextlib.suppress(FileNotFoundError):
                    (content_dir / name).unlink()
            for folder in FOLDERS:
                if (content_dir / folder).is_dir():
                    _fsync_dir(content_dir / folder)
            journal.unlink()
            _fsync_dir(content_dir)
    except OSError as exc:
        raise ProgressSiteError(
            f"{content_dir}: cannot complete an interrupted change ({exc.strerror}); "
            f"fix the problem and run the command again"
        ) from exc
    for path in _leftovers(content_dir):  # staged by a change that never committed
        with contextlib.suppress(OSError):
            path.unlink()


def _write_new(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _staged_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}.partial")


def _why(exc: OSError) -> str:
    if exc.errno == errno.EFBIG:
        return "File too large (the file-size limit was reached)"
    return exc.strerror or str(exc)


def commit(content_dir: Path, files: dict[str, str], remove: tuple[str, ...] = ()) -> None:
    """Replace ``files`` (path relative to ``content_dir`` -> new text), and delete the files
    named in ``remove``, all together.

    Call inside ``writing(content_dir)``. Raises ProgressSiteError naming the file that could
    not be written; the content is then exactly as it was.
    """
    if _key(content_dir) not in _held:
        raise RuntimeError("commit() is called only inside writing()")
    staged: list[tuple[Path, Path]] = []
    current = ""
    try:
        for name, text in files.items():
            target = content_dir / name
            current = str(target)
            target.parent.mkdir(exist_ok=True)
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
            temporary = _staged_name(target)
            staged.append((temporary, target))
            _write_new(temporary, text.encode("utf-8"), mode)
        current = str(content_dir / JOURNAL)
        entries = [
            [str(t.relative_to(content_dir)), str(p.relative_to(content_dir))] for t, p in staged
        ]
        journal_data: dict[str, list] = {"files": entries}
        if remove:
            journal_data["remove"] = list(remove)
        journal_text = json.dumps(journal_data) + "\n"
        journal_tmp = _staged_name(content_dir / JOURNAL)
        staged.append((journal_tmp, content_dir / JOURNAL))
        _write_new(journal_tmp, journal_text.encode("utf-8"), 0o644)
        for folder in {p.parent for _, p in staged}:
            _fsync_dir(folder)
        os.replace(journal_tmp, content_dir / JOURNAL)
        _fsync_dir(content_dir)
    except OSError as exc:
        for temporary, _ in staged:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise ProgressSiteError(
            f"cannot write {current}: {_why(exc)}; nothing was changed"
        ) from exc
    _recover(content_dir)  # the journal is in place: apply it
