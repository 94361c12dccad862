"""Lighthouse on a built site: accessibility, best practices, SEO and performance (with its
Largest Contentful Paint) of one page of each type, as a phone on slow 4G sees it.

    python -m generator.dev.lighthouse SITE [--lighthouse PATH] [--chrome PATH] [--json]

SITE is a built site (``progress-site build --out SITE``); its newest release is measured.
Lighthouse 12 is not a Python package: install it with ``npm i -E lighthouse@12.2.3`` and
give its ``node_modules/.bin/lighthouse``. The site is served on localhost for the run, so
the figures leave out the network's distance but include the simulated slow connection.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CATEGORIES = ("accessibility", "best-practices", "seo", "performance")
PAGE_TYPES = {
    "home": "",
    "recommendation": "recommendations/1/",
    "kpi": "kpis/{kpi}/",
    "changes": "changes/",
}
"""The four page types measured, relative to the newest release."""


@dataclass(frozen=True)
class Score:
    page: str
    path: str
    accessibility: int
    best_practices: int
    seo: int
    performance: int
    lcp_seconds: float
    failed: tuple[str, ...]
    """The audits that lost points in accessibility and best practices."""


class _Compressing(SimpleHTTPRequestHandler):
    """Serves text gzip-compressed, as the hosts a site is published on do (GitHub Pages,
    S3 behind a CDN), so that the simulated slow connection carries what a reader's would."""

    def send_head(self) -> Any:  # the base class returns a file or None
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        text = kind.startswith("text/") or kind in _TEXT
        if not (path.is_file() and text and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args: object) -> None:
        pass


_TEXT = {"application/javascript", "application/json", "image/svg+xml", "application/xml"}


@contextmanager
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Compressing, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def newest(site: Path) -> str:
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    return str(versions[0]["version"])


def pages(site: Path) -> dict[str, str]:
    """Each page type's path in the newest release (the first KPI with a page)."""
    version = newest(site)
    kpis = sorted(p.parent.name for p in (site / version / "kpis").glob("*/index.html"))
    kpi = kpis[0] if kpis else ""
    return {
        name: f"{version}/{path.format(kpi=kpi)}"
        for name, path in PAGE_TYPES.items()
        if kpi or "{kpi}" not in path
    }


def score(report: dict, name: str, path: str) -> Score:
    """The scores in a Lighthouse JSON report, out of 100."""
    categories = report["categories"]

    def points(category: str) -> int:
        value = categories[category]["score"]
        return round(100 * value) if value is not None else 0

    failed = []
    for category in ("accessibility", "best-practices"):
        for ref in categories[category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failed.append(f"{category}: {ref['id']}")
    lcp = report["audits"]["largest-contentful-paint"]["numericValue"] / 1000
    return Score(
        name,
        path,
        points("accessibility"),
        points("best-practices"),
        points("seo"),
        points("performance"),
        round(lcp, 2),
        tuple(failed),
    )


def run(lighthouse: str, url: str, chrome: str) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "report.json"
        subprocess.run(
            [
                lighthouse,
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": chrome},
            stdout=subprocess.DEVNULL,
        )
        return json.loads(out.read_text(encoding="utf-8"))


def measure(site: Path, lighthouse: str, chrome: str) -> list[Score]:
    with served(site) as base:
        return [
            score(run(lighthouse, base + path, chrome), n, path) for n, path in pages(site).items()
        ]


def table(scores: Sequence[Score]) -> str:
    lines = ["page            a11y  best  seo  perf  LCP (s)"]
    for s in scores:
        lines.append(
            f"{s.page:<15} {s.accessibility:>4} {s.best_practices:>5} {s.seo:>4} "
            f"{s.performance:>5}  {s.lcp_seconds:>6.2f}"
        )
        lines += [f"    lost: {audit}" for audit in s.failed]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site")
    parser.add_argument("--lighthouse", default=shutil.which("lighthouse") or "lighthouse")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    if not (args.site / "versions.json").is_file():
        print(f"{args.site} is not a built site (no versions.json)", file=sys.stderr)
        return 1
    scores = measure(args.site, args.lighthouse, args.chrome)
    print(json.dumps([asdict(s) for s in scores], indent=2) if args.json else table(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
