"""Writing a file whole or not at all: the bytes go to a temporary file beside the target,
which is renamed over it (atomic on POSIX filesystems). If the write fails, the temporary
file is removed and the target is as it was."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_file(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` atomically, making its folder if needed; raises ``OSError``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def keep_file(path: Path, data: bytes) -> bool:
    """``replace_file`` for a cache, which can be made again: a failed write only costs time.
    Whether the file was written."""
    try:
        replace_file(path, data)
    except OSError:
        return False
    return True
