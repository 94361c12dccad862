"""``progress-site bench``: the speed and size figures, measured in one run on synthetic content.

Every figure is a ratio of two times measured in the same run (or a size), so it says the
same on a fast machine and a slow one. The goals are in ``GOALS``; a run is reported in
docs/explanation/performance.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator import BASE_MKDOCS_YML
from generator.content.validate import load_content
from generator.dev.bench_engines import engine_figures
from generator.dev.hostile import write_long_texts
from generator.dev.measure import PAGE_DOM, PAGE_GZIP_KB, largest_pages, measured_build
from generator.dev.synthetic import Scale, write_content
from generator.facts.derive import release_views
from generator.render.pages import mkdocs_config, render_release
from generator.site.build import BuildResult, build_site
from generator.site.preview import Preview
from generator.site.serve import snapshot

GOALS = {
    "incremental_vs_single": ("<=", 1.2),
    "incremental_vs_mike": ("<=", 1.0),
    "parallel_vs_serial": ("<=", 0.55),
    "per_page_vs_markdown": ("<=", 2.5),
    "max_page_gzip_kb": ("<=", PAGE_GZIP_KB),
    "max_page_dom": ("<=", float(PAGE_DOM)),
    "scale_2x_ratio": ("<=", 2.1),
    "generator_share": ("<=", 0.10),
    "incremental_48_vs_single": ("<=", 1.2),
    "peak_rss_mb": ("<=", 1024.0),
    "hostile_text_ratio": ("<=", 2.0),
    "preview_refresh_vs_single": ("<=", 0.2),
    "zensical_vs_mkdocs": ("<=", 1.2),
    "zensical_vs_mkdocs_refresh": ("<=", 1.0),
}
DESCRIPTIONS = {
    "incremental_vs_single": "publish one more release onto {releases} / build that version alone",
    "incremental_vs_mike": "the same publish / mike deploy of that version",
    "parallel_vs_serial": "full rebuild with all cores / with one",
    "per_page_vs_markdown": "build time per page / Python-Markdown per page",
    "max_page_gzip_kb": "largest page at {actions} actions, gzip-compressed (KB)",
    "max_page_dom": "most HTML elements in a page at {actions} actions",
    "scale_2x_ratio": "build of a plan twice the size / the plan of {doubled} actions",
    "generator_share": "share of a full build spent in progress-site itself",
    "incremental_48_vs_single": "publish one more onto {history} / build that version alone",
    "peak_rss_mb": "peak memory of one process of a full build (MB)",
    "hostile_text_ratio": "build of a plan whose every text is 32,767 hostile characters / plain",
    "preview_refresh_vs_single": "preview updated after saving a narrative / build of that version",
    "zensical_vs_mkdocs": "cold build of one version with Zensical / with MkDocs",
    "zensical_vs_mkdocs_refresh": "preview refresh after a narrative change: Zensical / MkDocs",
}


HISTORY = 48


@dataclass(frozen=True)
class Settings:
    scale: Scale
    big_actions: int
    """The plan size at which the largest page is measured."""
    history: Scale = Scale(recommendations=8, kpis=4, releases=HISTORY)
    """The content onto which one more release is published after a long history."""
    doubled: int | None = None
    """The recommendations of the plan whose size is doubled (``scale_2x_ratio``); by
    default the scale's."""


def settings(quick: bool) -> Settings:
    if quick:
        return Settings(Scale(recommendations=24, releases=8), big_actions=1000)
    return Settings(
        Scale(recommendations=100, releases=24),
        big_actions=1000,
        history=Scale(recommendations=100, releases=HISTORY),
        doubled=333,  # about 2,500 actions, doubled to 5,000
    )


def _timed(step: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = step()
    return time.perf_counter() - started, result


def _drop_last_release(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    releases = yaml.safe_load((target / "releases.yaml").read_text())
    last = releases["releases"].pop()
    (target / "releases.yaml").write_text(yaml.safe_dump(releases, sort_keys=False))
    (target / "progress" / f"{last['id']}.yaml").unlink()
    return target


def _add_last_release(source: Path, target: Path) -> Path:
    """Add the newest release of ``source`` to ``target`` (``source`` less that release), as
    the monthly routine does: in the same content folder, its entry in releases.yaml and its
    progress report."""
    shutil.copyfile(source / "releases.yaml", target / "releases.yaml")
    last = yaml.safe_load((source / "releases.yaml").read_text())["releases"][-1]["id"]
    shutil.copyfile(source / "progress" / f"{last}.yaml", target / "progress" / f"{last}.yaml")
    return target


MIKE = "import sys; from mike.driver import main; sys.exit(main())"


def _mike_deploy(content_dir: Path, work: Path) -> float | None:
    """Time ``mike deploy`` of the newest version's pages in a fresh git repository."""
    if shutil.which("git") is None:
        return None
    try:
        import mike  # noqa: F401
    except ImportError:
        return None
    content = load_content(content_dir)
    views = release_views(content)
    repo = work / "mike-repo"
    docs = repo / "docs"
    render_release(views[-1], docs, earlier=views[:-1])
    config = repo / "mkdocs.yml"
    config.write_text(
        mkdocs_config(views[-1], BASE_MKDOCS_YML, docs, repo / "site"), encoding="utf-8"
    )
    path = os.environ.get("PATH", "")  # mike runs the mkdocs command installed beside it
    git = ["git", "-C", str(repo)]
    for command in (
        ["init", "-q", "-b", "main"],
        ["config", "user.email", "bench@example.org"],
        ["config", "user.name", "bench"],
        ["add", "."],
        ["commit", "-q", "-m", "content"],
    ):
        subprocess.run([*git, *command], check=True, capture_output=True)
    seconds, result = _timed(
        lambda: subprocess.run(
            [sys.executable, "-c", MIKE, "deploy", "--config-file", str(config), "bench"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{path}"},
        )
    )
    if result.returncode != 0:
        raise RuntimeError(f"mike deploy failed:\n{result.stdout}{result.stderr}")
    return seconds


def _markdown_seconds(content_dir: Path, work: Path) -> tuple[float, int]:
    """Python-Markdown alone on every page of every version, with the site's extensions."""
    import markdown

    content = load_content(content_dir)
    views = release_views(content)
    sources = []
    for index, view in enumerate(views):
        docs = work / "markdown" / view.release.id
        written = render_release(view, docs, earlier=views[:index])
        sources += [(docs / path).read_text(encoding="utf-8") for path in written]
    extensions = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc"]
    extensions += ["pymdownx.critic", "pymdownx.emoji"]

    def convert() -> None:
        for text in sources:
            markdown.Markdown(extensions=extensions).convert(text)

    seconds, _ = _timed(convert)
    return seconds, len(sources)


def _settled(out: Path, limit: float = 300.0) -> None:
    """Wait until the outputs that earlier builds beside ``out`` replaced have been removed (a
    build leaves that to a process of its own), so that a timed build does not share the
    cores with it: a monthly publish does not follow the last one within seconds, and one
    figure's builds do not slow the next figure's."""
    deadline = time.monotonic() + limit
    while any(out.parent.glob(".*.old-*")) and time.monotonic() < deadline:
        time.sleep(0.2)


def _build(
    content: Path, out: Path, jobs: int | None = None, cache: Path | None = None
) -> tuple[float, BuildResult]:
    """A timed build; its chart cache is ``cache`` (warm) or else a new, empty one (cold)."""
    return _build_with(lambda: build_site(content, out, jobs=jobs), out, cache)


def _build_with(
    build: Callable[[], BuildResult], out: Path, cache: Path | None
) -> tuple[float, BuildResult]:
    """``build()`` timed, with ``cache`` as its cache (or else a new, empty one)."""
    _settled(out)
    previous = os.environ.get("PROGRESS_SITE_CACHE")
    os.environ["PROGRESS_SITE_CACHE"] = str(cache or Path(tempfile.mkdtemp(dir=out.parent)))
    try:
        return _timed(build)
    finally:
        if previous is None:
            del os.environ["PROGRESS_SITE_CACHE"]
        else:
            os.environ["PROGRESS_SITE_CACHE"] = previous


def _history_ratio(history: Scale, work: Path, log: Callable[[str], None]) -> float:
    """Publishing one release onto ``history.releases`` / building that version alone."""
    full = write_content(work / "history", replace(history, releases=history.releases + 1))
    base = _drop_last_release(full, work / "history-base")
    charts = work / "history-charts"
    log(f"Full build of {history.releases} releases, then publishing one more...")
    _build(base, work / "history-site", cache=charts)
    _add_last_release(full, base)
    seconds, result = _build(base, work / "history-site", cache=charts)
    return seconds / sum(r.seconds for r in result.releases)


def _preview_refresh(content: Path, work: Path, cache: Path) -> float:
    """Seconds from saving a changed narrative in the newest release of ``content`` to the
    preview being up to date: noticing the change, then rebuilding what it reaches."""
    copy = shutil.copytree(content, work / "preview-content")
    preview = Preview(work / "preview-work")
    out = work / "preview-site"
    _build_with(lambda: build_site(copy, out, drafts=True, preview=preview), out, cache)
    newest = sorted((copy / "progress").glob("*.yaml"))[-1]
    text = newest.read_text(encoding="utf-8")
    edited = re.sub(r"narrative: (\w+)", r"narrative: Revised, \1", text, count=1)
    assert edited != text, "no narrative to change"
    newest.write_text(edited, encoding="utf-8")

    def refresh() -> BuildResult:
        snapshot([copy])
        return build_site(copy, out, drafts=True, preview=preview)

    seconds, result = _build_with(refresh, out, cache)
    assert [b.id for b in result.releases] == [newest.stem]
    return seconds


def _largest(scale: Scale, big_actions: int, work: Path) -> tuple[dict[str, Any], int]:
    """The largest page of each type at about ``big_actions`` actions, and the actions."""
    per_action = sum(scale.actions_per_recommendation) / 2
    big_recs = max(1, round(big_actions / per_action))
    big = write_content(work / "big", replace(scale, recommendations=big_recs, releases=2))
    _build(big, work / "big-site")
    actions = sum(len(r.actions) for r in load_content(big).recommendations)
    return largest_pages(work / "big-site"), actions


def run(quick: bool, log: Callable[[str], None] = lambda message: None) -> dict[str, Any]:
    """Measure every figure; returns them with the scale they were measured at."""
    chosen = settings(quick)
    scale = chosen.scale
    work = Path(tempfile.mkdtemp(prefix="progress-site-bench-"))
    try:
        full = write_content(work / "full", replace(scale, releases=scale.releases + 1))
        base = _drop_last_release(full, work / "base")
        actions = sum(len(r.actions) for r in load_content(base).recommendations)

        log(f"Serial full build of {scale.releases} releases ({actions} actions)...")
        serial_seconds, serial = _build(base, work / "serial", jobs=1)
        log("Parallel full build, in a process of its own to measure its memory...")
        charts = work / "chart-cache"
        charts.mkdir()
        routine = shutil.copytree(base, work / "routine")  # where the next release is added
        parallel = measured_build(
            routine, work / "parallel", {**os.environ, "PROGRESS_SITE_CACHE": str(charts)}
        )
        log("Publishing one more release onto the parallel build...")
        _add_last_release(full, routine)
        incremental_seconds, incremental = _build(routine, work / "parallel", cache=charts)
        single_seconds = sum(r.seconds for r in incremental.releases)
        log("Saving a narrative in the newest release of a preview of the same content...")
        preview_seconds = _preview_refresh(full, work, charts)
        log("mike deploy of the same version...")
        _settled(work / "parallel")
        mike_seconds = _mike_deploy(full, work)
        log("Python-Markdown alone on the same pages...")
        markdown_seconds, _ = _markdown_seconds(base, work)
        history_ratio = _history_ratio(chosen.history, work, log)

        log(f"Largest page of each type at about {chosen.big_actions} actions...")
        pages, big_actions = _largest(scale, chosen.big_actions, work)
        largest = max(pages.values(), key=lambda entry: entry["gzip_bytes"])
        most_elements = max(pages.values(), key=lambda entry: entry["dom"])

        doubled = chosen.doubled or scale.recommendations
        one = write_content(work / "one", replace(scale, releases=1, recommendations=doubled))
        two = write_content(work / "two", replace(scale, releases=1, recommendations=2 * doubled))
        one_actions = sum(len(r.actions) for r in load_content(one).recommendations)
        log(f"A plan of {one_actions} actions, then twice the plan...")
        one_seconds, _ = _build(one, work / "one-site", jobs=1)
        two_seconds, _ = _build(two, work / "two-site", jobs=1)

        log("A plan whose every text is 32,767 characters, plain then hostile...")
        plain_seconds, _ = _build(write_long_texts(work / "plain", False), work / "p", jobs=1)
        hostile_seconds, _ = _build(write_long_texts(work / "hostile", True), work / "h", jobs=1)

        engines = engine_figures(scale, work, log)

        generator = serial.timings["load"] + serial.timings["derive"] + serial.timings["render"]
        figures = {
            "incremental_vs_single": incremental_seconds / single_seconds,
            "incremental_vs_mike": incremental_seconds / mike_seconds if mike_seconds else None,
            "parallel_vs_serial": parallel["seconds"] / serial_seconds,
            "per_page_vs_markdown": serial_seconds / markdown_seconds,
            "max_page_gzip_kb": largest["gzip_bytes"] / 1024,
            "max_page_dom": float(most_elements["dom"]),
            "scale_2x_ratio": two_seconds / one_seconds,
            "generator_share": generator / serial.seconds,
            "incremental_48_vs_single": history_ratio,
            "peak_rss_mb": parallel["peak_rss_kb"] / 1024,
            "hostile_text_ratio": hostile_seconds / plain_seconds,
            "preview_refresh_vs_single": preview_seconds / single_seconds,
            **engines,
        }
        return {
            "figures": figures,
            "largest_page": largest["page"],
            "most_elements_page": most_elements["dom_page"],
            "pages": pages,
            "scale": {
                "recommendations": scale.recommendations,
                "actions": actions,
                "kpis": scale.kpis,
                "releases": scale.releases,
                "big_actions": big_actions,
                "history_recommendations": chosen.history.recommendations,
                "history_releases": chosen.history.releases,
                "doubled_actions": one_actions,
            },
            "seconds": {
                "serial": serial_seconds,
                "parallel": parallel["seconds"],
                "incremental": incremental_seconds,
                "single": single_seconds,
                "mike": mike_seconds,
                "markdown": markdown_seconds,
                "plain_texts": plain_seconds,
                "hostile_texts": hostile_seconds,
                "preview_refresh": preview_seconds,
            },
            "timings": serial.timings,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def table(report: dict[str, Any]) -> str:
    scale = report["scale"]
    lines = [f"{'figure':<24} {'value':>8}  {'goal':<8} {'':<4} what it compares", "-" * 100]
    for key, (op, goal) in GOALS.items():
        value = report["figures"][key]
        shown = (
            "n/a" if value is None else f"{value:.0f}" if key == "max_page_dom" else f"{value:.2f}"
        )
        met = "" if value is None else ("ok" if value <= goal else "MISS")
        description = DESCRIPTIONS[key].format(
            releases=scale["releases"],
            actions=scale["big_actions"],
            history=scale["history_releases"],
            doubled=scale["doubled_actions"],
        )
        lines.append(f"{key:<24} {shown:>8}  {op} {goal:<5} {met:<4} {description}")
    lines.append(
        f"\nScale: {scale['recommendations']} recommendations, {scale['actions']} actions, "
        f"{scale['kpis']} KPIs, {scale['releases']} releases; largest page: "
        f"{report['largest_page']}; most elements: {report['most_elements_page']}"
    )
    lines.append(
        f"\n{'page type':<24} {'gzip KB':>8} {'KB':>8}  {'nav':>5} {'elements':>8}  largest page"
    )
    for kind, entry in report["pages"].items():
        share = f"{entry['navigation_share']:.0%}"
        lines.append(
            f"{kind:<24} {entry['gzip_kb']:>8.1f} {entry['kb']:>8.1f}  {share:>5} "
            f"{entry['dom']:>8}  {entry['page']}"
        )
    return "\n".join(lines)
