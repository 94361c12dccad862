"""The benchmark runs end to end and reports every figure (its values are not asserted)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from generator.cli import cli
from generator.dev import bench as bench
from generator.dev.synthetic import Scale


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
        "max_page_kb",
        "scale_2x_ratio",
        "generator_share",
        "incremental_48_vs_single",
        "peak_rss_mb",
        "hostile_text_ratio",
        "preview_refresh_vs_single",
    ]
    assert all(isinstance(value, float) and value > 0 for value in figures.values())
    assert "incremental_vs_single" in result.stdout and "goal" in result.stdout
    assert "publish one more onto 3 / build that version alone" in result.stdout
    for kind in ("home", "recommendations/*", "changes", "changes/baseline", "kpis/*"):
        assert any(line.startswith(f"{kind} ") for line in result.stdout.splitlines()), kind
