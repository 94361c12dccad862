from datetime import date
from pathlib import Path

import pytest

from generator.errors import ContentError, ProgressSiteError
from generator.workflow.importer import (
    STATUS_WORDS,
    STATUSES,
    Options,
    import_plan,
    infer_status,
    read_plan,
    status_words,
    statuses_used,
)
from generator.workflow.timescales import TimescaleError, parse_timescale

PLAN_DATE = date(2014, 6, 30)
HEADER = (
    "Action,Description,Strategic Lead,Operational Lead,Timescale (By When),"
    "Performance/Outcome,Progress to date\n"
)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Oct 2014", date(2014, 10, 31)),
        ("Sept 14", date(2014, 9, 30)),
        ("Nov2014", date(2014, 11, 30)),
        ("May 2014 to March 2016", date(2016, 3, 31)),
        ("Ongoing", None),
        ("Quarterly", None),
        ("Reviewed monthly", None),
        ("3 months", date(2014, 9, 30)),
        ("6 weeks", date(2014, 8, 11)),
        ("Immediately", PLAN_DATE),
        ("From July 2014", None),
        ("Oct 2014 Quarterly", date(2014, 10, 31)),
        ("Oct 2014 Reviewed monthly", date(2014, 10, 31)),
        ("Quarterly 2014/15", date(2015, 3, 31)),
        ("Quarterly (review March 2016)", date(2016, 3, 31)),
        ("Impact Review April 2015", date(2015, 4, 30)),
        ("In place", None),
        ("Annual", None),
        ("30/11/2014", date(2014, 11, 30)),
    ],
)
def test_timescales(text, due):
    parsed = parse_timescale(text, PLAN_DATE)
    assert (parsed.text, parsed.due) == (text, due)


def test_timescales_that_cannot_be_read():
    with pytest.raises(TimescaleError) as bad:
        parse_timescale("When resources allow", PLAN_DATE)
    assert str(bad.value).startswith("'When resources allow' is not a timescale that can be read")
    with pytest.raises(TimescaleError, match="'30/02/2015' is not a real date"):
        parse_timescale("30/02/2015", PLAN_DATE)
    with pytest.raises(TimescaleError, match="relative to the plan's date: give --plan-date"):
        parse_timescale("3 months")
    for text, reason in (
        ("Quarterly 9999/10", "year 10000 is out of range"),
        ("99999999 months", "year 8335347 is out of range"),
        ("99999999999 days", "Python int too large to convert to C int"),
    ):
        with pytest.raises(TimescaleError) as beyond:
            parse_timescale(text, PLAN_DATE)
        assert str(beyond.value) == f"'{text}' gives a date that does not exist ({reason})"


def test_status_from_the_leading_words_of_progress():
    assert infer_status("Completed. The strategy was signed off.", STATUS_WORDS) == "completed"
    assert infer_status("On track - a local set of standards", STATUS_WORDS) == "on-track"
    assert infer_status("In place. Every case audited.", STATUS_WORDS) == "in-place"
    assert infer_status("Planned for April 2015.", STATUS_WORDS) == "planned"
    assert infer_status("Due January 2015.", STATUS_WORDS) == "due"
    assert infer_status("Work is on track", STATUS_WORDS) is None  # not leading
    assert infer_status("Ongoing work", STATUS_WORDS) is None


def write(tmp_path: Path, text: str, name: str = "plan.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_are_reported_with_their_numbers(tmp_path):
    table = write(
        tmp_path,
        "Area for Improvement (1): Do better.\n"
        + HEADER
        + "1.1,First,A,B,Oct 2014,,On track.\n"
        + "1.,Truncated,A,B,Oct 2014,,\n"
        + "1.1,Again,A,B,Oct 2014,,\n"
        + "1.2,Vague,A,B,When possible,,\n"
        + ",No id,A,B,Oct 2014,,\n",
    )
    imported = read_plan(table, Options(plan_date=PLAN_DATE))
    assert [str(p).split(": ", 1)[1] for p in imported.problems] == [
        "action 1.: action id '1.' looks truncated: expected 1.<number>",
        "action 1.1: duplicate action id '1.1' (first on row 3)",
        "action 1.2: timescale 'When possible' is not a timescale that can be read: write a "
        "month and year (Oct 2014), a range (May 2014 to March 2016), a period from the plan "
        "date (3 months), or a word such as Ongoing or Quarterly",
        "no action id",
    ]
    assert [p.line for p in imported.problems] == [4, 5, 6, 7]
    with pytest.raises(ContentError):
        import_plan(table, tmp_path / "out", Options(plan_date=PLAN_DATE))
    assert not (tmp_path / "out").exists()  # all or nothing


def test_unknown_columns_need_a_mapping(tmp_path):
    table = write(tmp_path, "Ref,Task,Owner,RAG,Notes,Timescale\n1.1,Do it,Jo,Green,x,Oct 2014\n")
    imported = read_plan(table, Options())
    assert [str(p) for p in imported.problems] == [
        f"{table}:1: unknown column 'Notes' (column 5): name it in a mapping file under "
        "'columns' (as one of id, title, description, lead, strategic_lead, operational_lead, "
        "resources, timescale, start, due, outcome, progress, status, recommendation, group, "
        "group_title, recommendation_text) or under 'ignore'",
        f"{table}:2: action 1.1: no area heading above this row and no area column",
    ]
    mapped = Options(ignore=["Notes"], columns={"Owner": "operational_lead"})
    table = write(
        tmp_path, "Area,Ref,Task,Owner,RAG,Notes,Timescale\n4,4.1,Do it,Jo,On track,x,Oct 2014\n"
    )
    imported = read_plan(table, mapped)
    assert imported.problems == []
    [area] = imported.areas
    assert (area.id, area.actions[0].cells["operational_lead"]) == ("4", "Jo")


def test_import_writes_valid_content(tmp_path):
    table = write(
        tmp_path,
        "Area for Improvement (3): Improve strategy discussions. They must be recorded.\n"
        + HEADER
        + "3.1,Produce standards,Ann Graham,Teresa De Vito,Oct 2014,Audits improve,"
        + "Completed. Done.\n"
        + "3.2,Hold meetings,Ann Graham,,Ongoing,,\n",
    )
    _, out = import_plan(
        table,
        tmp_path / "content",
        Options(plan_date=PLAN_DATE, release_date=PLAN_DATE, infer_status=True),
    )
    plan = (out / "plan.yaml").read_text()
    assert "title: Improve strategy discussions\n" in plan
    assert "due: '2014-10-31'" in plan
    progress = (out / "progress/2014-06.yaml").read_text()
    assert "'3.1':\n    status: completed\n    narrative: Completed. Done.\n" in progress
    assert "'3.2':\n    status: not-reported\n" in progress
    with pytest.raises(ProgressSiteError, match="is not empty"):
        import_plan(table, out, Options(plan_date=PLAN_DATE))


@pytest.mark.parametrize(
    "text",
    ["Programme commenced May 2012", "Started June 2012", "From July 2014", "Since 2013-04-01"],
)
def test_a_timescale_stating_a_start_has_no_due_date(text):
    assert parse_timescale(text, PLAN_DATE).due is None
    assert parse_timescale(text, PLAN_DATE).text == text


def test_a_range_from_a_start_is_due_at_its_end():
    assert parse_timescale("From May 2014 to March 2016").due == date(2016, 3, 31)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Implemented. Signed off.", "completed"),
        ("Complete", "completed"),
        ("On schedule for March", "on-track"),
        ("In  progress - review", "in-progress"),
        ("Delayed: staffing", "delayed"),
        ("Not started", "not-started"),
        ("not-reported", "not-reported"),
        ("Due Jan 2015", "due"),
        ("Deliberately vague", None),
    ],
)
def test_common_status_words_are_recognised(text, status):
    assert infer_status(text, status_words(STATUSES, STATUS_WORDS)) == status


def test_the_sites_own_status_labels_are_recognised_and_the_mapping_wins():
    statuses = [
        {"id": "green", "label": "Green (on track)", "meaning": "in-progress"},
        {"id": "done", "label": "Done", "meaning": "complete"},
    ]
    words = status_words(statuses, {"finished": "done"})
    assert infer_status("green (ON track) since May", words) == "green"
    assert infer_status("Finished.", words) == "done"
    assert infer_status("Completed", words) is None  # no such status on this site
    assert statuses_used(statuses, {"in-progress"}) == statuses


WORD_LAYOUT = (
    ",Recommendation,Action,Lead officer(s),Resources,Timescale,Progress\n"
    "1.1,Recruit permanent staff.,Run a recruitment drive,Ann Dodds,£40k,"
    "Programme commenced May 2012,In progress. 41 accepted.\n"
    "1.2,,Induct new starters,Ann Dodds,Existing,Started June 2012,Completed.\n"
    "2,Improve supervision.,Audit supervision monthly,Jo Bloggs,,From July 2014,On schedule\n"
    "3.,Review thresholds.,Publish the threshold document,Jo Bloggs,,Oct 2014,Delayed\n"
)


def test_a_table_exported_from_word_is_read(tmp_path):
    imported = read_plan(write(tmp_path, WORD_LAYOUT), Options(plan_date=PLAN_DATE))
    assert imported.problems == [] and imported.left_out == []
    assert [(a.id, a.text, [x.id for x in a.actions]) for a in imported.areas] == [
        ("1", "Recruit permanent staff.", ["1.1", "1.2"]),
        ("2", "Improve supervision.", ["2"]),
        ("3", "Review thresholds.", ["3"]),
    ]
    first = imported.areas[0].actions[0]
    assert (first.cells["lead"], first.cells["resources"], first.due) == ("Ann Dodds", "£40k", None)


def test_a_whole_number_id_is_truncated_only_where_several_actions_share_it(tmp_path):
    table = write(
        tmp_path,
        ",Recommendation,Action\n4,Text.,First\n4,,Second\n5,Other.,Only\n",
    )
    imported = read_plan(table, Options())
    assert [str(p) for p in imported.problems] == [
        f"{table}:2: action 4: action id '4' looks truncated: expected 4.<number>",
        f"{table}:3: action 4: action id '4' looks truncated: expected 4.<number>",
    ]
    assert [str(p) for p in imported.left_out] == [
        f"{table}:2: recommendation 4: left out: none of its 2 rows could be imported"
    ]
    assert [a.id for a in imported.areas[1].actions] == ["5"]


def test_a_lead_beside_a_responsible_column_stays_the_strategic_lead(tmp_path):
    table = write(tmp_path, "Area,Ref,Task,Lead,Responsible\n1,1.1,Do it,Ann,Jo\n")
    [area] = read_plan(table, Options()).areas
    cells = area.actions[0].cells
    assert (cells["strategic_lead"], cells["operational_lead"], "lead" in cells) == (
        "Ann",
        "Jo",
        False,
    )


def test_a_single_lead_column_becomes_the_actions_lead(tmp_path):
    _, out = import_plan(
        write(tmp_path, WORD_LAYOUT),
        tmp_path / "content",
        Options(plan_date=PLAN_DATE, release_date=PLAN_DATE),
    )
    plan = (out / "plan.yaml").read_text()
    assert "  - id: '1.1'\n    description: Run a recruitment drive\n    lead: Ann Dodds\n" in plan
    assert "    resources: £40k\n    timescale: Programme commenced May 2012\n" in plan
    assert "strategic_lead" not in plan
