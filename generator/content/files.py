"""Reading a file whose kind and size are checked first: never waits on a pipe, never reads
more than a limit, whatever the file is (a link to ``/dev/zero``, a named pipe, a huge file)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 5 * 1024 * 1024


def _file_problem(path: Path, limit: int) -> str | None:
    """Why ``path`` cannot be read as a file of at most ``limit`` bytes, before it is opened."""
    try:
        info = path.stat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISDIR(info.st_mode):
        return "is a directory, not a file"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a named pipe, socket or device); replace it with a file"
    if info.st_size > limit:
        return f"file is too large ({info.st_size} bytes; the limit is {limit})"
    return None


def _read_bytes(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file; never waits on a pipe."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a pipe since the check
            raise OSError(errno.EINVAL, "not a regular file")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, str | None]:
    """The bytes of the regular file at ``path``, or why it cannot be read (a message that
    follows its name: "is a directory, not a file", "file is too large (...)")."""
    problem = _file_problem(path, limit)
    if problem is not None:
        return None, problem
    try:
        data = _read_bytes(path, limit)
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror})"
    if len(data) > limit:  # grew since it was checked
        return None, f"file is too large (over {limit} bytes)"
    return data, None
