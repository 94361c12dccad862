"""Sizes and memory for the benchmark: the largest page of each type, the navigation's share
of it, and the peak memory of a build run in a process of its own."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def largest_pages(site_dir: Path) -> dict[str, dict[str, Any]]:
    """For every page type in the site's versions: its largest page, size and navigation share."""
    largest: dict[str, dict[str, Any]] = {}
    for version in sorted(p for p in site_dir.iterdir() if p.is_dir() and p.name != "latest"):
        for path in version.rglob("*.html"):
            kind = page_type(path.relative_to(version))
            size = path.stat().st_size
            if kind not in largest or size > largest[kind]["bytes"]:
                largest[kind] = {"page": str(path.relative_to(site_dir)), "bytes": size}
    for entry in largest.values():
        text = (site_dir / entry["page"]).read_text(encoding="utf-8")
        entry["kb"] = round(entry["bytes"] / 1024, 1)
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
