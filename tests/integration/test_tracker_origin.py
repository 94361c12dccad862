"""A tracker knows where it comes from: the release it was exported from and digests of the
plan and of that release's progress; ``import-tracker`` refuses a workbook that no longer
fits the content, and warns of every value going back to an earlier release's."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.content.validate import load_content
from generator.workflow.tracker_origin import plan_digest, progress_digest, read_origin
from tests.conftest import DEFAULT_CONTENT
from tests.integration.conftest import run_cli, tree_digest


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(DEFAULT_CONTENT, tmp_path / "content")
    return tmp_path / "content"


def export(content: Path, out: Path, release: str = "2017-04") -> Path:
    result = run_cli("export-tracker", release, "--out", str(out), "--content", str(content))
    assert result.returncode == 0, result.stderr
    return out


def test_the_workbook_records_its_release_and_digests_where_owners_do_not_edit(tmp_path, content):
    tracker = export(content, tmp_path / "tracker.xlsx")
    loaded = load_content(content)
    plan, progress = plan_digest(loaded), progress_digest(loaded.release("2017-04"))
    assert len(plan) == len(progress) == 64 and plan != progress
    book = load_workbook(tracker)
    assert book.active.title == "About" and book.sheetnames[0] == "About"
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert about["Release"] == "2017-04"
    assert (about["Plan digest"], about["Progress digest"]) == (plan, progress)
    names = {
        name: (book.defined_names[name].attr_text, book.defined_names[name].hidden)
        for name in ("progress_site_release", "progress_site_plan", "progress_site_progress")
    }
    assert names == {
        "progress_site_release": ('"2017-04"', True),
        "progress_site_plan": (f'"{plan}"', True),
        "progress_site_progress": (f'"{progress}"', True),
    }
    hidden = book["progress_site_origin"]
    assert hidden.sheet_state == "veryHidden" and hidden.protection.sheet
    assert [[c.value for c in row] for row in hidden.iter_rows()] == [
        ["progress_site_release", "2017-04"],
        ["progress_site_plan", plan],
        ["progress_site_progress", progress],
    ]
    origin = read_origin(tracker)
    assert origin is not None and (origin.release, origin.plan, origin.progress) == (
        "2017-04",
        plan,
        progress,
    )


def test_the_origin_is_read_from_the_hidden_sheet_then_the_about_sheet(tmp_path, content):
    tracker = export(content, tmp_path / "tracker.xlsx")
    book = load_workbook(tracker)
    for name in list(book.defined_names):
        del book.defined_names[name]
    book["About"]["B2"].value = "2016-08"  # the hidden sheet is read before the About sheet
    book.save(tracker)
    origin = read_origin(tracker)
    assert origin is not None and origin.release == "2017-04" and origin.plan
    del book["progress_site_origin"]
    book.save(tracker)
    origin = read_origin(tracker)
    assert origin is not None and origin.release == "2016-08"
    book["About"].delete_rows(1, 10)
    book.save(tracker)
    assert read_origin(tracker) is None


def columns(sheet) -> dict[str, int]:  # noqa: ANN001
    return {cell.value: cell.column for cell in sheet[1]}


def row_of(sheet, action_id: str) -> int:  # noqa: ANN001
    col = columns(sheet)["Action"]
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, col).value == action_id)


def set_cells(tracker: Path, values: dict[str, dict[str, object]]) -> dict[str, int]:
    """Set Actions cells by action id and column name; each action's row."""
    book = load_workbook(tracker)
    sheet = book["Actions"]
    col, rows = columns(sheet), {}
    for action_id, cells in values.items():
        rows[action_id] = row_of(sheet, action_id)
        for name, value in cells.items():
            sheet.cell(row=rows[action_id], column=col[name]).value = value
    book.save(tracker)
    return rows


def text_of(value: object) -> str:
    return value.date().isoformat() if isinstance(value, datetime) else str(value or "")


def import_(tmp_path: Path, content: Path, name: str, *args: str):  # noqa: ANN201
    return run_cli("import-tracker", name, *args, "--content", str(content), cwd=tmp_path)


MAY = {
    "1.1": {"Status": "Green", "Progress": "In May, 70% of posts were filled."},
    "1.5": {"Status": "Completed"},
}


@pytest.fixture
def may(tmp_path: Path, content: Path) -> Path:
    """The content after May's tracker was imported and published; April's workbook kept in
    tmp_path/tracker.xlsx, as an owner kept it."""
    export(content, tmp_path / "tracker.xlsx")
    shutil.copy(tmp_path / "tracker.xlsx", tmp_path / "may.xlsx")
    set_cells(tmp_path / "may.xlsx", MAY)
    made = import_(tmp_path, content, "may.xlsx", "--release", "2017-05", "--date", "2017-05-31")
    assert made.returncode == 0, made.stderr
    published = run_cli("publish", "2017-05", "--content", str(content))
    assert published.returncode == 0, published.stderr
    return content


JUNE = ("--release", "2017-06", "--date", "2017-06-30")


def test_last_months_workbook_is_refused_and_nothing_is_written(tmp_path, may):
    before = tree_digest(may)
    result = import_(tmp_path, may, "tracker.xlsx", *JUNE)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: tracker.xlsx was exported from 2017-04, but the latest release is 2017-05: "
        "export a new one with 'progress-site export-tracker 2017-05'\n"
    )
    assert result.stdout == ""
    assert tree_digest(may) == before


def test_allow_older_imports_it_and_warns_once_per_item_going_back(tmp_path, may):
    result = import_(tmp_path, may, "tracker.xlsx", *JUNE, "--allow-older")
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(tmp_path / "tracker.xlsx")["Actions"]
    col = columns(sheet)
    status = sheet.cell(row_of(sheet, "1.1"), col["Status"]).coordinate
    done = sheet.cell(row_of(sheet, "1.5"), col["Status"]).coordinate
    assert result.stderr.splitlines() == [
        "Warning: tracker.xlsx: was exported from 2017-04, not from the latest release 2017-05; "
        "imported anyway (--allow-older)",
        f"Warning: tracker.xlsx: Actions!{status}: action 1.1: goes back to an earlier release's "
        "value: status Not reported as in 2017-04, not Green (on track) as in 2017-05; "
        "narrative as in 2017-04",
        f"Warning: tracker.xlsx: Actions!{done}: action 1.5: goes back to an earlier release's "
        "value: status Not reported as in 2017-04, not Completed as in 2017-05",
    ]
    assert "Created draft release 2017-06: 2 actions updated" in result.stdout


def test_a_workbook_of_the_latest_release_imports_without_warnings(tmp_path, may):
    export(may, tmp_path / "june.xlsx", "2017-05")
    set_cells(tmp_path / "june.xlsx", {"1.6": {"Status": "Amber"}})
    result = import_(tmp_path, may, "june.xlsx", *JUNE)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_a_csv_tracker_is_warned_about_each_value_going_back(tmp_path, may):
    export(may, tmp_path / "june.xlsx", "2017-05")
    sheet = load_workbook(tmp_path / "june.xlsx")["Actions"]
    rows = [[text_of(c.value) for c in row] for row in sheet.iter_rows()]
    col = {name: index for index, name in enumerate(rows[0])}
    line = next(n for n, r in enumerate(rows, 1) if r[col["Action"]] == "1.1")
    rows[line - 1][col["Status"]] = "Not reported"
    text = "\n".join(",".join(f'"{str(c).replace(chr(34), 2 * chr(34))}"' for c in r) for r in rows)
    (tmp_path / "june.csv").write_text(text + "\n", encoding="utf-8")
    result = import_(tmp_path, may, "june.csv", *JUNE)
    assert result.returncode == 0, result.stderr
    letter = chr(ord("A") + col["Status"])
    assert result.stderr == (
        f"Warning: june.csv: {letter}{line}: action 1.1: goes back to an earlier release's value: "
        "status Not reported as in 2017-04, not Green (on track) as in 2017-05\n"
    )


def test_a_changed_plan_or_progress_is_refused(tmp_path, may):
    export(may, tmp_path / "june.xlsx", "2017-05")
    before = tree_digest(may)
    plan = may / "plan.yaml"
    text = plan.read_text()
    at = text.index("    actions:")  # an action's description, past the groups'
    plan.write_text(text[:at] + text[at:].replace("description: >-", "description: Revised.", 1))
    result = import_(tmp_path, may, "june.xlsx", *JUNE)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: june.xlsx was exported from 2017-05, but the plan has changed since it was "
        "exported: export a new one with 'progress-site export-tracker 2017-05', or import this "
        "one as it is with --allow-older\n"
    )
    plan.write_text(text)
    assert tree_digest(may) == before
    draft = import_(tmp_path, may, "june.xlsx", *JUNE)  # a draft 2017-06, then its own tracker
    assert draft.returncode == 0, draft.stderr
    export(may, tmp_path / "draft.xlsx", "2017-06")
    progress = may / "progress/2017-06.yaml"
    progress.write_text(progress.read_text().replace("status: green", "status: amber", 1))
    result = import_(tmp_path, may, "draft.xlsx", *JUNE)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: draft.xlsx was exported from 2017-06, but the progress of 2017-06 has changed "
        "since it was exported: export a new one with 'progress-site export-tracker 2017-06', or "
        "import this one as it is with --allow-older\n"
    )


def test_a_workbook_without_its_origin_is_read_with_a_warning(tmp_path, may):
    book = load_workbook(tmp_path / "tracker.xlsx")
    for name in list(book.defined_names):
        del book.defined_names[name]
    del book["progress_site_origin"]
    book["About"].delete_rows(1, 10)
    book.save(tmp_path / "old.xlsx")
    result = import_(tmp_path, may, "old.xlsx", *JUNE)
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    assert warnings[0] == (
        "Warning: old.xlsx: does not record the release it was exported from (it was exported "
        "by an earlier version of progress-site), so it cannot be checked against the latest "
        "release 2017-05; each value going back to an earlier release's is named below"
    )
    assert len(warnings) == 3 and "action 1.5: goes back" in warnings[2]


def _withdraw_in_june(content: Path) -> None:
    """Action 1.6 withdrawn in the draft 2017-06, its entry taken out of the draft."""
    plan = content / "plan.yaml"
    text = plan.read_text()
    at = text.index("      - id: 1.6\n")
    end = text.index("\n\n", at)
    plan.write_text(
        text[:end] + "\n        withdrawn: {release: 2017-06, reason: Merged.}" + text[end:]
    )
    draft = content / "progress/2017-06.yaml"
    lines = draft.read_text().split("\n")
    start = lines.index("  1.6:")
    stop = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    draft.write_text("\n".join(lines[:start] + lines[stop:]))
    assert run_cli("validate", "--content", str(content)).returncode == 0


def test_a_row_for_an_action_withdrawn_since_export_is_named_by_its_cell(tmp_path, may):
    export(may, tmp_path / "june.xlsx", "2017-05")
    assert import_(tmp_path, may, "june.xlsx", *JUNE).returncode == 0
    _withdraw_in_june(may)
    before = tree_digest(may)
    rows = set_cells(tmp_path / "june.xlsx", {"1.6": {"Status": "Amber"}})
    result = import_(tmp_path, may, "june.xlsx", *JUNE, "--allow-older")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        f"june.xlsx: Actions!B{rows['1.6']}: action 1.6: was withdrawn in release 2017-06 and "
        "cannot have progress reported",
        "Aborted: 1 problem found in the content.",
    ]
    assert tree_digest(may) == before
    set_cells(tmp_path / "june.xlsx", {"1.6": {"Status": "Not reported"}})  # as exported
    result = import_(tmp_path, may, "june.xlsx", *JUNE, "--allow-older")
    assert result.returncode == 0, result.stderr
    assert "\n  1.6:" not in (may / "progress/2017-06.yaml").read_text()


def test_an_as_at_before_the_latest_release_is_refused_by_its_cell(tmp_path, may):
    export(may, tmp_path / "june.xlsx", "2017-05")
    rows = set_cells(tmp_path / "june.xlsx", {"1.6": {"Status": "Amber", "As at": "2016-06-20"}})
    before = tree_digest(may)
    result = import_(tmp_path, may, "june.xlsx", *JUNE)
    assert result.returncode == 1
    sheet = load_workbook(tmp_path / "june.xlsx")["Actions"]
    cell = sheet.cell(rows["1.6"], columns(sheet)["As at"]).coordinate
    assert result.stderr == (
        f"june.xlsx: Actions!{cell}: action 1.6: as at 2016-06-20 is before 2017-05-31, the date "
        "of release 2017-05 before it: progress newly reported in release 2017-06 is written "
        "after that\n"
        "Aborted: 1 problem found in the content.\n"
    )
    assert tree_digest(may) == before


def test_an_origin_edited_into_nonsense_is_refused_and_printed_safely(tmp_path, may):
    export(may, tmp_path / "june.xlsx", "2017-05")
    book = load_workbook(tmp_path / "june.xlsx")
    for name in list(book.defined_names):
        del book.defined_names[name]
    book["progress_site_origin"]["B1"].value = "<img src=x onerror=alert(1)>\x7f[31m" + "x" * 99
    book.save(tmp_path / "june.xlsx")
    result = import_(tmp_path, may, "june.xlsx", *JUNE)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: june.xlsx was exported from <img src=x onerror=alert(1)>\ufffd[31mxxxx..., but "
        "the latest release is 2017-05: export a new one with 'progress-site export-tracker "
        "2017-05'\n"
    )


def test_a_second_workbook_into_the_same_draft_warns_of_what_it_takes_back(tmp_path, content):
    export(content, tmp_path / "tracker.xlsx")
    shutil.copy(tmp_path / "tracker.xlsx", tmp_path / "may.xlsx")
    rows = set_cells(tmp_path / "may.xlsx", MAY)
    args = ("--release", "2017-05", "--date", "2017-05-31")
    assert import_(tmp_path, content, "may.xlsx", *args).returncode == 0
    result = import_(tmp_path, content, "tracker.xlsx", *args)  # another owner's copy
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(tmp_path / "tracker.xlsx")["Actions"]
    column = sheet.cell(1, columns(sheet)["Status"]).column_letter
    assert result.stderr.splitlines() == [
        f"Warning: tracker.xlsx: Actions!{column}{rows['1.1']}: action 1.1: goes back to an "
        "earlier release's value: status Not reported as in 2017-04, not Green (on track) as in "
        "2017-05; narrative as in 2017-04",
        f"Warning: tracker.xlsx: Actions!{column}{rows['1.5']}: action 1.5: goes back to an "
        "earlier release's value: status Not reported as in 2017-04, not Completed as in 2017-05",
    ]


def test_a_workbook_from_before_digests_is_checked_by_its_about_sheet(tmp_path, may):
    export(may, tmp_path / "june.xlsx", "2017-05")
    book = load_workbook(tmp_path / "june.xlsx")
    for name in list(book.defined_names):
        del book.defined_names[name]
    del book["progress_site_origin"]
    book["About"].delete_rows(6, 2)  # the digests, which older exports did not record
    book["Actions"].title = "Actions May"  # an owner renamed the sheet
    book.save(tmp_path / "june.xlsx")
    result = import_(tmp_path, may, "june.xlsx", *JUNE)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "Warning: june.xlsx: records the release it was exported from (2017-05) but not digests "
        "of the plan and progress, so changes to them since cannot be checked\n"
    )
    older = import_(tmp_path, may, "tracker.xlsx", *JUNE)
    assert older.returncode == 1 and "exported from 2017-04, but the latest" in older.stderr


def test_an_older_workbooks_as_at_left_as_exported_is_no_new_date(tmp_path):
    from tests.conftest import REAL_PLAN

    content = tmp_path / "content"
    shutil.copytree(REAL_PLAN, content)
    export(content, tmp_path / "july.xlsx", "2014-07")  # its As at dates are July's
    args = ("--release", "2014-12", "--date", "2014-12-31", "--allow-older")
    result = import_(tmp_path, content, "july.xlsx", *args)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [  # recommendation 18 was withdrawn in October
        "july.xlsx: Actions!B7: action 18.1 is not in the plan at release 2014-10 (withdrawn, "
        "merged or not yet added); delete its row",
        "july.xlsx: Recommendations!A5: recommendation 18 is not in the plan at release 2014-10 "
        "(withdrawn, merged or not yet added); delete its row",
        "Aborted: 2 problems found in the content.",
    ]
    book = load_workbook(tmp_path / "july.xlsx")
    book["Actions"].delete_rows(7)
    book["Recommendations"].delete_rows(5)
    book.save(tmp_path / "july.xlsx")
    result = import_(tmp_path, content, "july.xlsx", *args)
    assert result.returncode == 0, result.stderr
    assert "as_at: 2014-07" not in (content / "progress/2014-12.yaml").read_text()
    assert run_cli("validate", "--content", str(content)).returncode == 0
