"""What ``deploy`` sends: a built site's files, in the order a reader may safely meet them.

Every version's own files go first. The files that point readers at versions come last:
``latest/``, the feeds, the root pages and sitemaps, and ``versions.json`` at the very end,
so that the version selector never lists a version that is not yet there. Each file carries
the ``Content-Type`` and ``Cache-Control`` it is served with.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import mimetypes
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ProgressSiteError

VERSIONS = "versions.json"
KEPT_HIDDEN = (".nojekyll",)
"""Hidden files at the site's root that are deployed (GitHub Pages reads ``.nojekyll``)."""

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".gz": "application/gzip",
    ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2",
    ".ico": "image/x-icon",
}

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.min\.(css|js)$")
"""The theme's assets named by their content (``main.57a0d79d.min.css``): they never change."""
NO_CACHE = "no-cache"
"""Checked with the server on every visit: the files that name the newest version."""
SHORT = "public, max-age=300"
FOREVER = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class SiteFile:
    path: str
    """Relative to the site's root, with ``/`` separators."""
    source: Path
    digest: str
    """SHA-256 of the content."""
    last: bool
    """One of the files that point at versions, sent after every version's own."""

    @property
    def content_type(self) -> str:
        if self.path.endswith("feed.xml"):
            return "application/atom+xml"
        suffix = Path(self.path).suffix.lower()
        if suffix in TYPES:
            return TYPES[suffix]
        guessed, _ = mimetypes.guess_type(self.path)
        return guessed or "application/octet-stream"

    @property
    def cache_control(self) -> str:
        if self.last:
            return NO_CACHE
        if FINGERPRINTED.search(self.path):
            return FOREVER
        return SHORT


UNSEEN = {"Cc", "Cs", "Zl", "Zp"}
"""Control characters, lone surrogates and line breaks: never in a name deploy sends."""


def plain_path(path: str) -> bool:
    """A path a deploy could have sent: relative, inside the site, in plain characters."""
    parts = path.split("/")
    return (
        bool(path)
        and all(part not in ("", ".", "..") for part in parts)
        and not odd_characters(path)
    )


def odd_characters(text: str) -> bool:
    """Whether ``text`` holds a control character, a lone surrogate, a line break or ``\\``."""
    return any(c == "\\" or unicodedata.category(c) in UNSEEN for c in text)


def spelled(text: str) -> str:
    """A name for a one-line message: its invisible characters spelled out (``\\n``)."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


DRAFT_MARK = "<strong>Draft – not published.</strong> This is a preview of"
"""What every page of a draft release says (site_templates/theme/main.html)."""


def versions(site_dir: Path) -> list[str]:
    """The site's versions, newest first, from its ``versions.json``; a site built with
    draft releases (a preview) is refused."""
    path = site_dir / VERSIONS
    if not path.is_file():
        raise ProgressSiteError(
            f"{site_dir} has no {VERSIONS}: build the site first (progress-site build)"
        )
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        found = [(str(entry["version"]), str(entry["title"])) for entry in entries]
    except (ValueError, TypeError, KeyError, AttributeError):
        raise ProgressSiteError(
            f"{spelled(str(path))} is not a progress-site {VERSIONS} (a list of versions, each "
            "with a version and a title): build the site again (progress-site build)"
        ) from None
    drafts = [
        version
        for version, title in found
        if title.endswith(" (draft)") and _says_draft(site_dir / version / "index.html")
    ]
    if drafts:
        raise ProgressSiteError(
            f"{site_dir} is a preview with draft releases ({', '.join(drafts)}): build it "
            "again without --drafts, or publish them first"
        )
    if not found:
        raise ProgressSiteError(
            f"{site_dir} has no published release: publish one (progress-site publish ID) "
            "and build again"
        )
    return [version for version, _ in found]


def _says_draft(page: Path) -> bool:
    try:
        return DRAFT_MARK in page.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def stage(item: SiteFile) -> int:
    """Which of the stages sent one after another a file belongs to: 0 the versions' own
    files, then ``latest/``, the feeds, the root pages and sitemaps, and ``versions.json``."""
    return _order(item.path) if item.last else 0


def _order(path: str) -> int:
    """Where a file of the last group goes: latest/, feeds, root pages, versions.json."""
    if path == VERSIONS:
        return 4
    if path.startswith("latest/"):
        return 1
    if "/" in path and not path.startswith("feeds/"):
        return 0
    return 2 if path.startswith("feeds/") else 3


def site_files(site_dir: Path) -> list[SiteFile]:
    """Every file of the built site in the order it is sent; hidden files are left out."""
    own = set(versions(site_dir))
    found = []
    for root, dirs, names in os.walk(site_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(root)
        for name in sorted(names):
            rel = (base / name).relative_to(site_dir).as_posix()
            if name.startswith(".") and rel not in KEPT_HIDDEN:
                continue
            source = base / name
            if not source.is_file():
                continue
            if not plain_path(rel):
                raise ProgressSiteError(
                    f"{spelled(str(source))}: a file name deploy cannot send (a control "
                    "character, a line break or a backslash); is this a site progress-site built?"
                )
            last = rel.split("/", 1)[0] not in own
            found.append(SiteFile(rel, source, _digest(source), last))
    return sorted(found, key=lambda f: (f.last, stage(f), f.path))


@contextlib.contextmanager
def reading(site_dir: Path) -> Iterator[None]:
    """Hold the build lock of ``site_dir`` while it is read, so no build swaps it meanwhile."""
    real = site_dir.absolute().resolve()
    try:
        fd = os.open(real.parent / f".{real.name}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC)
    except OSError:
        yield  # a read-only place: nothing builds there either
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ProgressSiteError(
                f"a build into {site_dir} is running; wait for it to finish and deploy again"
            ) from None
        yield
    finally:
        os.close(fd)
