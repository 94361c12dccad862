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
import enum
import functools
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from generator.atomic import code_digest, keep_file, prune
from generator.content.model import Assessment, Progress, RecommendationProgress
from generator.content.model.base import ContentModel
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
            folder = _folder()
            if folder is not None:
                prune(folder, KEPT_REPORTS, KEPT_CODES)


def _copied(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: dict(v) if isinstance(v, dict) else v for k, v in fields.items()}


REPORTS = Reports()


@functools.cache
def _code() -> str | None:
    """The digest of progress-site's code and of the libraries the check runs (Python, pydantic,
    PyYAML): a report checked by other code is checked again. None if the code cannot be read:
    then nothing is kept in the user's cache."""
    package = Path(__file__).parent.parent
    try:
        modules = [p for p in package.rglob("*.py") if not p.name.startswith(".") and p.is_file()]
        return code_digest("checked", sorted(modules), ["pydantic", "yaml"]).hex()[:32]
    except OSError:
        return None


def _folder() -> Path | None:
    """Where this code's checked reports are kept; None where nothing is kept."""
    code = _code()
    return None if code is None else cache_dir() / "checked-reports" / code


def _file(key: bytes) -> Path | None:
    folder = _folder()
    return None if folder is None else folder / f"{key.hex()}.pickle"


_FIELDS: dict[str, Callable[[object], bool]] = {
    "as_at": lambda v: v is None or type(v) is date,
    "progress": lambda v: _all_of(v, Progress),
    "recommendations": lambda v: _all_of(v, RecommendationProgress),
    "assessments": lambda v: type(v) is tuple and all(type(a) is Assessment for a in v),
}
"""The fields a checked report is kept as, each with what its value must be."""


def _all_of(value: object, kind: type) -> bool:
    return type(value) is dict and all(type(k) is str and type(v) is kind for k, v in value.items())


class _ModelUnpickler(pickle.Unpickler):
    """Makes dates and the content model's own classes, and nothing else (nothing that runs
    code of its choosing)."""

    def find_class(self, module: str, name: str) -> type:
        if (module, name) == ("datetime", "date"):
            return date
        if module.startswith("generator.content.model.") and "." not in name:
            found = getattr(sys.modules.get(module), name, None)
            if isinstance(found, type) and issubclass(found, ContentModel | enum.Enum):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not kept")


def _read(path: Path | None) -> dict[str, Any] | None:
    """The checked fields kept at ``path``, if they are shaped as ``_FIELDS`` says; None if
    missing, unreadable or shaped otherwise. One read is marked as used, for ``_prune``."""
    if path is None:
        return None
    try:
        kept = _ModelUnpickler(io.BytesIO(path.read_bytes())).load()
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: checked again
        return None
    if type(kept) is not dict or kept.keys() != _FIELDS.keys():
        return None
    if not all(fits(kept[name]) for name, fits in _FIELDS.items()):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    return kept


def _write(path: Path | None, fields: dict[str, Any]) -> bool:
    if path is None:
        return False
    try:
        data = pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, RecursionError, TypeError, AttributeError):
        return False
    return keep_file(path, data)


KEPT_REPORTS = 500
"""Checked reports kept in the user's cache: the most recently written or read (ten
histories of 48 releases, with room for edits)."""

KEPT_CODES = 4
"""Versions of the code whose checked reports are kept: the most recently written (two
copies of progress-site can share a cache)."""
