"""The benchmark runs end to end and reports every figure (its values are not asserted)."""

from __future__ import annotations

import importlib.util
import json
import os

from click.testing import CliRunner

from generator.cli import cli
from generator.dev import bench as bench
from generator.dev.synthetic import Scale

ENGINES_REQUIRED = os.environ.get("PROGRESS_SITE_ENGINES") == "required"


def test_bench_reports_every_figure(monkeypatch):
    tiny = bench.Settings(
        Scale(recommendations=3, releases=2, kpis=2),
        big_actions=20,
        history=Scale(recommendations=2, releases=3, kpis=2),
    )
    monkeypatch.setattr(bench, "settings", lambda quick: tiny)
    result = CliRunner().invoke(cli, ["bench", "--quick", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert list(figures) == [
        "incremental_vs_single",
        "incremental_vs_mike",
        "parallel_vs_serial",
        "per_page_vs_markdown",
        "max_page_gzip_kb",
        "max_page_dom",
        "scale_2x_ratio",
        "generator_share",
        "incremental_48_vs_single",
        "peak_rss_mb",
        "hostile_text_ratio",
        "preview_refresh_vs_single",
        "zensical_vs_mkdocs",
        "zensical_vs_mkdocs_refresh",
    ]
    engines = ("zensical_vs_mkdocs", "zensical_vs_mkdocs_refresh")
    if importlib.util.find_spec("zensical") is None and not ENGINES_REQUIRED:
        assert [figures.pop(key) for key in engines] == [None, None]
    assert all(isinstance(value, float) and value > 0 for value in figures.values())
    assert "incremental_vs_single" in result.stdout and "goal" in result.stdout
    assert "publish one more onto 3 / build that version alone" in result.stdout
    assert "max_page_kb" not in result.stdout
    assert "largest page at 24 actions, gzip-compressed (KB)" in result.stdout
    assert "most HTML elements in a page at 24 actions" in result.stdout
    header = next(line for line in result.stdout.splitlines() if line.startswith("page type"))
    assert header.split() == [
        "page",
        "type",
        "gzip",
        "KB",
        "KB",
        "nav",
        "elements",
        "largest",
        "page",
    ]
    for kind in ("home", "recommendations/*", "changes", "changes/baseline", "kpis/*"):
        assert any(line.startswith(f"{kind} ") for line in result.stdout.splitlines()), kind


def test_a_release_is_published_in_the_content_folder_it_was_built_from(tmp_path):
    from generator.dev.synthetic import write_content

    full = write_content(tmp_path / "full", Scale(recommendations=2, releases=3, kpis=2))
    base = bench._drop_last_release(full, tmp_path / "base")
    assert len(list((base / "progress").glob("*.yaml"))) == 2
    assert bench._add_last_release(full, base) == base
    for path in full.rglob("*"):
        if path.is_file():
            assert (base / path.relative_to(full)).read_bytes() == path.read_bytes()
