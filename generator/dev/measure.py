"""Sizes and memory for the benchmark: the largest page of each type (compressed, as sent,
and in HTML elements, as a browser builds it), the navigation's share of it, and the peak
memory of a build run in a process of its own."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

PAGE_GZIP_KB = 60.0
"""No page of a 1,000-action plan is larger than this, gzip-compressed as a server sends it."""
PAGE_DOM = 3000
"""No page of a 1,000-action plan has more HTML elements than this."""

_NAV_TAG = re.compile(r"<(/?)nav\b[^>]*>")
_PRIMARY = re.compile(r'<nav class="md-nav md-nav--primary"')


def page_type(relative: Path) -> str:
    """A page's type from its path inside its version: ``recommendations/*``, ``home``..."""
    parts = relative.parts[:-1]
    if not parts:
        return "home" if relative.name == "index.html" else relative.name
    if parts[:2] == ("changes", "baseline"):
        return "changes/baseline" if len(parts) == 2 else "changes/baseline/*"
    return parts[0] if len(parts) == 1 else f"{parts[0]}/*"


def navigation_bytes(page: str) -> int:
    """Bytes of the page's main navigation (Material's primary ``md-nav``), nested navs and all."""
    found = _PRIMARY.search(page)
    if found is None:
        return 0
    depth = 0
    for tag in _NAV_TAG.finditer(page, found.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return len(page[found.start() : tag.end()].encode("utf-8"))
    return 0


class _Elements(HTMLParser):
    """Counts the elements of a page: every start tag, void and self-closed ones included."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.count += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.count += 1


def dom_elements(page: str) -> int:
    """How many HTML elements a page has, read with an HTML parser."""
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser.count


def gzip_bytes(data: bytes) -> int:
    """The size of ``data`` gzip-compressed at the level web servers commonly use (6)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(path: Path) -> tuple[float, int]:
    """A built page's gzip-compressed size in KB and its number of HTML elements."""
    data = path.read_bytes()
    return gzip_bytes(data) / 1024, dom_elements(data.decode("utf-8"))


def site_pages(site_dir: Path) -> list[tuple[Path, Path]]:
    """Every HTML page of the site's versions (``latest`` is a copy): (version, page)."""
    versions = sorted(p for p in site_dir.iterdir() if p.is_dir() and p.name != "latest")
    return [(version, path) for version in versions for path in sorted(version.rglob("*.html"))]


def largest_pages(site_dir: Path) -> dict[str, dict[str, Any]]:
    """For every page type in the site's versions: its largest page (compressed), its sizes and
    navigation share, and the most elements any page of the type has."""
    largest: dict[str, dict[str, Any]] = {}
    for version, path in site_pages(site_dir):
        kind = page_type(path.relative_to(version))
        data = path.read_bytes()
        packed = gzip_bytes(data)
        elements = dom_elements(data.decode("utf-8"))
        entry = largest.setdefault(kind, {"gzip_bytes": -1, "dom": -1})
        if packed > entry["gzip_bytes"]:
            entry.update(page=str(path.relative_to(site_dir)), bytes=len(data), gzip_bytes=packed)
        if elements > entry["dom"]:
            entry.update(dom=elements, dom_page=str(path.relative_to(site_dir)))
    for entry in largest.values():
        text = (site_dir / entry["page"]).read_text(encoding="utf-8")
        entry["kb"] = round(entry["bytes"] / 1024, 1)
        entry["gzip_kb"] = round(entry["gzip_bytes"] / 1024, 1)
        entry["navigation_share"] = round(navigation_bytes(text) / max(1, entry["bytes"]), 3)
    return dict(sorted(largest.items()))


_MEASURED_BUILD = """
import json, resource, sys, time
from pathlib import Path
from generator.site.build import build_site
started = time.perf_counter()
build_site(Path(sys.argv[1]), Path(sys.argv[2]))
seconds = time.perf_counter() - started
rss = max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"seconds": seconds, "peak_rss_kb": rss}))
"""


def measured_build(content: Path, out: Path, env: dict[str, str]) -> dict[str, float]:
    """A full build in a process of its own: its seconds and the peak memory (KB) of the
    largest single process it ran (the build, or one of its workers or version builds)."""
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURED_BUILD, str(content), str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"the measured build failed:\n{proc.stdout}{proc.stderr}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result
