"""Writing a file whole or not at all: the bytes go to a temporary file beside the target,
which is renamed over it (atomic on POSIX filesystems). If the write fails, the temporary
file is removed and the target is as it was.

And the two other things every cache file shares: it is read back as plain data only
(``read_plain``), and it is keyed by the code that made it (``code_digest``)."""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Iterable
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


class _PlainUnpickler(pickle.Unpickler):
    """Reads plain data (dicts, tuples, sets, strings, bytes, numbers) and nothing that runs
    code: a kept file names no class to make."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def read_plain(path: Path) -> object:
    """What the pickle at ``path`` holds, or None if it is missing, cannot be read back or
    is not plain data."""
    try:
        return _PlainUnpickler(io.BytesIO(path.read_bytes())).load()
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: ignored
        return None


def code_digest(label: str, modules: Iterable[Path]) -> bytes:
    """The digest of ``label`` (what is kept, and the versions it depends on) and the code
    of ``modules``: a change to either makes what was kept under the old digest stale."""
    hasher = hashlib.sha256(f"{label}\n".encode())
    for module in modules:
        hasher.update(module.read_bytes())
    return hasher.digest()
