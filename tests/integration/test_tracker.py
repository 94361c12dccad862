"""The monthly routine: export a tracker, fill it in as action owners do, import it back."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

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


def columns(sheet) -> dict[str, int]:  # noqa: ANN001
    return {cell.value: cell.column for cell in sheet[1]}


def test_export_then_import_unchanged_gives_what_new_release_gives(tmp_path, content):
    tracker = export(content, tmp_path / "tracker.xlsx")
    other = tmp_path / "other"
    shutil.copytree(DEFAULT_CONTENT, other)
    args = ("--release", "2017-06", "--date", "2017-06-30")
    result = run_cli("import-tracker", str(tracker), *args, "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Created draft release 2017-06: 0 actions updated, 0 KPI")
    made = run_cli("new-release", "2017-06", "--date", "2017-06-30", "--content", str(other))
    assert made.returncode == 0, made.stderr
    for name in ("progress/2017-06.yaml", "releases.yaml", "kpi-values.csv"):
        mine, theirs = (yaml.safe_load((d / name).read_text()) for d in (content, other))
        assert mine == theirs, name


def test_the_workbook_is_ready_to_send_round(tmp_path, content):
    book = load_workbook(export(content, tmp_path / "tracker.xlsx"))
    assert book.sheetnames[:5] == ["About", "Actions", "Recommendations", "KPIs", "Statuses"]
    assert book.active.title == "About"  # the instructions are what an owner sees first
    assert book["About"]["A1"].value == "How to fill it in"
    sheet = book["Actions"]
    assert [c.value for c in sheet[1]] == [
        "Recommendation",
        "Action",
        "Description",
        "Lead",
        "Timescale",
        "Due",
        "Status",
        "Progress",
        "As at",
    ]
    assert sheet.freeze_panes == "A2" and sheet.protection.sheet
    assert sheet.protection.password is None
    editable = [c.column_letter for c in sheet[2] if c.protection.locked is False]
    assert editable == ["G", "H", "I"]
    assert all(sheet.cell(sheet.max_row, c).protection.locked is False for c in (7, 8, 9))
    [status, as_at] = sheet.data_validations.dataValidation
    assert (status.type, status.formula1) == ("list", "=Statuses!$A$1:$A$7")
    assert str(status.sqref) == f"G2:G{sheet.max_row}"
    assert (as_at.type, str(as_at.sqref)) == ("date", f"I2:I{sheet.max_row}")
    assert (sheet["B2"].value, sheet["F2"].value) == ("1.1", datetime(2016, 11, 30))
    assert sheet["F2"].number_format == "yyyy-mm-dd" and sheet["F2"].data_type == "d"
    assert sheet["I2"].value is None  # the 2017-04 report gives no as_at
    recs = book["Recommendations"]
    assert [c.value for c in recs[1]] == ["Recommendation", "Text", "Progress"]
    assert recs.protection.sheet
    assert [c.column_letter for c in recs[2] if c.protection.locked is False] == ["C"]
    assert recs["A2"].value == "1" and recs["B2"].value.startswith("Local authority leaders")
    assert [c.value for c in book["Statuses"]["A"]][0] == "Completed"
    assert book["Statuses"].sheet_state == "hidden"
    assert [c.value for c in book["KPIs"][1]] == ["KPI", "Title", "Date", "Value"]
    assert (book["About"]["A2"].value, book["About"]["B2"].value) == ("Release", "2017-04")


def _fill(tracker: Path) -> list[str]:
    book = load_workbook(tracker)
    sheet = book["Actions"]
    col = columns(sheet)
    changed = []
    rows = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, col["Status"]).value]
    others = [r for r in rows if sheet.cell(r, col["Status"]).value != "Completed"][:5]
    for row in others:
        sheet.cell(row=row, column=col["Status"]).value = "  completed "
        changed.append(sheet.cell(row=row, column=col["Action"]).value)
    for row in [r for r in rows if r not in others][:2]:
        sheet.cell(row=row, column=col["Progress"]).value = f"Narrative written  on row {row}"
        changed.append(sheet.cell(row=row, column=col["Action"]).value)
    book["Recommendations"]["C3"].value = "Recruitment is ahead of plan."
    kpis = book["KPIs"]
    kpis.append(["open-cases", "Open cases", datetime(2017, 6, 1), 1790])  # a real date cell
    book.save(tracker)
    return changed


def test_a_comms_officer_imports_five_statuses_two_narratives_and_a_kpi_value(tmp_path, content):
    tracker = export(content, tmp_path / "tracker.xlsx")
    changed = _fill(tracker)
    args = ("--release", "2017-06", "--date", "2017-06-30", "--content", str(content))
    result = run_cli("import-tracker", str(tracker), *args)
    assert result.returncode == 0, result.stderr
    assert "7 actions updated, 1 KPI value added" in result.stdout
    text = (content / "progress/2017-06.yaml").read_text()
    progress = yaml.load(text, Loader=yaml.BaseLoader)["actions"]  # ids stay text
    fresh = {k for k, v in progress.items() if v.get("carried_forward") != "true"}
    assert fresh == set(changed)
    assert progress[changed[0]]["status"] == "completed"
    assert progress[changed[5]]["narrative"].startswith("Narrative written  on row")
    recs = yaml.load(text, Loader=yaml.BaseLoader)["recommendations"]
    assert recs == {"2": {"narrative": "Recruitment is ahead of plan."}}
    assert (content / "kpi-values.csv").read_text().endswith("open-cases,2017-06-01,1790\n")
    assert run_cli("serve", "--help").returncode == 0
    assert run_cli("publish", "2017-06", "--content", str(content)).returncode == 0
    diff = run_cli("diff", "2017-04", "2017-06", "--format", "json", "--content", str(content))
    data = json.loads(diff.stdout)
    moved = {
        a["id"]
        for a in data["actions"]
        if a["narrative_changed"]
        or (a["status"] or {}).get("from") != (a["status"] or {}).get("to")
    }
    assert moved == set(changed)
    kpis = {k["id"]: (k["to"], k["to_date"]) for k in data["kpis"] if k["to"] != k["from"]}
    assert kpis == {"open-cases": (1790.0, "2017-06-01")}
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(content), "--out", str(out))
    assert built.returncode == 0, built.stderr
    changes = (out / "2017-06" / "changes" / "index.html").read_text()
    for action_id in changed:
        assert f"#{action_id}" in changes
    rec = (out / "2017-06" / "recommendations" / "2" / "index.html").read_text()
    assert "Recruitment is ahead of plan." in rec


def test_a_bad_status_is_refused_with_its_cell_and_nothing_is_written(tmp_path, content):
    tracker = export(content, tmp_path / "tracker.xlsx")
    book = load_workbook(tracker)
    book["Actions"]["G14"].value = "Greeen"
    book["KPIs"].append(["open-cases", "Open cases", "2017-07-02", 1790])
    book["KPIs"].append(["open-cases", "Open cases", "2017-04-02", 1])
    book["Actions"]["B3"].value = "99.9"
    book.save(tracker)
    before = tree_digest(content)
    args = ("--release", "2017-06", "--date", "2017-06-30", "--content", str(content))
    result = run_cli("import-tracker", str(tracker), *args)
    assert result.returncode == 1
    labels = (
        "Completed, Green (on track), Amber (at risk), Red (off track), In progress, Planned, "
        "Not reported"
    )
    assert result.stderr.splitlines() == [
        f"{tracker}: Actions!B3: unknown action id '99.9': add new actions in plan.yaml first, "
        "or import with --add-new",
        f"{tracker}: Actions!G14: unknown status 'Greeen' (known: {labels})",
        f"{tracker}: KPIs!C{book['KPIs'].max_row - 1}: open-cases on 2017-07-02 is dated after "
        "the release (2017-06-30)",
        f"{tracker}: KPIs!D{book['KPIs'].max_row}: open-cases already has 1864 on 2017-04-02; "
        "a different value '1' is not taken (correct kpi-values.csv)",
        "Aborted: 4 problems found in the content.",
    ]
    assert tree_digest(content) == before


def test_a_published_release_is_refused_and_a_draft_is_updated(tmp_path, content):
    tracker = export(content, tmp_path / "tracker.xlsx")
    refused = run_cli(
        "import-tracker", str(tracker), "--release", "2017-04", "--content", str(content)
    )
    assert (refused.returncode, refused.stderr) == (
        1,
        "Error: release 2017-04 is published; import the tracker as a new draft release\n",
    )
    args = ("--release", "2017-06", "--content", str(content))
    assert run_cli("import-tracker", str(tracker), *args, "--date", "2017-06-30").returncode == 0
    _fill(tracker)
    again = run_cli("import-tracker", str(tracker), *args)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Updated draft release 2017-06: 7 actions updated")


def test_an_edited_plan_column_is_a_warning_and_not_applied(tmp_path, content):
    tracker = export(content, tmp_path / "tracker.xlsx")
    book = load_workbook(tracker)
    action = book["Actions"]["B2"].value
    book["Actions"]["C2"].value = "A new description"
    book.save(tracker)
    plan = (content / "plan.yaml").read_text()
    args = ("--release", "2017-06", "--date", "2017-06-30", "--content", str(content))
    result = run_cli("import-tracker", str(tracker), *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"Warning: {tracker}: Actions!C2: action {action}: Description 'A new description' "
        "differs from the plan; not applied (plan changes are made in plan.yaml)\n"
    )
    assert (content / "plan.yaml").read_text() == plan


def test_a_full_disk_while_checking_the_import_is_a_message_and_writes_nothing(tmp_path, content):
    import resource
    import signal
    import subprocess
    import sys

    tracker = export(content, tmp_path / "tracker.xlsx")
    before = tree_digest(content)

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "import-tracker", str(tracker)]
        + ["--release", "2017-06", "--date", "2017-06-30", "--content", str(content)],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=limited,  # noqa: PLW1509 - only sets a limit
    )
    assert result.returncode == 1
    assert result.stderr == (
        "Error: cannot check the import in a temporary copy of the content (File too large); "
        "nothing was written\n"
    )
    assert tree_digest(content) == before


def test_a_full_disk_while_exporting_is_one_message_and_keeps_the_old_workbook(tmp_path, content):
    import resource
    import signal
    import subprocess
    import sys

    out = tmp_path / "tracker.xlsx"
    out.write_bytes(b"the workbook sent last month")

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "export-tracker", "2017-04"]
        + ["--out", str(out), "--content", str(content)],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=limited,  # noqa: PLW1509 - only sets a limit
    )
    assert (result.returncode, result.stderr) == (
        1,
        f"Error: cannot write {out}: File too large\n",
    )
    assert out.read_bytes() == b"the workbook sent last month"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "tracker.xlsx"]
