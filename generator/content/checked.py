"""Progress reports as checked, remembered within the process by everything their check reads.

Checking a progress report against the plan is most of loading the content: with a long
history, every earlier report is checked again on every build, though none of them changed.
``serve`` loads the content again after every save, in the same process, so each report's
checked fields are kept here by the digest of what the check reads (``Reports.key``): the
file's bytes, the release and its place among the releases, the plan it refers to and the
report before it (whose progress an entry can carry forward). Only a report checked without
a problem is kept, so a report taken from here adds no problem either.

Only the reports the last load used are kept: one history's worth, whatever was edited.
"""

from __future__ import annotations

import hashlib
from typing import Any


class Reports:
    """The checked fields of the progress reports the last load used, by ``key``."""

    def __init__(self) -> None:
        self.kept: dict[bytes, dict[str, Any]] = {}
        self.used: dict[bytes, dict[str, Any]] = {}

    @staticmethod
    def key(*parts: str | bytes) -> bytes:
        hasher = hashlib.sha256()
        for part in parts:
            data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
            hasher.update(len(data).to_bytes(8, "big"))
            hasher.update(data)
        return hasher.digest()

    def get(self, key: bytes) -> dict[str, Any] | None:
        """A copy of the fields kept under ``key``, if any (its containers are not shared)."""
        found = self.kept.get(key)
        if found is None:
            return None
        self.used[key] = found
        return _copied(found)

    def keep(self, key: bytes, fields: dict[str, Any]) -> None:
        self.used[key] = _copied(fields)

    def finish(self) -> None:
        """The load is over: keep what it used, and nothing else."""
        self.kept, self.used = self.used, {}


def _copied(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: dict(v) if isinstance(v, dict) else v for k, v in fields.items()}


REPORTS = Reports()
