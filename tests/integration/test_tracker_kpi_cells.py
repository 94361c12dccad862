"""KPI values as the tracker's cells show them: a percentage cell, and a value dated in a
published release, checked by their cell before anything is written."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import DEFAULT_CONTENT, SMALL_PLAN
from tests.integration.conftest import run_cli, tree_digest


def _content(source: Path, tmp_path: Path) -> Path:
    shutil.copytree(source, tmp_path / "content")
    return tmp_path / "content"


def _tracker(content: Path, tmp_path: Path, release: str, rows: list[tuple]) -> list[int]:
    """Export ``release`` and add KPI rows (id, date, value, number format); their rows."""
    out = tmp_path / "tracker.xlsx"
    made = run_cli("export-tracker", release, "--out", str(out), "--content", str(content))
    assert made.returncode == 0, made.stderr
    book = load_workbook(out)
    sheet = book["KPIs"]
    numbers = []
    for kpi_id, when, value, number_format in rows:
        sheet.append([kpi_id, "", when, value])
        sheet.cell(row=sheet.max_row, column=4).number_format = number_format
        numbers.append(sheet.max_row)
    book.save(out)
    return numbers


def _import(tmp_path: Path, content: Path, *args: str):  # noqa: ANN202
    return run_cli("import-tracker", "tracker.xlsx", *args, "--content", str(content), cwd=tmp_path)


FEBRUARY = ("--release", "2015-02", "--date", "2015-02-28")


def test_a_percentage_cell_of_a_percent_kpi_is_read_as_the_percentage_shown(tmp_path):
    content = _content(SMALL_PLAN, tmp_path)
    when = datetime(2015, 2, 28)
    _tracker(content, tmp_path, "2015-01", [("neet", when, 0.31, "0%")])
    book = load_workbook(tmp_path / "tracker.xlsx")
    for row in book["KPIs"].iter_rows(min_row=2, min_col=4, max_col=4):
        row[0].number_format = "0%"  # the whole column, exported values too
    book.save(tmp_path / "tracker.xlsx")
    result = _import(tmp_path, content, *FEBRUARY)
    assert result.returncode == 0, result.stderr
    assert "1 KPI value added" in result.stdout
    assert (content / "kpi-values.csv").read_text().endswith("\nneet,2015-02-28,31\n")


def test_a_percentage_cell_of_a_kpi_in_another_unit_is_refused_by_its_cell(tmp_path):
    content = _content(SMALL_PLAN, tmp_path)
    before = tree_digest(content)
    when = datetime(2015, 2, 28)
    rows = [("cicc-members", when, 0.12, "0.0%"), ("neet", when, 0.315, "0.0%")]
    [row, _] = _tracker(content, tmp_path, "2015-01", rows)
    result = _import(tmp_path, content, *FEBRUARY)
    assert result.returncode == 1
    assert result.stderr == (
        f"tracker.xlsx: KPIs!D{row}: cicc-members: the cell shows 12% (a percentage), but "
        "cicc-members is counted in count; type the value without a percentage format\n"
        "Aborted: 1 problem found in the content.\n"
    )
    assert tree_digest(content) == before


def test_a_value_dated_in_a_published_release_is_refused_by_its_cell(tmp_path):
    content = _content(DEFAULT_CONTENT, tmp_path)
    before = tree_digest(content)
    [row] = _tracker(
        content, tmp_path, "2017-04", [("open-cases", datetime(2017, 4, 3), 1800, "0")]
    )
    result = _import(tmp_path, content, "--release", "2017-05", "--date", "2017-05-31")
    assert result.returncode == 1
    assert result.stderr == (
        f"tracker.xlsx: KPIs!C{row}: open-cases on 2017-04-03 is dated on or before release "
        "2017-04 (2017-04-30), which is published: adding it would change what that release "
        "showed; date new values after it, or correct a published value in kpi-values.csv "
        "with an erratum\n"
        "Aborted: 1 problem found in the content.\n"
    )
    assert tree_digest(content) == before
    assert run_cli("validate", "--content", str(content)).returncode == 0


def test_the_history_of_a_kpi_added_in_the_draft_can_be_added(tmp_path):
    content = _content(DEFAULT_CONTENT, tmp_path)
    made = run_cli("new-release", "2017-05", "--date", "2017-05-31", "--content", str(content))
    assert made.returncode == 0, made.stderr
    kpis = content / "kpis.yaml"
    kpis.write_text(
        kpis.read_text() + "  - id: new-measure\n    title: A new measure\n    added: 2017-05\n"
    )
    rows = [
        ("new-measure", datetime(2017, 3, 31), 5, "0"),
        ("new-measure", datetime(2017, 5, 7), 6, "0"),
    ]
    _tracker(content, tmp_path, "2017-04", rows)
    result = _import(tmp_path, content, "--release", "2017-05")
    assert result.returncode == 0, result.stderr
    assert (
        (content / "kpi-values.csv")
        .read_text()
        .endswith("\nnew-measure,2017-03-31,5\nnew-measure,2017-05-07,6\n")
    )
    assert run_cli("validate", "--content", str(content)).returncode == 0
