"""Where ``verify`` reads a site from: a built site directory or an http(s) address.

Only paths ``verify`` has checked are read (a release id, then ``data/`` and a file name),
never more than a limit of bytes, and never anything but a regular file from a directory.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from generator.content.files import read_limited
from generator.errors import ProgressSiteError

MAX_BYTES = 256 * 1024 * 1024
"""Far above the largest open-data file or history of a real plan."""
TIMEOUT = 60


class Missing(Exception):
    """The file is not there (no such file; HTTP 404)."""


class Source:
    """A site to read files from, by their path from the site root."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.is_web = where.lower().startswith(("http://", "https://"))
        if self.is_web:
            self.base = where if where.endswith("/") else where + "/"
        elif not Path(where).is_dir():
            problem = "does not exist" if not Path(where).exists() else "is not a directory"
            raise ProgressSiteError(
                f"{where} {problem}: give a built site directory or an http(s) address"
            )

    def name(self, path: str) -> str:
        """How to refer to ``path`` of this site in messages."""
        if self.is_web:
            return self.base + urllib.parse.quote(path)
        return str(Path(self.where) / path)

    def read(self, path: str) -> bytes:
        """The bytes of ``path``; Missing if it is not there, ProgressSiteError if it cannot be
        read."""
        return self._fetch(path) if self.is_web else self._open(path)

    def listing(self, folder: str) -> list[str] | None:
        """The names of the files in ``folder`` of a site directory; None over http(s)."""
        if self.is_web:
            return None
        full = Path(self.where) / folder
        return sorted(p.name for p in full.iterdir() if p.is_file()) if full.is_dir() else []

    def _open(self, path: str) -> bytes:
        full = Path(self.where) / path
        if not full.exists() and not full.is_symlink():
            raise Missing(path)
        data, problem = read_limited(full, MAX_BYTES)
        if data is None:
            raise ProgressSiteError(f"{full} {problem}")
        return data

    def _fetch(self, path: str) -> bytes:
        url = self.name(path)
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 - http(s)
                data = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            if exc.code in (404, 410):
                raise Missing(path) from None
            raise ProgressSiteError(f"cannot read {url} (HTTP {exc.code} {exc.reason})") from None
        except urllib.error.URLError as exc:
            raise ProgressSiteError(f"cannot reach {url} ({_reason(exc.reason)})") from None
        except (OSError, ValueError, http.client.HTTPException) as exc:  # timeouts, bad addresses
            raise ProgressSiteError(f"cannot reach {url} ({_reason(exc)})") from None
        if len(data) > MAX_BYTES:
            raise ProgressSiteError(f"{url} is too large (over {MAX_BYTES} bytes)")
        return data


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
