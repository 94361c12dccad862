"""The bench's comparison of the two site engines on the same synthetic version.

- ``zensical_vs_mkdocs``: a cold build of one version (no earlier output, no chart cache)
  with Zensical / the same with MkDocs;
- ``zensical_vs_mkdocs_refresh``: a preview refresh, the rebuild after one action's
  narrative is changed and saved, as ``serve`` does it (``Preview``: MkDocs builds only the
  pages that changed; Zensical the whole version, with its cache of the pages it rendered
  kept from the last build), with Zensical / MkDocs.

Both are None when Zensical is not installed.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import yaml

from generator.dev.synthetic import Scale, write_content
from generator.errors import ProgressSiteError
from generator.site.build import build_site
from generator.site.engine import ENGINES, require
from generator.site.preview import Preview

KEYS = ("zensical_vs_mkdocs", "zensical_vs_mkdocs_refresh")


def change_one_narrative(content_dir: Path) -> None:
    """An edit a comms officer makes: one more sentence in the newest release's first narrative."""
    newest = sorted((content_dir / "progress").glob("*.yaml"))[-1]
    data = yaml.safe_load(newest.read_text(encoding="utf-8"))
    first = next(iter(data["actions"].values()))
    first["narrative"] = f"{first['narrative']} Updated after the review meeting."
    newest.write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )


def _settled(out: Path, limit: float = 300.0) -> None:
    """Until the output a build replaced is removed (in a process of its own)."""
    deadline = time.monotonic() + limit
    while any(out.parent.glob(f".{out.name}.old-*")) and time.monotonic() < deadline:
        time.sleep(0.2)


def _timed_build(
    content: Path, out: Path, engine: str, cache: Path, preview: Preview | None = None
) -> float:
    _settled(out)
    previous = os.environ.get("PROGRESS_SITE_CACHE")
    os.environ["PROGRESS_SITE_CACHE"] = str(cache)
    try:
        started = time.perf_counter()
        build_site(content, out, jobs=1, drafts=True, engine=engine, preview=preview)
        return time.perf_counter() - started
    finally:
        if previous is None:
            del os.environ["PROGRESS_SITE_CACHE"]
        else:
            os.environ["PROGRESS_SITE_CACHE"] = previous


def engine_figures(
    scale: Scale, work: Path, log: Callable[[str], None] = lambda message: None
) -> dict[str, float | None]:
    """``KEYS``, measured on one version of a plan of ``scale``."""
    try:
        require("zensical")
    except ProgressSiteError as exc:
        log(f"Engines not compared: {exc}")
        return dict.fromkeys(KEYS)
    source = write_content(work / "engines-content", replace(scale, releases=1))
    cold: dict[str, float] = {}
    refresh: dict[str, float] = {}
    for engine in ENGINES:
        log(f"One version built cold with {engine}, then refreshed after a narrative change...")
        content = work / f"engines-{engine}" / "content"
        shutil.copytree(source, content)
        out, cache = content.parent / "site", content.parent / "chart-cache"
        cache.mkdir()
        cold[engine] = _timed_build(content, out, engine, cache)
        preview, previewed = Preview(content.parent / "preview-work"), content.parent / "preview"
        _timed_build(content, previewed, engine, cache, preview)  # serve's first build
        change_one_narrative(content)
        refresh[engine] = _timed_build(content, previewed, engine, cache, preview)
        _settled(out)
        _settled(previewed)
    return {
        "zensical_vs_mkdocs": cold["zensical"] / cold["mkdocs"],
        "zensical_vs_mkdocs_refresh": refresh["zensical"] / refresh["mkdocs"],
    }
