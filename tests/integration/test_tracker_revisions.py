"""A tracker exported from a plan with a revised KPI value reads back unchanged."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from tests.integration.conftest import run_cli

STRATEGIC_PLAN = Path(__file__).parents[1] / "data" / "strategic-plan"


def test_a_revised_value_is_one_row_and_the_workbook_imports_back_unchanged(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(STRATEGIC_PLAN, content)
    tracker = tmp_path / "tracker.xlsx"
    result = run_cli(
        "export-tracker", "2026-07-15", "--out", str(tracker), "--content", str(content)
    )
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(tracker)["KPIs"]
    assert [c.value for c in sheet[1]] == ["KPI", "Title", "Date", "Value", "Period"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    graduation = [r[2:] for r in rows if r[0] == "graduation-rate"]
    assert graduation == [
        (datetime(2023, 6, 30), 84.9, "2022-23"),
        (datetime(2024, 6, 30), 85.7, "2023-24"),
        (datetime(2025, 6, 30), 86.9, "2024-25"),
    ]
    before = (content / "kpi-values.csv").read_bytes()
    args = ("--release", "2026-10-15", "--date", "2026-10-15", "--content", str(content))
    result = run_cli("import-tracker", str(tracker), *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Created draft release 2026-10-15: 0 actions updated, 0 KPI")
    assert (content / "kpi-values.csv").read_bytes() == before


def test_a_row_giving_the_value_before_its_revision_is_not_a_conflict(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(STRATEGIC_PLAN, content)
    tracker = tmp_path / "tracker.xlsx"
    result = run_cli(
        "export-tracker", "2026-07-15", "--out", str(tracker), "--content", str(content)
    )
    assert result.returncode == 0, result.stderr
    book = load_workbook(tracker)
    book["KPIs"].append(
        ["graduation-rate", "Four-year graduation rate", datetime(2024, 6, 30), 86.4]
    )
    book.save(tracker)
    before = (content / "kpi-values.csv").read_bytes()
    args = ("--release", "2026-10-15", "--date", "2026-10-15", "--content", str(content))
    result = run_cli("import-tracker", str(tracker), *args)
    assert result.returncode == 0, result.stderr
    assert (content / "kpi-values.csv").read_bytes() == before


def test_a_value_for_a_period_before_a_published_release_is_published_with_the_draft(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(STRATEGIC_PLAN, content)
    tracker = tmp_path / "tracker.xlsx"
    result = run_cli(
        "export-tracker", "2026-07-15", "--out", str(tracker), "--content", str(content)
    )
    assert result.returncode == 0, result.stderr
    book = load_workbook(tracker)
    book["KPIs"].append(
        ["chronic-absence", "Students chronically absent", datetime(2026, 6, 30), 20.5, "2026 Q2"]
    )
    book.save(tracker)
    args = ("--release", "2026-10-15", "--date", "2026-10-15", "--content", str(content))
    result = run_cli("import-tracker", str(tracker), *args)
    assert result.returncode == 0, result.stderr
    lines = (content / "kpi-values.csv").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "chronic-absence,2026-06-30,20.5,2026 Q2,2026-10-15"
    assert run_cli("validate", "--content", str(content)).returncode == 0
