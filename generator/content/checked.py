"""Progress reports as checked, remembered within the process by everything their check reads.

Checking a progress report against the plan is most of loading the content: with a long
history, every earlier report is checked again on every build, though none of them changed.
``serve`` loads the content again after every save, in the same process, so each report's
checked fields are kept here by the digest of what the check reads (``Reports.key``): the
file's bytes, the release and its place among the releases, the plan it refers to and the
report before it (whose progress an entry can carry forward). Only a report checked without
a problem is kept, so a report taken from here adds no problem either.

Only the reports the last load used are kept: one history's worth, whatever was edited.

Each is also kept in the user's cache (``checked-reports/``, beside the parsed files), in a
file named by its key, in a folder named by the digest of progress-site's code, so that the
next ``build`` or ``publish``, in another process, checks only the report it adds or the
ones that changed. A file that cannot be read back is ignored (its report is checked), one
that cannot be written only costs time, and only the files written last are kept.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import pickle
import shutil
from pathlib import Path
from typing import Any

from generator import __version__
from generator.atomic import code_digest, keep_file
from generator.content.parse_cache import cache_dir


class Reports:
    """The checked fields of the progress reports the last load used, by ``key``."""

    def __init__(self) -> None:
        self.kept: dict[bytes, dict[str, Any]] = {}
        self.used: dict[bytes, dict[str, Any]] = {}
        self.written = False

    @staticmethod
    def key(*parts: str | bytes) -> bytes:
        hasher = hashlib.sha256()
        for part in parts:
            data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
            hasher.update(len(data).to_bytes(8, "big"))
            hasher.update(data)
        return hasher.digest()

    def get(self, key: bytes) -> dict[str, Any] | None:
        """A copy of the fields kept under ``key``, if any (its containers are not shared):
        by this process's last load, or else in the user's cache."""
        found = self.kept.get(key)
        if found is None:
            found = _read(_file(key))
        if found is None:
            return None
        self.used[key] = found
        return _copied(found)

    def keep(self, key: bytes, fields: dict[str, Any]) -> None:
        self.used[key] = _copied(fields)
        self.written |= _write(_file(key), fields)

    def finish(self) -> None:
        """The load is over: keep what it used, and nothing else, in the process; in the
        user's cache, the files written last."""
        self.kept, self.used = self.used, {}
        if self.written:
            self.written = False
            _prune(_file(b"").parent)


def _copied(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: dict(v) if isinstance(v, dict) else v for k, v in fields.items()}


REPORTS = Reports()


@functools.cache
def _code() -> str:
    """The digest of progress-site's code: a report checked by other code is checked again."""
    package = Path(__file__).parent.parent
    return code_digest(f"checked {__version__}", sorted(package.rglob("*.py"))).hex()[:32]


def _file(key: bytes) -> Path:
    return cache_dir() / "checked-reports" / _code() / f"{key.hex()}.pickle"


def _read(path: Path) -> dict[str, Any] | None:
    """The checked fields kept at ``path``; None if missing or if it cannot be read back."""
    try:
        kept = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: checked again
        return None
    if not isinstance(kept, dict) or not all(isinstance(name, str) for name in kept):
        return None
    return kept


def _write(path: Path, fields: dict[str, Any]) -> bool:
    try:
        data = pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, RecursionError, TypeError, AttributeError):
        return False
    return keep_file(path, data)


KEPT_REPORTS = 500
"""Checked reports kept in the user's cache: the most recently written (ten histories of 48
releases, with room for edits)."""


def _prune(folder: Path) -> None:
    """All but the ``KEPT_REPORTS`` files of ``folder`` written last are removed, and the
    folders of other versions of the code."""
    with contextlib.suppress(OSError):
        for other in folder.parent.iterdir():
            if other != folder and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
        files = sorted(folder.glob("*.pickle"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in files[KEPT_REPORTS:]:
            old.unlink(missing_ok=True)
