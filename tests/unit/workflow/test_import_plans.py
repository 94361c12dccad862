"""import: plans of any kind, read whole, through the command line as a user runs it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from openpyxl import Workbook

from generator.cli import cli
from generator.workflow.import_groups import split_label
from generator.workflow.timescales import parse_start, parse_timescale


def write(tmp_path: Path, text: str, name: str = "plan.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str | Path, dated: bool = True) -> Result:
    """``import`` with its arguments; a release date where they give no release."""
    given = [str(a) for a in args]
    if dated and not {"--release", "--release-date"} & set(given):
        given += ["--release-date", "2026-04-30"]
    return CliRunner().invoke(cli, ["import", *given])


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_statuses_named_by_status_words_are_added_to_the_site(tmp_path):
    mapping = write(
        tmp_path, 'status_words: {"behind": delayed, "not yet": not-started}\n', "map.yaml"
    )
    table = write(tmp_path, "Area,Action,Description,Progress\n1,1.1,Write it,Behind schedule\n")
    out = tmp_path / "content"
    result = run(
        table,
        "--into",
        out,
        "--mapping",
        mapping,
        "--infer-status",
        "--release",
        "r1",
        "--release-date",
        "2026-04-30",
    )
    assert result.exit_code == 0, result.output
    statuses = [s["id"] for s in load(out / "site.yaml")["statuses"]]
    assert statuses == [
        "completed",
        "in-place",
        "on-track",
        "planned",
        "due",
        "not-reported",
        "delayed",
        "not-started",
    ]
    assert load(out / "progress/r1.yaml")["actions"]["1.1"]["status"] == "delayed"


def test_status_words_still_name_a_status_of_the_mappings_own(tmp_path):
    mapping = write(
        tmp_path,
        "statuses: [{id: done, label: Done, meaning: complete}]\n"
        'status_words: {"behind": delayed}\n',
        "map.yaml",
    )
    table = write(tmp_path, "Area,Action,Description\n1,1.1,Write it\n")
    result = run(table, "--into", tmp_path / "content", "--mapping", mapping)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{mapping}:2: 'status_words': 'behind' gives status 'delayed', which is not in "
        "'statuses' (known: done)",
        "Aborted: 1 problem found in the content.",
    ]


BAD_ROWS = "Area,Action,Description,Timescale\n1,1.1,Write it,Oct 2014\n1,1.,Cut off,Oct 2014\n"


def test_a_refusal_for_bad_rows_says_skip_bad_rows_imports_the_rest(tmp_path):
    table = write(tmp_path, BAD_ROWS)
    result = run(table, "--into", tmp_path / "content")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{table}:3: action 1.: action id '1.' looks truncated: expected 1.<number>",
        "Aborted: 1 problem found in the content.",
        "Nothing was written; --skip-bad-rows imports the rest (1 action) and lists each row "
        "it skips.",
    ]
    assert not (tmp_path / "content").exists()


def test_no_hint_where_skipping_would_not_help(tmp_path):
    only_bad = write(tmp_path, "Area,Action,Description\n1,1.,Cut off\n1,1.,Again\n")
    result = run(only_bad, "--into", tmp_path / "content")
    assert result.stderr.splitlines()[-1] == "Aborted: 2 problems found in the content."
    unknown_column = write(tmp_path, BAD_ROWS.replace("Timescale", "Colour"), "other.csv")
    result = run(unknown_column, "--into", tmp_path / "content")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Aborted: 2 problems found in the content."


def test_the_release_flags_set_the_release_and_the_plan_date_only_reads_timescales(tmp_path):
    table = write(tmp_path, "Area,Action,Description,Timescale\n1,1.1,Write it,3 months\n")
    out = tmp_path / "content"
    result = run(
        table,
        "--into",
        out,
        "--plan-date",
        "2025-07-01",
        "--release",
        "2026-08",
        "--release-date",
        "2026-08-28",
        "--release-title",
        "August 2026 refresh",
        "--title",
        "Five-year strategic plan",
    )
    assert result.exit_code == 0, result.output
    assert load(out / "releases.yaml") == {
        "releases": [{"id": "2026-08", "date": "2026-08-28", "title": "August 2026 refresh"}]
    }
    assert load(out / "site.yaml")["title"] == "Five-year strategic plan"
    [recommendation] = load(out / "plan.yaml")["recommendations"]
    assert recommendation["actions"][0]["due"] == "2025-10-01"  # from the plan's date
    assert (out / "progress/2026-08.yaml").is_file()


def test_without_a_release_date_a_month_id_is_dated_its_last_day_not_by_the_plan(tmp_path):
    table = write(tmp_path, "Area,Action,Description\n1,1.1,Write it\n")
    out = tmp_path / "content"
    result = run(table, "--into", out, "--plan-date", "2025-07-01", "--release", "2026-08")
    assert result.exit_code == 0, result.output
    assert load(out / "releases.yaml")["releases"] == [
        {"id": "2026-08", "date": "2026-08-31", "title": "August 2026"}
    ]
    plan_only = run(table, "--into", tmp_path / "none", "--plan-date", "2025-07-01", dated=False)
    assert (plan_only.exit_code, plan_only.stderr) == (
        1,
        "Error: give the release with --release YYYY-MM (dated the last day of that month), or "
        "its date with --release-date YYYY-MM-DD; --plan-date dates only the plan\n",
    )
    assert not (tmp_path / "none").exists()
    named = run(table, "--into", tmp_path / "named", "--release", "first")
    assert named.stderr == (
        "Error: release first: its id names no month (YYYY-MM), so give its date with "
        "--release-date YYYY-MM-DD\n"
    )
    other = tmp_path / "other"
    assert run(table, "--into", other, "--release-date", "2026-04-09").exit_code == 0
    assert load(other / "releases.yaml")["releases"] == [
        {"id": "2026-04", "date": "2026-04-09", "title": "April 2026"}
    ]
    bad = run(table, "--into", tmp_path / "bad", "--release-date", "9 April")
    assert bad.exit_code == 2
    assert bad.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--release-date': expected a date as YYYY-MM-DD, found '9 April'"
    )


def test_an_unrecognised_header_gives_one_message(tmp_path):
    rows = "".join(f"Goal {n},Thing {n},{n}.1,Jo,Soon\n" for n in range(1, 111))
    table = write(tmp_path, "Strategic plan\nObjective,Activity,Ident,Owner name,When due\n" + rows)
    result = run(table, "--into", tmp_path / "content")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {table}: no header row found in rows 1 to 112: a header row names at least 3 "
        "known columns. Row 2 has the columns 'Objective' (unknown), 'Activity' (unknown), "
        "'Ident' (unknown), 'Owner name' (unknown), 'When due' (unknown). The columns "
        "expected: id (Action, Ref, No); title (Title, Name); description (Description, Task); "
        "lead (Lead, Lead officer); strategic_lead (Strategic Lead, Accountable); "
        "operational_lead (Operational Lead, Responsible, Owner); resources (Resources); "
        "timescale (Timescale, By when, Deadline); start (Start date, Launch date); due (Due); "
        "outcome (Outcome, Success measure); progress (Progress, Update); status (Status, RAG); "
        "recommendation (Recommendation, Area, Focus area); group (Group, Pillar, Theme); "
        "group_title (Pillar name, Group title); recommendation_text (Focus area name, "
        "Recommendation text). Name "
        "this table's columns in a mapping file, given with --mapping, under 'columns' "
        "(header: field) or 'ignore'"
    ]
    mapping = write(
        tmp_path,
        "columns: {Ident: id, Activity: description, Objective: recommendation}\n"
        "ignore: [Owner name, When due]\n",
        "map.yaml",
    )
    result = run(table, "--into", tmp_path / "content", "--mapping", mapping)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Skipped: {table}:1: left out: row 1, above the header row"
    ]


THREE_LEVELS = (
    "Education strategic plan 2025-2030,,,,\n"
    "Pillar,Focus Area,Action ID,Action,Status\n"
    "Pillar 1: Student achievement,P1.F1 Early literacy,P1.F1.A1,Train reading coaches,"
    "Not started\n"
    ",,P1.F1.A2,Adopt a new curriculum,In progress\n"
    ",Mathematics,P1.F2.A1,Coach mathematics teachers,Completed\n"
    "Pillar 2: Safe schools,F1: Attendance,P2.F1.A1,Run an attendance campaign,Not started\n"
    ",F2: Wellbeing,P2.F2.A1,Survey wellbeing,Not started\n"
)


def test_a_three_level_table_keeps_its_groups_recommendations_and_titles(tmp_path):
    out = tmp_path / "content"
    result = run(
        write(tmp_path, THREE_LEVELS),
        "--into",
        out,
        "--release",
        "r1",
        "--release-date",
        "2026-04-30",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Imported 5 actions in 4 areas in 2 groups into {out}\n"
    plan = load(out / "plan.yaml")
    assert plan["groups"] == [
        {"id": "1", "title": "Student achievement"},
        {"id": "2", "title": "Safe schools"},
    ]
    assert [
        (r["id"], r["text"], r["groups"], [a["id"] for a in r["actions"]])
        for r in plan["recommendations"]
    ] == [
        ("P1.F1", "Early literacy", ["1"], ["P1.F1.A1", "P1.F1.A2"]),
        ("P1.F2", "Mathematics", ["1"], ["P1.F2.A1"]),
        ("P2.F1", "Attendance", ["2"], ["P2.F1.A1"]),
        ("P2.F2", "Wellbeing", ["2"], ["P2.F2.A1"]),
    ]
    statuses = load(out / "progress/r1.yaml")["actions"]
    assert statuses["P1.F2.A1"]["status"] == "completed"


def test_a_group_column_without_recommendations_makes_each_group_its_own(tmp_path):
    table = write(
        tmp_path,
        "Theme,Ref,Description\nHousing,1,Build homes\n,2,Repair homes\nTransport,3,Add buses\n"
        "Housing,4,Insulate homes\n",
    )
    out = tmp_path / "content"
    assert run(table, "--into", out).exit_code == 0
    plan = load(out / "plan.yaml")
    assert plan["groups"] == [
        {"id": "housing", "title": "Housing"},
        {"id": "transport", "title": "Transport"},
    ]
    assert [(r["id"], [a["id"] for a in r["actions"]]) for r in plan["recommendations"]] == [
        ("housing", ["1", "2", "4"]),
        ("transport", ["3"]),
    ]


def test_the_same_focus_area_label_under_two_pillars_is_two_recommendations(tmp_path):
    table = write(
        tmp_path,
        "Pillar,Focus area,Ref,Description\nP1,F1: Reading,a,Do a\nP2,F1: Attendance,b,Do b\n",
    )
    out = tmp_path / "content"
    assert run(table, "--into", out).exit_code == 0
    plan = load(out / "plan.yaml")
    assert [(r["id"], r["text"], r["groups"]) for r in plan["recommendations"]] == [
        ("F1", "Reading", ["p1"]),
        ("P2.F1", "Attendance", ["p2"]),
    ]


def test_heading_rows_matched_by_group_pattern_become_groups(tmp_path):
    mapping = write(
        tmp_path, "group_pattern: '^Service area (?P<id>\\d+): (?P<text>.*)$'\n", "map.yaml"
    )
    rows = ["Service area 1: Children's social care"]
    rows += ["Recommendation,Action,Description,Timescale"]
    rows += [f"{n},{n}.1,Answer recommendation {n},Oct 2014" for n in range(1, 13)]
    rows += ["Service area 2: Early help"]
    rows += [f"{n},{n}.1,Answer recommendation {n},Oct 2014" for n in range(13, 24)]
    table = write(tmp_path, "\n".join(rows) + "\n")
    out = tmp_path / "content"
    result = run(table, "--into", out, "--mapping", mapping)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no heading is "left out"
    assert result.stdout == f"Imported 23 actions in 23 areas in 2 groups into {out}\n"
    plan = load(out / "plan.yaml")
    assert plan["groups"] == [
        {"id": "1", "title": "Children's social care"},
        {"id": "2", "title": "Early help"},
    ]
    groups = [r["groups"] for r in plan["recommendations"]]
    assert groups == [["1"]] * 12 + [["2"]] * 11
    assert plan["recommendations"][0]["id"] == "1"


def test_a_heading_row_is_still_its_own_recommendation_where_the_table_has_none(tmp_path):
    table = write(
        tmp_path,
        "Area for Improvement (1): Check before removal. It matters.\n"
        "Action,Description,Timescale\n1.1,Audit cases,Oct 2014\n",
    )
    out = tmp_path / "content"
    assert run(table, "--into", out).exit_code == 0
    plan = load(out / "plan.yaml")
    assert plan["groups"] == [{"id": "aip-1", "title": "Check before removal"}]
    assert [(r["id"], r["groups"]) for r in plan["recommendations"]] == [("1", ["aip-1"])]


def test_title_and_start_columns_fill_those_fields_and_a_launch_is_never_due(tmp_path):
    table = write(
        tmp_path,
        "Focus area,Action ID,Action title,Action,Launch,Due\n"
        "F1,F1.1,  Reading   coaches ,Train reading coaches in every school,Aug 2025,\n"
        "F1,F1.2,Curriculum,Adopt a new curriculum,01/09/2025,Jun 2026\n"
        "F1,F1.3,,Survey parents,Mar-26,\n",
    )
    out = tmp_path / "content"
    result = run(table, "--into", out)
    assert result.exit_code == 0, result.output
    [recommendation] = load(out / "plan.yaml")["recommendations"]
    assert recommendation["actions"] == [
        {
            "id": "F1.1",
            "title": "Reading coaches",
            "description": "Train reading coaches in every school",
            "start": "2025-08-01",
        },
        {
            "id": "F1.2",
            "title": "Curriculum",
            "description": "Adopt a new curriculum",
            "start": "2025-09-01",
            "due": "2026-06-30",
        },
        {"id": "F1.3", "description": "Survey parents", "start": "2026-03-01"},
    ]


def test_a_start_that_cannot_be_read_is_a_bad_row(tmp_path):
    table = write(
        tmp_path,
        "Area,Ref,Description,Start date,Due\n1,1.1,Do it,Autumn term,\n1,1.2,Do that,,Someday\n"
        "1,1.3,Fine,Sep 2025,\n",
    )
    result = run(table, "--into", tmp_path / "content")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{table}:2: action 1.1: start 'Autumn term' is not a start that can be read: write a "
        "date (2025-09-01 or 01/09/2025) or a month and year (Sep 2025)",
        f"{table}:3: action 1.2: due 'Someday' is not a timescale that can be read: write a "
        "month and year (Oct 2014), a range (May 2014 to March 2016), a period from the plan "
        "date (3 months), or a word such as Ongoing or Quarterly",
        "Aborted: 2 problems found in the content.",
        "Nothing was written; --skip-bad-rows imports the rest (1 action) and lists each row "
        "it skips.",
    ]


def test_xlsx_start_cells_are_read_through_their_number_format(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Area", "Ref", "Description", "Title", "Start"])
    sheet.append(["1", "1.1", "Do it", "It", datetime(2015, 3, 1)])
    sheet.append(["1", "1.2", "Do that", "That", datetime(2015, 3, 1)])
    sheet["E2"].number_format = "dd/mm/yyyy"
    sheet["E3"].number_format = "mmm-yy"
    sheet["E3"].value = datetime(2025, 3, 1)
    path = tmp_path / "plan.xlsx"
    book.save(path)
    out = tmp_path / "content"
    assert run(path, "--into", out).exit_code == 0
    [recommendation] = load(out / "plan.yaml")["recommendations"]
    assert [(a["title"], a["start"]) for a in recommendation["actions"]] == [
        ("It", "2015-03-01"),
        ("That", "2025-03-01"),
    ]


def test_a_month_as_excel_shows_mmm_yy_is_a_timescale():
    assert parse_timescale("Mar-26").due == date(2026, 3, 31)
    assert parse_start("Mar-26") == date(2026, 3, 1)
    assert parse_start("Sep 2025 to Dec 2025") == date(2025, 9, 1)
    assert parse_start("") is None


def test_a_new_groups_first_row_with_a_blank_focus_area_takes_it_from_the_action_id(tmp_path):
    table = write(
        tmp_path,
        "Pillar,Focus area,Ref,Description\nP1,P1.F1 Reading,P1.F1.A1,Do a\n"
        "P2,,P2.F1.A1,Do b\n,,P2.F1.A2,Do c\n",
    )
    out = tmp_path / "content"
    assert run(table, "--into", out).exit_code == 0
    plan = load(out / "plan.yaml")
    assert [
        (r["id"], r["text"], r["groups"], len(r["actions"])) for r in plan["recommendations"]
    ] == [
        ("P1.F1", "Reading", ["p1"], 1),
        ("P2.F1", "P2.F1", ["p2"], 2),
    ]


def test_title_columns_name_the_groups_and_recommendations(tmp_path):
    mapping = write(
        tmp_path, 'columns: {"Strand": group, "Objective": recommendation}\n', "map.yaml"
    )
    table = write(
        tmp_path,
        "Strand,Pillar name,Objective,Focus area name,Ref,Description\n"
        "S1,Learning,O1,Early reading,O1.1,Do a\n"
        ",,,,O1.2,Do b\n"
        "S2,Wellbeing,O2,Attendance,O2.1,Do c\n",
    )
    out = tmp_path / "content"
    result = run(table, "--into", out, "--mapping", mapping)
    assert result.exit_code == 0, result.output
    plan = load(out / "plan.yaml")
    assert plan["groups"] == [{"id": "s1", "title": "Learning"}, {"id": "s2", "title": "Wellbeing"}]
    assert [(r["id"], r["text"], r["groups"]) for r in plan["recommendations"]] == [
        ("O1", "Early reading", ["s1"]),
        ("O2", "Attendance", ["s2"]),
    ]


def test_the_header_message_stays_short_whatever_the_row(tmp_path):
    header = ",".join(["Huge " + "x" * 5000] + [f"Column {n}" for n in range(30)])
    table = write(tmp_path, header + "\n")
    result = run(table, "--into", tmp_path / "content")
    assert result.exit_code == 1
    [message] = result.stderr.splitlines()
    assert f"'Huge {'x' * 54}…' (unknown), 'Column 0' (unknown)" in message
    assert "'Column 18' (unknown) and 11 more. The columns expected" in message
    assert len(message) < 2000


def test_a_repeated_heading_continues_its_group_and_a_heading_without_id_is_named_by_text(
    tmp_path,
):
    mapping = write(
        tmp_path,
        "group_pattern: '^(?P<id>)(?P<text>(?:Children|Adults).*services)$'\n",
        "map.yaml",
    )
    table = write(
        tmp_path,
        "Children's services\nRecommendation,Action,Description\n1,1.1,Do a\n"
        "Adults' services\nRecommendation,Action,Description\n2,2.1,Do b\n"
        "Children's services\n3,3.1,Do c\n",
    )
    out = tmp_path / "content"
    result = run(table, "--into", out, "--mapping", mapping)
    assert result.exit_code == 0, result.output
    plan = load(out / "plan.yaml")
    assert plan["groups"] == [
        {"id": "children-s-services", "title": "Children's services"},
        {"id": "adults-services", "title": "Adults' services"},
    ]
    assert [(r["id"], r["groups"]) for r in plan["recommendations"]] == [
        ("1", ["children-s-services"]),
        ("2", ["adults-services"]),
        ("3", ["children-s-services"]),
    ]


@pytest.mark.parametrize(
    ("cell", "label"),
    [
        ("P1", ("P1", "")),
        ("1.4.", ("1.4", "")),
        ("Pillar 1: Student achievement", ("1", "Student achievement")),
        ("Focus Area 1.4 – Early literacy", ("1.4", "Early literacy")),
        ("Pillar 2", ("2", "")),
        ("P1.F4 Early literacy", ("P1.F4", "Early literacy")),
        ("1.4 Early literacy", ("1.4", "Early literacy")),
        ("3. Ensure  that plans are reviewed", ("3", "Ensure that plans are reviewed")),
        ("2020 targets are met", (None, "2020 targets are met")),
        ("Year 7 transition", (None, "Year 7 transition")),
        ("Early literacy", (None, "Early literacy")),
    ],
)
def test_a_cell_names_its_item_by_id_text_or_both(cell, label):
    assert split_label(cell) == label


@pytest.mark.parametrize(
    ("header", "grouping"),
    [
        ("Pillar", {"singular": "Pillar", "plural": "Pillars"}),
        (
            "STRATEGIC PRIORITY",
            {"singular": "Strategic priority", "plural": "Strategic priorities"},
        ),
        ("Theme", {"singular": "Theme", "plural": "Themes"}),
        ("Focus", {"singular": "Focus", "plural": "Focuses"}),
    ],
)
def test_the_groups_are_named_by_their_columns_header(tmp_path, header, grouping):
    mapping = write(tmp_path, f'columns: {{"{header}": group}}\n', "map.yaml")
    table = write(tmp_path, f"{header},Ref,Description\nHousing,1,Build homes\n")
    out = tmp_path / "content"
    assert run(table, "--into", out, "--mapping", mapping).exit_code == 0
    assert load(out / "site.yaml")["grouping"] == grouping


def test_a_mappings_grouping_wins_and_headings_keep_the_old_name(tmp_path):
    mapping = write(tmp_path, "grouping: {singular: Goal, plural: Goals}\n", "map.yaml")
    table = write(tmp_path, "Pillar,Ref,Description\nHousing,1,Build homes\n")
    out = tmp_path / "content"
    assert run(table, "--into", out, "--mapping", mapping).exit_code == 0
    assert load(out / "site.yaml")["grouping"] == {"singular": "Goal", "plural": "Goals"}
    table = write(tmp_path, "Area,Ref,Description\n1,1.1,Build homes\n", "plain.csv")
    assert run(table, "--into", tmp_path / "plain").exit_code == 0
    assert load(tmp_path / "plain/site.yaml")["grouping"] == {
        "singular": "Area for improvement",
        "plural": "Areas for improvement",
    }


@pytest.mark.parametrize("text", ["TBD", "tbc", "N/A", "Ongoing", "-"])
def test_a_start_cell_that_gives_no_date_is_no_start(text):
    assert parse_start(text) is None


def test_groups_whose_ids_read_the_same_in_a_web_address_stay_apart(tmp_path):
    table = write(tmp_path, "Pillar,Focus area,Ref,Description\nP1,F1,F1.1,Do a\np1,F2,F2.1,Do b\n")
    out = tmp_path / "content"
    result = run(table, "--into", out)
    assert result.exit_code == 0, result.output
    plan = load(out / "plan.yaml")
    assert plan["groups"] == [{"id": "p1", "title": "P1"}, {"id": "p1-2", "title": "p1"}]
    assert [(r["id"], r["groups"]) for r in plan["recommendations"]] == [
        ("F1", ["p1"]),
        ("F2", ["p1-2"]),
    ]


def test_a_table_writing_dates_month_first_is_read_so(tmp_path):
    table = write(
        tmp_path,
        "Area,Ref,Description,Start date,Due\n1,1.1,Do a,8/1/2025,12/31/2025\n"
        "1,1.2,Do b,9/2/2025,\n",
    )
    out = tmp_path / "content"
    assert run(table, "--into", out).exit_code == 0
    [recommendation] = load(out / "plan.yaml")["recommendations"]
    assert [(a["start"], a.get("due")) for a in recommendation["actions"]] == [
        ("2025-08-01", "2025-12-31"),
        ("2025-09-02", None),
    ]
    uk = write(
        tmp_path, "Area,Ref,Description,Start date,Due\n1,1.1,Do a,8/1/2025,31/12/2025\n", "uk.csv"
    )
    assert run(uk, "--into", tmp_path / "uk").exit_code == 0
    [recommendation] = load(tmp_path / "uk/plan.yaml")["recommendations"]
    assert [(a["start"], a["due"]) for a in recommendation["actions"]] == [
        ("2025-01-08", "2025-12-31")
    ]


def test_heading_rows_for_two_levels_keep_both(tmp_path):
    mapping = write(
        tmp_path,
        "group_pattern: '^Pillar (?P<id>\\d+): (?P<text>.*)$'\n"
        "recommendation_pattern: '^Focus area (?P<id>[\\d.]+): (?P<text>.*)$'\n",
        "map.yaml",
    )
    table = write(
        tmp_path,
        "Pillar 1: Student achievement\nFocus area 1.1: Early literacy\n"
        "Action,Description,Status\n1.1.1,Train coaches,\n1.1.2,Screen readers,\n"
        "Focus area 1.2: Mathematics\n1.2.1,Run institutes,\n"
        "Pillar 2: Safe schools\nFocus area 2.1: Attendance\n2.1.1,Run a campaign,\n",
    )
    out = tmp_path / "content"
    result = run(table, "--into", out, "--mapping", mapping)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    plan = load(out / "plan.yaml")
    assert plan["groups"] == [
        {"id": "1", "title": "Student achievement"},
        {"id": "2", "title": "Safe schools"},
    ]
    assert [
        (r["id"], r["text"], r["groups"], [a["id"] for a in r["actions"]])
        for r in plan["recommendations"]
    ] == [
        ("1.1", "Early literacy", ["1"], ["1.1.1", "1.1.2"]),
        ("1.2", "Mathematics", ["1"], ["1.2.1"]),
        ("2.1", "Attendance", ["2"], ["2.1.1"]),
    ]


def test_a_recommendation_pattern_is_checked_like_the_group_pattern(tmp_path):
    mapping = write(tmp_path, "recommendation_pattern: '^Focus (\\d+)'\n", "map.yaml")
    table = write(tmp_path, "Area,Action,Description\n1,1.1,Do it\n")
    result = run(table, "--into", tmp_path / "content", "--mapping", mapping)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{mapping}:1: field 'recommendation_pattern': the pattern needs the named groups "
        "(?P<id>...) and (?P<text>...); missing: id, text",
        "Aborted: 1 problem found in the content.",
    ]
