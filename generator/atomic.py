"""Writing a file whole or not at all: the bytes go to a temporary file beside the target,
which is renamed over it (atomic on POSIX filesystems). If the write fails, the temporary
file is removed and the target is as it was.

And the other things every cache file shares: it is read back as plain data only
(``read_plain``), it is keyed by the code that made it (``code_digest``), and only the files
used last are kept (``prune``)."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import io
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from generator import __version__


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
    if path.parent not in _swept:  # once per folder and process
        _swept.add(path.parent)
        sweep_leftovers(path.parent)
    return True


LEFTOVER_AGE = 3600.0
"""A temporary file older than this (in seconds) was left by a write that was cut short (the
process killed): a write under way is younger."""

_swept: set[Path] = set()


def sweep_leftovers(folder: Path, age: float = LEFTOVER_AGE) -> None:
    """Remove the temporary files that writes cut short left in ``folder`` ``age`` seconds ago
    or more. What cannot be removed stays."""
    cutoff = time.time() - age
    with contextlib.suppress(OSError):
        for leftover in folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                    leftover.unlink()


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


def code_digest(label: str, modules: Iterable[Path], libraries: Iterable[str] = ()) -> bytes:
    """The digest of ``label`` (what is kept), progress-site's and Python's versions, the
    ``libraries`` this process imports (by module name, ``library_version``) and the code of
    ``modules``: a change to any of them makes what was kept under the old digest stale."""
    versions = " ".join(f"{name} {library_version(name)}" for name in libraries)
    line = f"{label} progress-site {__version__} python {sys.version_info[:3]} {versions}\n"
    hasher = hashlib.sha256(line.encode("utf-8", "surrogatepass"))
    for module in modules:
        hasher.update(module.read_bytes())
    return hasher.digest()


def library_version(name: str) -> str:
    """The module ``name`` as this process imports it: its version (its ``__version__``, else
    that of the installed distribution of the same name) and the file it is read from, so that
    another copy of it earlier on the path is another library; "none" if it is not there."""
    try:
        module = importlib.import_module(name)
    except ImportError:
        return "none"
    version = getattr(module, "__version__", None)
    if not isinstance(version, str):
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "none"
    return f"{version} {getattr(module, '__file__', None)}"


def prune(folder: Path, files: int, folders: int) -> None:
    """Keep the ``files`` pickles of ``folder`` written (or touched) last, and of the folders
    beside it (the caches of other versions of the code), the ``folders`` written last, with
    ``folder`` always among them; remove the rest. A cache that cannot be pruned only grows."""
    with contextlib.suppress(OSError):
        others = sorted(
            (f for f in folder.parent.iterdir() if f.is_dir() and f != folder),
            key=lambda f: f.stat().st_mtime,
            reverse=True,
        )
        for other in others[max(folders - 1, 0) :]:
            shutil.rmtree(other, ignore_errors=True)
        kept = sorted(folder.glob("*.pickle"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in kept[files:]:
            old.unlink(missing_ok=True)
