"""The tracker's columns as plans use them: leads, As at, recommendation progress, dates,
new actions (--add-new) and a draft's date and title."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from tests.conftest import DEFAULT_CONTENT, REAL_PLAN, SMALL_PLAN
from tests.integration.conftest import run_cli, tree_digest

HOSTILE = "<img src=x onerror=alert(1)> javascript:alert(1) =HYPERLINK(\"x\") & 'quotes'"


def copy(source: Path, tmp_path: Path) -> Path:
    shutil.copytree(source, tmp_path / "content")
    return tmp_path / "content"


def export(content: Path, out: Path, release: str) -> Path:
    result = run_cli("export-tracker", release, "--out", str(out), "--content", str(content))
    assert result.returncode == 0, result.stderr
    return out


def columns(sheet) -> dict[str, int]:  # noqa: ANN001
    return {cell.value: cell.column for cell in sheet[1]}


def row_of(sheet, action_id: str) -> int:  # noqa: ANN001
    col = columns(sheet)["Action"]
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, col).value == action_id)


def progress(content: Path, release: str) -> dict:
    return yaml.load((content / f"progress/{release}.yaml").read_text(), Loader=yaml.BaseLoader)


def import_(content: Path, tracker: Path, *args: str):  # noqa: ANN201
    return run_cli("import-tracker", str(tracker), *args, "--content", str(content))


def test_lead_columns_follow_the_plan(tmp_path):
    small = export(SMALL_PLAN, tmp_path / "small.xlsx", "2015-01")
    real = export(REAL_PLAN, tmp_path / "real.xlsx", "2014-10")
    heads = [c.value for c in load_workbook(small)["Actions"][1]]
    assert heads[3:5] == ["Strategic lead", "Operational lead"] and heads[5] == "Timescale"
    sheet = load_workbook(real)["Actions"]
    assert [c.value for c in sheet[1]] == [
        "Recommendation",
        "Action",
        "Description",
        "Lead",
        "Strategic lead",
        "Operational lead",
        "Timescale",
        "Due",
        "Status",
        "Progress",
        "As at",
    ]
    row = row_of(sheet, "1.1")
    assert sheet.cell(row, 4).value == "Quality Assurance Manager"
    assert sheet.cell(row, 11).value == datetime(2014, 10, 20)  # the report's as_at
    assert sheet.cell(row_of(sheet, "8.1"), 11).value == datetime(2014, 9, 15)


def test_a_lead_edit_is_a_warning_and_an_unchanged_tracker_gives_what_new_release_gives(
    tmp_path,
):
    content = copy(REAL_PLAN, tmp_path)
    tracker = export(content, tmp_path / "tracker.xlsx", "2014-10")
    book = load_workbook(tracker)
    sheet = book["Actions"]
    sheet.cell(row_of(sheet, "1.1"), 4).value = "Someone else"
    book.save(tracker)
    result = import_(content, tracker, "--release", "2015-01", "--date", "2015-01-31")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"Warning: {tracker}: Actions!D{row_of(sheet, '1.1')}: action 1.1: Lead 'Someone else' "
        "differs from the plan; not applied (plan changes are made in plan.yaml)\n"
    )
    other = copy(REAL_PLAN, tmp_path / "other")
    made = run_cli("new-release", "2015-01", "--date", "2015-01-31", "--content", str(other))
    assert made.returncode == 0, made.stderr
    assert progress(content, "2015-01") == progress(other, "2015-01")
    assert progress(content, "2015-01")["recommendations"]["1"] == {
        "carried_forward": "true",
        "as_at": "2014-10-20",
        "narrative": "The new team tracking tool has been in use since July.",
    }
    assert (content / "plan.yaml").read_text() == (REAL_PLAN / "plan.yaml").read_text()


def test_as_at_and_recommendation_progress_are_read_back(tmp_path):
    content = copy(REAL_PLAN, tmp_path)
    tracker = export(content, tmp_path / "tracker.xlsx", "2014-10")
    book = load_workbook(tracker)
    sheet = book["Actions"]
    sheet.cell(row_of(sheet, "1.2"), 11).value = datetime(2015, 1, 5)  # a date cell
    sheet.cell(row_of(sheet, "8.1"), 10).value = "Membership is now 11."
    sheet.cell(row_of(sheet, "8.1"), 11).value = "2015-01-20"  # typed as text
    recs = book["Recommendations"]
    assert [c.value for c in recs["A"]] == ["Recommendation", "1", "8", "13/14"]
    recs["C3"].value = "Multi-agency audits are under way."
    book.save(tracker)
    result = import_(content, tracker, "--release", "2015-01", "--date", "2015-01-31")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Created draft release 2015-01: 2 actions updated")
    actions = progress(content, "2015-01")["actions"]
    assert actions["1.2"] == {
        "status": "completed",
        "as_at": "2015-01-05",
        "narrative": "The protocol has been revised and signed off.",
    }
    assert actions["8.1"] == {
        "status": "on-track",
        "as_at": "2015-01-20",
        "narrative": "Membership is now 11.",
    }
    assert actions["1.1"]["carried_forward"] == "true" and "as_at" not in actions["1.1"]
    recs_read = progress(content, "2015-01")["recommendations"]
    assert recs_read["8"] == {"narrative": "Multi-agency audits are under way."}
    assert recs_read["13/14"]["carried_forward"] == "true"
    shown = run_cli("validate", "--content", str(content))
    assert shown.returncode == 0, shown.stderr


def test_bad_as_at_and_unknown_recommendations_are_named_by_cell(tmp_path):
    content = copy(REAL_PLAN, tmp_path)
    tracker = export(content, tmp_path / "tracker.xlsx", "2014-10")
    book = load_workbook(tracker)
    sheet = book["Actions"]
    sheet.cell(row_of(sheet, "1.2"), 11).value = datetime(2015, 2, 1)
    sheet.cell(row_of(sheet, "8.1"), 11).value = "31/01/2015"
    recs = book["Recommendations"]
    recs["A3"].value = "99"
    recs["B2"].value = "Edited text"
    book.save(tracker)
    before = tree_digest(content)
    result = import_(content, tracker, "--release", "2015-01", "--date", "2015-01-31")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{tracker}: Actions!K{row_of(sheet, '1.2')}: action 1.2: as at 2015-02-01 is after the "
        "date of release 2015-01 (2015-01-31); progress is written before it is reported",
        f"{tracker}: Actions!K{row_of(sheet, '8.1')}: action 8.1: As at: expected a date as "
        "YYYY-MM-DD, found '31/01/2015'",
        f"{tracker}: Recommendations!A3: unknown recommendation id '99': recommendations are "
        "added in plan.yaml",
        "Aborted: 3 problems found in the content.",
    ]
    assert tree_digest(content) == before


@pytest.mark.parametrize(
    "cell",
    [datetime(2017, 5, 1), date(2017, 5, 1), "2017-05-01", " 2017-05-01 "],
    ids=["datetime", "date", "text", "spaced-text"],
)
def test_a_kpi_value_on_the_first_of_a_month_keeps_its_day(tmp_path, cell):
    content = copy(DEFAULT_CONTENT, tmp_path)
    tracker = export(content, tmp_path / "tracker.xlsx", "2017-04")
    book = load_workbook(tracker)
    kpis = book["KPIs"]
    assert kpis["C2"].data_type == "d" and kpis["C2"].number_format == "yyyy-mm-dd"
    kpis.append(["open-cases", "Open cases", cell, 1790])
    kpis.cell(kpis.max_row, 3).number_format = "mmm yyyy"  # shown as a month: still the day
    book.save(tracker)
    result = import_(content, tracker, "--release", "2017-06", "--date", "2017-06-30")
    assert result.returncode == 0, result.stderr
    assert "1 KPI value added" in result.stdout
    assert (content / "kpi-values.csv").read_text().endswith("open-cases,2017-05-01,1790\n")


def test_the_draft_date_and_title_are_updated_in_place(tmp_path):
    content = copy(DEFAULT_CONTENT, tmp_path)
    tracker = export(content, tmp_path / "tracker.xlsx", "2017-04")
    first = import_(content, tracker, "--release", "2017-06", "--date", "2017-06-30")
    assert first.returncode == 0, first.stderr
    releases = (content / "releases.yaml").read_text()
    again = import_(
        content, tracker, "--release", "2017-06", "--date", "2017-06-28", "--title", "June's"
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == (
        "Changed the draft's date to 2017-06-28 and title to “June's” in releases.yaml."
    )
    assert (content / "releases.yaml").read_text() == releases.replace(
        "date: 2017-06-30", "date: 2017-06-28"
    ).replace('title: "June 2017 progress report"', 'title: "June\'s"')
    same = import_(content, tracker, "--release", "2017-06")
    assert same.returncode == 0 and "releases.yaml" not in same.stdout
    before = tree_digest(content)
    early = import_(content, tracker, "--release", "2017-06", "--date", "2017-04-01")
    assert (early.returncode, early.stderr) == (
        1,
        "Error: the new release must be dated after the latest one (2017-04, 2017-04-30); "
        "got 2017-04-01\n",
    )
    blank = import_(content, tracker, "--release", "2017-06", "--title", " ")
    assert (blank.returncode, blank.stderr) == (1, "Error: --title: must not be empty\n")
    assert tree_digest(content) == before


def _new_rows(tracker: Path, rows: list[dict[str, object]]) -> None:
    book = load_workbook(tracker)
    sheet = book["Actions"]
    col = columns(sheet)
    for values in rows:
        number = sheet.max_row + 1
        for name, value in values.items():
            sheet.cell(number, col[name]).value = value
    book.save(tracker)


def test_add_new_adds_the_action_to_the_plan_in_place(tmp_path):
    content = copy(SMALL_PLAN, tmp_path)
    tracker = export(content, tmp_path / "tracker.xlsx", "2015-01")
    row = {
        "Recommendation": "8",
        "Action": "8.2",
        "Description": HOSTILE,
        "Strategic lead": "Ann Graham",
        "Timescale": "June 2015",
        "Due": datetime(2015, 6, 30),
        "Status": "Planned",
        "Progress": "Terms of reference <b>agreed</b>.",
    }
    _new_rows(tracker, [row])
    args = ("--release", "2015-04", "--date", "2015-04-30")
    refused = import_(content, tracker, *args)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0].endswith(
        "unknown action id '8.2': add new actions in plan.yaml first, or import with --add-new"
    )
    plan = (content / "plan.yaml").read_text()
    result = import_(content, tracker, *args, "--add-new")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Added 1 action to plan.yaml: 8.2."
    added = (content / "plan.yaml").read_text()
    before, after = plan.split("        kpis: [cicc-members]\n")
    assert added == (
        before + "        kpis: [cicc-members]\n"
        '      - id: "8.2"\n'
        f"        description: {json.dumps(HOSTILE)}\n"
        '        strategic_lead: "Ann Graham"\n'
        '        timescale: "June 2015"\n'
        "        due: 2015-06-30\n"
        '        added: "2015-04"\n' + after
    )
    assert progress(content, "2015-04")["actions"]["8.2"] == {
        "status": "planned",
        "narrative": "Terms of reference <b>agreed</b>.",
    }
    assert run_cli("publish", "2015-04", "--content", str(content)).returncode == 0
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(content), "--out", str(out))
    assert built.returncode == 0, built.stderr
    page = (out / "2015-04/recommendations/8/index.html").read_text()
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<b>agreed</b>" not in page


def test_add_new_refuses_bad_rows_by_cell_and_writes_nothing(tmp_path):
    content = copy(SMALL_PLAN, tmp_path)
    tracker = export(content, tmp_path / "tracker.xlsx", "2015-01")
    n = load_workbook(tracker)["Actions"].max_row  # the new rows are n + 1 onwards
    base = {"Description": "New work", "Status": "Planned"}
    _new_rows(
        tracker,
        [
            {**base, "Recommendation": "8", "Action": "8.5"},
            {**base, "Recommendation": "8", "Action": "8.5"},
            {**base, "Recommendation": "8", "Action": "1.6"},
            {**base, "Recommendation": "99", "Action": "99.1"},
            {**base, "Recommendation": "13", "Action": "13.9"},
            {"Recommendation": "8", "Action": "8.6", "Status": "Planned", "Due": "soon"},
            {**base, "Recommendation": "8", "Action": "8 7"},
        ],
    )
    before = tree_digest(content)
    args = ("--release", "2015-04", "--date", "2015-04-30", "--add-new")
    result = import_(content, tracker, *args)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{tracker}: Actions!B{n + 2}: action 8.5 is given twice (first on row {n + 1})",
        f"{tracker}: Actions!B{n + 3}: action id '1.6' is already in plan.yaml (recommendation "
        "1) but not in release 2015-01; a new action needs an id of its own",
        f"{tracker}: Actions!A{n + 4}: action 99.1: unknown recommendation '99' (known: 1, 8, "
        "13/14)",
        f"{tracker}: Actions!A{n + 5}: action 13.9: recommendation 13 was merged into 13/14 in "
        "release 2014-10; a new action cannot be added to it",
        f"{tracker}: Actions!C{n + 6}: action 8.6: a new action needs a description",
        f"{tracker}: Actions!G{n + 6}: action 8.6: Due: expected a date as YYYY-MM-DD, found "
        "'soon'",
        f"{tracker}: Actions!B{n + 7}: not a valid action id: expected an id of letters, digits, "
        "'.', '-', '_' or '/', found '8 7'",
        "Aborted: 7 problems found in the content.",
    ]
    assert tree_digest(content) == before


def test_updating_a_draft_keeps_its_as_at_and_assessments(tmp_path):
    content = copy(DEFAULT_CONTENT, tmp_path)
    made = run_cli("new-release", "2017-06", "--date", "2017-06-30", "--content", str(content))
    assert made.returncode == 0, made.stderr
    path = content / "progress/2017-06.yaml"
    path.write_text(
        path.read_text().replace(
            "actions:\n",
            "as_at: 2017-06-20\nassessments:\n  - recommendation: '1'\n    body: Ofsted\n"
            f"    date: 2017-06-10\n    verdict: Some progress\n    text: {json.dumps(HOSTILE)}\n"
            "actions:\n",
            1,
        )
    )
    tracker = export(content, tmp_path / "tracker.xlsx", "2017-04")
    result = import_(content, tracker, "--release", "2017-06")
    assert result.returncode == 0, result.stderr
    report = progress(content, "2017-06")
    assert report["as_at"] == "2017-06-20"
    assert report["assessments"] == [
        {
            "recommendation": "1",
            "body": "Ofsted",
            "date": "2017-06-10",
            "verdict": "Some progress",
            "text": HOSTILE,
        }
    ]
    assert run_cli("validate", "--content", str(content)).returncode == 0


@pytest.mark.parametrize(
    "header",
    ["kpi,date,value,note,break", '"kpi","date","value"'],
    ids=["notes-and-breaks", "quoted"],
)
def test_new_kpi_values_are_added_to_every_value_already_there(tmp_path, header):
    content = copy(REAL_PLAN, tmp_path)
    values = content / "kpi-values.csv"
    rows = values.read_text().splitlines()[1:]
    extra = ",," if "note" in header else ""
    values.write_text("\n".join([header, *(r + extra for r in rows)]) + "\n")
    before = values.read_text()
    tracker = export(content, tmp_path / "tracker.xlsx", "2014-10")
    book = load_workbook(tracker)
    book["KPIs"].append(["ni148", "x", datetime(2015, 1, 15), 37])
    book.save(tracker)
    result = import_(content, tracker, "--release", "2015-01", "--date", "2015-01-31")
    assert result.returncode == 0, result.stderr
    assert values.read_text() == before + f"ni148,2015-01-15,37{extra}\n"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "=1+1",
            "a formula (=1+1) with no value stored; open the workbook in a spreadsheet and "
            "save it, or type the value itself",
        ),
        ("#NAME?", "the cell shows the error #NAME?; correct it, or type the value itself"),
    ],
    ids=["uncalculated-formula", "error-value"],
)
def test_a_progress_cell_that_is_not_text_is_refused_by_cell(tmp_path, value, message):
    content = copy(SMALL_PLAN, tmp_path)
    tracker = export(content, tmp_path / "tracker.xlsx", "2015-01")
    book = load_workbook(tracker)
    sheet = book["Actions"]
    cell = sheet.cell(row_of(sheet, "1.4"), columns(sheet)["Progress"])
    cell.value = value
    book.save(tracker)
    before = tree_digest(content)
    result = import_(content, tracker, "--release", "2015-04", "--date", "2015-04-30")
    assert (result.returncode, result.stderr) == (
        1,
        f"Error: {tracker}: Actions!{cell.coordinate}: {message}\n",
    )
    assert tree_digest(content) == before


def test_a_csv_tracker_names_rows_as_a_spreadsheet_shows_them(tmp_path):
    import csv

    content = copy(SMALL_PLAN, tmp_path)
    sheet = load_workbook(export(content, tmp_path / "tracker.xlsx", "2015-01"))["Actions"]
    rows = [[("" if c is None else c) for c in row] for row in sheet.iter_rows(values_only=True)]
    rows[1][columns(sheet)["Progress"] - 1] = "First line.\nSecond line."
    status = columns(sheet)["Status"]
    rows[2][status - 1] = "Greeen"
    tracker = tmp_path / "tracker.csv"
    with tracker.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)
    result = import_(content, tracker, "--release", "2015-04", "--date", "2015-04-30")
    letter = sheet.cell(3, status).column_letter
    assert result.returncode == 1
    assert f"{tracker}: {letter}3: unknown status 'Greeen'" in result.stderr
