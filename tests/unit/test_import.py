from datetime import date
from pathlib import Path

import pytest

from generator.errors import ContentError, ProgressSiteError
from generator.workflow.importer import STATUS_WORDS, Options, import_plan, infer_status, read_plan
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
        "'columns' (as one of id, description, lead, strategic_lead, operational_lead, "
        "resources, timescale, outcome, progress, status, recommendation) or under 'ignore'",
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
        table, tmp_path / "content", Options(plan_date=PLAN_DATE, infer_status=True)
    )
    plan = (out / "plan.yaml").read_text()
    assert "title: Improve strategy discussions\n" in plan
    assert "due: '2014-10-31'" in plan
    progress = (out / "progress/2014-06.yaml").read_text()
    assert "'3.1':\n    status: completed\n    narrative: Completed. Done.\n" in progress
    assert "'3.2':\n    status: not-reported\n" in progress
    with pytest.raises(ProgressSiteError, match="is not empty"):
        import_plan(table, out, Options(plan_date=PLAN_DATE))
