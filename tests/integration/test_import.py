"""Importing the Barking & Dagenham action plan, as a comms officer would."""

from pathlib import Path

import pytest
import yaml

from tests.integration.conftest import run_cli

DATA = Path(__file__).parents[1] / "data" / "import"
EXPECTED = [
    "action 2.: action id '2.' looks truncated: expected 2.<number>",
    "action 2.: action id '2.' looks truncated: expected 2.<number>",
    "action 2.: action id '2.' looks truncated: expected 2.<number>",
    "action 5.1: duplicate action id '5.1' (first on row 29)",
    "action 5.2: duplicate action id '5.2' (first on row 30)",
    "action 5.3: duplicate action id '5.3' (first on row 31)",
    "action 5.4: duplicate action id '5.4' (first on row 32)",
    "action 8: action id '8' looks truncated: expected 8.<number>",
    "action 8: action id '8' looks truncated: expected 8.<number>",
    "action 8: action id '8' looks truncated: expected 8.<number>",
    "action 8: action id '8' looks truncated: expected 8.<number>",
    "action 12.: action id '12.' looks truncated: expected 12.<number>",
]
ROWS = [11, 12, 13, 37, 38, 39, 40, 49, 50, 51, 52, 75]


@pytest.mark.parametrize("name", ["barking-dagenham-2014.csv", "barking-dagenham-2014.xlsx"])
def test_bad_rows_are_reported_and_nothing_is_written(tmp_path, name):
    table = DATA / name
    result = run_cli("import", str(table), "--into", str(tmp_path / "content"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    expected = zip(ROWS, EXPECTED, strict=True)
    assert lines[:-2] == [f"{table}:{row}: {message}" for row, message in expected]
    assert lines[-2:] == [
        "Aborted: 12 problems found in the content.",
        "Nothing was written; --skip-bad-rows imports the rest (49 actions) and lists each row "
        "it skips.",
    ]
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize("name", ["barking-dagenham-2014.csv", "barking-dagenham-2014.xlsx"])
def test_skip_bad_rows_gives_content_that_validates_and_builds(tmp_path, name):
    content = tmp_path / "content"
    result = run_cli(
        "import",
        str(DATA / name),
        "--into",
        str(content),
        "--skip-bad-rows",
        "--infer-status",
        "--plan-date",
        "2014-06-30",
        "--release",
        "2014-10",
        "--release-date",
        "2014-10-31",
        "--title",
        "Barking and Dagenham children's services action plan",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (f"Imported 49 actions in 10 areas into {content}; skipped 12 rows\n")
    assert result.stderr.count("Skipped: ") == 15
    for row, number, count in [(9, 2, 3), (35, 6, 4), (47, 8, 4)]:
        line = (
            f"Skipped: {DATA / name}:{row}: recommendation {number}: left out: none of its "
            f"{count} rows could be imported\n"
        )
        assert line in result.stderr
    plan = (content / "plan.yaml").read_text()
    assert "timescale: May 2014 to March 2016\n    due: '2016-03-31'" in plan
    assert "timescale: Oct 2014\n    due: '2014-10-31'" in plan  # a date cell in the workbook
    progress = (content / "progress/2014-10.yaml").read_text()
    assert "'1.2':\n    status: completed\n" in progress
    assert "'1.5':\n    status: on-track\n" in progress
    assert run_cli("validate", "--content", str(content)).returncode == 0
    site = tmp_path / "site"
    assert run_cli("build", "--content", str(content), "--out", str(site)).returncode == 0
    assert (site / "2014-10/recommendations/1/index.html").is_file()


def test_import_failures_are_messages_through_the_command_line(tmp_path):
    table = tmp_path / "plan.csv"
    table.write_text("Area,Action,Description\n1,1.1,Write the strategy\n")
    into = tmp_path / "out" / "content"
    result = run_cli("import", str(table), "--into", str(into), "--release", "../../x")
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "Error: --release: '../../x' is not a release id: a release id becomes part of the URL: "
        "use lower-case letters, digits, '.', '-' or '_', starting with a letter or digit, "
        "found '../../x'\n",
    )
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns: {Owner: owner}\ngroup_pattern: '(unclosed'\n")
    result = run_cli("import", str(table), "--into", str(into), "--mapping", str(mapping))
    assert (result.returncode, result.stderr) == (
        1,
        f"{mapping}:1: 'columns': 'Owner' maps to 'owner', which is not one of id, title, "
        "description, lead, strategic_lead, operational_lead, resources, timescale, start, due, "
        "outcome, progress, status, recommendation, group, group_title, recommendation_text\n"
        f"{mapping}:2: field 'group_pattern': not a valid regular expression (missing ), "
        "unterminated subpattern at position 0)\n"
        "Aborted: 2 problems found in the content.\n",
    )
    fake = tmp_path / "plan.xlsx"
    fake.write_text("Area,Action\n")
    result = run_cli("import", str(fake), "--into", str(into))
    assert (result.returncode, result.stderr) == (
        1,
        f"Error: {fake}: not a readable .xlsx workbook (BadZipFile: File is not a zip file); "
        "save it from Excel as an .xlsx workbook, or as CSV (UTF-8)\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml", "plan.csv", "plan.xlsx"]
    result = run_cli("import", str(table), "--into", str(into), "--release", "2014-10")
    assert result.returncode == 0, result.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "out").rglob("*")) == [
        "out/content",
        "out/content/plan.yaml",
        "out/content/progress",
        "out/content/progress/2014-10.yaml",
        "out/content/releases.yaml",
        "out/content/site.yaml",
    ]


def test_the_reading_appendix_as_exported_from_word_imports_with_no_row_skipped(tmp_path):
    content = tmp_path / "content"
    table = DATA / "reading-2016.csv"
    result = run_cli(
        "import",
        str(table),
        "--into",
        str(content),
        "--infer-status",
        "--plan-date",
        "2016-08-23",
        "--release",
        "2016-08",
        "--title",
        "Reading children's services improvement plan",
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"Imported 32 actions in 7 areas into {content}\n"
    plan = yaml.safe_load((content / "plan.yaml").read_text())
    ids = {r["id"]: [a["id"] for a in r["actions"]] for r in plan["recommendations"]}
    assert ids == {
        "3": [f"3.{n}" for n in range(1, 15)],
        "5": [f"5.{n}" for n in range(1, 11)],
        "6": ["6"],
        "12": ["12"],
        "17": ["17"],
        "18": ["18"],
        "15": ["15.1", "15.2", "15.3", "15.4"],
    }
    fifteen = plan["recommendations"][-1]
    assert fifteen["text"].startswith("Expand the membership and influence of the Children")
    progress = yaml.safe_load((content / "progress/2016-08.yaml").read_text())["actions"]
    assert (progress["5.6"]["status"], progress["5.7"]["status"]) == ("in-progress", "completed")
    assert (
        run_cli("build", "--content", str(content), "--out", str(tmp_path / "site")).returncode == 0
    )


STRATEGIC_PLAN = (
    "State education agency: five-year strategic plan\n"
    "Pillar,Focus Area,Action ID,Action Title,Action,Launch,Status,Progress\n"
    "Pillar 1: Student achievement,P1.F1 Early literacy,P1.F1.A1,Reading coaches,"
    "Place a reading coach in every elementary school,Aug 2025,Not started,\n"
    ",,P1.F1.A2,Literacy screener,Adopt a statewide literacy screener,01/09/2025,In progress,"
    "Pilot in 40 districts\n"
    ",P1.F2 Mathematics,P1.F2.A1,Math institutes,Run summer math institutes,Jun-25,Completed,\n"
    "Pillar 2: Safe and supportive schools,P2.F1 Attendance,P2.F1.A1,Attendance campaign,"
    "Launch a chronic absence campaign,Jan 2026,Not started,\n"
)


def test_a_three_level_strategic_plan_imports_whole_and_builds(tmp_path):
    table = tmp_path / "plan.csv"
    table.write_text(STRATEGIC_PLAN, encoding="utf-8")
    content = tmp_path / "content"
    result = run_cli(
        "import",
        str(table),
        "--into",
        str(content),
        "--plan-date",
        "2025-07-01",
        "--release",
        "2026-04",
        "--release-date",
        "2026-04-09",
        "--release-title",
        "April 2026 refresh",
        "--title",
        "Five-year strategic plan",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Imported 4 actions in 3 areas in 2 groups into {content}\n"
    assert result.stderr == f"Skipped: {table}:1: left out: row 1, above the header row\n"
    plan = yaml.safe_load((content / "plan.yaml").read_text())
    assert [g["title"] for g in plan["groups"]] == [
        "Student achievement",
        "Safe and supportive schools",
    ]
    assert [(r["id"], r["text"]) for r in plan["recommendations"]] == [
        ("P1.F1", "Early literacy"),
        ("P1.F2", "Mathematics"),
        ("P2.F1", "Attendance"),
    ]
    first = plan["recommendations"][0]["actions"][0]
    assert (first["title"], first["start"], "due" in first) == (
        "Reading coaches",
        "2025-08-01",
        False,
    )
    releases = yaml.safe_load((content / "releases.yaml").read_text())["releases"]
    assert releases == [{"id": "2026-04", "date": "2026-04-09", "title": "April 2026 refresh"}]
    progress = yaml.safe_load((content / "progress/2026-04.yaml").read_text())["actions"]
    assert progress["P1.F1.A2"] == {"status": "in-progress", "narrative": "Pilot in 40 districts"}
    assert run_cli("validate", "--content", str(content)).returncode == 0
    site = tmp_path / "site"
    built = run_cli("build", "--content", str(content), "--out", str(site))
    assert built.returncode == 0, built.stderr
    assert (site / "2026-04/recommendations/p1.f1/index.html").is_file()
