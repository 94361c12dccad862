"""Lighthouse 12 on every page type of built sites, as a phone sees them over a slow network.

Each site is served as a host serves it (text compressed with gzip, a 404 page for what is
not there) and every page type of its newest version is measured with Lighthouse's mobile
settings. A page type below the goals is reported with the audits that fell short, and the
run exits 1::

    npm i -E lighthouse@12.2.3 --prefix /tmp/lh
    LIGHTHOUSE_MODULES=/tmp/lh/node_modules python -m generator.dev.lighthouse site other-site

A performance score varies from run to run with what else the machine does, so Lighthouse's
authors advise taking the median of several runs: ``--runs 3`` measures every page three
times, in turn, and keeps each category's median. ``--retries 4`` measures a page that misses
a goal four more times and keeps the medians of its five runs: CI checks performance so, on
an idle machine, after the tests. ``--only performance`` measures one category.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

RUNNER = Path(__file__).with_name("lighthouse.mjs")
GOALS = {"accessibility": 1.0, "best-practices": 1.0, "seo": 0.9, "performance": 0.9}
NO_SEO = frozenset({"404"})
"""Page types whose SEO is not measured: a missing page is meant not to be indexed."""
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")


def newest_version(site: Path) -> str:
    """The id of the newest version: the first entry of the site's ``versions.json``."""
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    return str(versions[0]["version"])


def _first_page(folder: Path) -> str | None:
    pages = sorted(p.parent.name for p in folder.glob("*/index.html"))
    return f"{folder.name}/{pages[0]}/" if pages else None


def page_types(site: Path) -> dict[str, str]:
    """Each page type of the site's newest version that it has, by name: its address below
    the site's root."""
    version = newest_version(site)
    root = site / version
    found = {
        "home": "",
        "group": _first_page(root / "pillars"),
        "recommendation": _first_page(root / "recommendations"),
        "kpi": _first_page(root / "kpis"),
        "kpi index": "kpis/",
        "changes": "changes/",
        "comparison with the first report": "changes/baseline/",
        "report": "report/",
        "data": "data/",
        "glossary": "glossary/",
        "releases": "releases/",
        "leads": "leads/",
        "accessibility statement": "accessibility/",
    }
    pages = {
        name: f"{version}/{path}"
        for name, path in found.items()
        if path is not None and (root / path / "index.html").is_file()
    }
    pages["404"] = f"{version}/404.html"  # as shown for a missing page (Lighthouse measures
    return pages  # only pages served with status 200)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files as a static host serves them: text gzip-compressed, a 404 page where one is."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[no-untyped-def]  # noqa: ANN202
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        if path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        return self._send(200, path)

    def _not_found(self):  # type: ignore[no-untyped-def]  # noqa: ANN202
        parts = [p for p in self.path.split("?")[0].split("/") if p]
        root = Path(self.directory)
        page = root / parts[0] / "404.html" if parts else root / "404.html"
        page = page if page.is_file() else root / "404.html"
        if not page.is_file():
            self.send_error(404)
            return None
        return self._send(404, page)

    def _send(self, status: int, path: Path):  # type: ignore[no-untyped-def]  # noqa: ANN202
        import io

        body = path.read_bytes()
        compress = "gzip" in self.headers.get("Accept-Encoding", "")
        data = gzip.compress(body, 6) if compress else body
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(data)


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The site served on a free local port for the duration; yields its root address."""
    handler = partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Result:
    site: str
    page: str
    url: str
    scores: dict[str, float]
    failing: tuple[dict[str, object], ...]

    def shortfalls(self, goals: dict[str, float] = GOALS) -> list[str]:
        """Each category below its goal, with the audits that fell short."""
        found = []
        for category, goal in goals.items():
            if category == "seo" and self.page in NO_SEO or category not in self.scores:
                continue  # not measured
            score = self.scores.get(category)
            if score is None or score < goal:
                found.append(f"{category} {_percent(score)} (goal {_percent(goal)})")
        return found


def _percent(score: float | None) -> str:
    return "none" if score is None else str(round(score * 100))


def measure(
    site: Path,
    modules: Path,
    runs: int = 1,
    categories: Sequence[str] = tuple(GOALS),
    retries: int = 0,
) -> list[Result]:
    """Lighthouse's scores for every page type of the site (one Chromium a pass): with
    several runs, each category's median, and the audits that fell short in the run whose
    performance (or first category) was the median. A page that misses a goal is measured
    ``retries`` more times, and its medians are taken over all its runs."""
    pages = page_types(site)
    with served(site) as root:
        by_url: dict[str, list[dict]] = {}
        todo = [root + path for path in pages.values()] * runs
        for _ in range(2 if retries else 1):
            for line in _lighthouse(site, modules, todo, categories):
                by_url.setdefault(line["url"], []).append(line)
            results = [
                _median(site.name, name, path, by_url[root + path]) for name, path in pages.items()
            ]
            todo = [root + r.url for r in results if r.shortfalls()] * retries
            if not todo:
                break
    return results


def _lighthouse(
    site: Path, modules: Path, urls: Sequence[str], categories: Sequence[str]
) -> list[dict]:
    """What the runner reports for each address in turn, in one Chromium."""
    env = {**os.environ, "LIGHTHOUSE_MODULES": str(modules)}
    env.setdefault("CHROME_PATH", "/usr/bin/chromium")
    run = subprocess.run(
        [shutil.which("node") or "node", str(RUNNER)],
        input=json.dumps({"urls": list(urls), "categories": list(categories)}),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if run.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {site}: {run.stderr.strip()[-2000:]}")
    return [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]


def _median(site: str, page: str, path: str, runs: list[dict]) -> Result:
    scores = {
        category: (
            None
            if None in (values := [r["scores"][category] for r in runs])
            else statistics.median_low(values)
        )
        for category in runs[0]["scores"]
    }
    key = "performance" if "performance" in scores else next(iter(scores), None)
    middle = next((r for r in runs if r["scores"].get(key) == scores.get(key)), runs[0])
    return Result(site, page, path, scores, tuple(middle["failing"]))


def table(results: Sequence[Result]) -> str:
    """The scores as a plain table, one row a page type."""
    head = f"{'site':<16} {'page':<34} perf a11y best  seo"
    rows = [head]
    for r in results:
        s = [
            _percent(r.scores.get(c)) if c in r.scores else "-"
            for c in ("performance", "accessibility", "best-practices", "seo")
        ]
        rows.append(f"{r.site:<16} {r.page:<34} {s[0]:>4} {s[1]:>4} {s[2]:>4} {s[3]:>4}")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.dev.lighthouse")
    parser.add_argument("sites", nargs="+", type=Path, help="built sites (progress-site build)")
    parser.add_argument("--json", action="store_true", help="also print the results as JSON")
    parser.add_argument(
        "--runs", type=int, default=1, help="measure each page N times and keep the medians"
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=0,
        help="measure a page that misses a goal N more times and keep the medians of all runs",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(GOALS),
        help="measure this category only (may be repeated)",
    )
    args = parser.parse_args(argv)
    modules = os.environ.get("LIGHTHOUSE_MODULES")
    if not modules or not (Path(modules) / "lighthouse").is_dir():
        print(
            "Set LIGHTHOUSE_MODULES to the node_modules folder of "
            "'npm i -E lighthouse@12.2.3 --prefix DIR'",
            file=sys.stderr,
        )
        return 2
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.retries < 0:
        parser.error("--retries must be 0 or more")
    for site in args.sites:
        if not (site / "versions.json").is_file():
            parser.error(
                f"{site} is not a built site (it has no versions.json): build one with "
                "progress-site build --out DIR"
            )
    categories = args.only or list(GOALS)
    try:
        results = [
            r
            for site in args.sites
            for r in measure(site, Path(modules), args.runs, categories, args.retries)
        ]
    except (RuntimeError, OSError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    print(table(results))
    if args.json:
        print(json.dumps([r.__dict__ for r in results]))
    short = [(r, r.shortfalls()) for r in results if r.shortfalls()]
    for result, shortfalls in short:
        audits = ", ".join(f"{a['id']} {a['value']}".strip() for a in result.failing)
        print(f"{result.site} {result.page}: {'; '.join(shortfalls)}: {audits}", file=sys.stderr)
    return 1 if short else 0


if __name__ == "__main__":
    sys.exit(main())
