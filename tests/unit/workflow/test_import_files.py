"""import: whatever the table or mapping file, a clear message naming it, in bounded time."""

from __future__ import annotations

import os
import re
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from generator.errors import ContentError, ProgressSiteError
from generator.workflow.import_mapping import read_mapping
from generator.workflow.import_read import MAX_COLUMNS, MAX_ROWS, MAX_UNPACKED_BYTES, read_rows
from generator.workflow.importer import Options, import_plan

HEADER = ["Area", "Action", "Description", "Timescale"]
ROW = ["1", "1.1", "Write the strategy", "Oct 2014"]


def workbook(path: Path, rows: list[list[object]], setup=None) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if setup:
        setup(book)
    book.save(path)
    return path


def patch_zip(path: Path, member: str, change) -> None:
    with zipfile.ZipFile(path) as source:
        items = {name: source.read(name) for name in source.namelist()}
    items[member] = change(items[member].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in items.items():
            target.writestr(name, data)


def error(path: Path) -> str:
    with pytest.raises(ProgressSiteError) as failed:
        read_rows(path)
    return str(failed.value)


def test_a_declared_million_row_range_is_read_in_bounded_time(tmp_path):
    path = workbook(tmp_path / "plan.xlsx", [HEADER, ROW])
    patch_zip(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml),
    )
    started = time.monotonic()
    assert read_rows(path) == [(1, HEADER), (2, ROW)]
    assert time.monotonic() - started < 2


def test_a_cell_in_the_last_row_or_column_stops_at_the_limit(tmp_path):
    path = workbook(tmp_path / "far.xlsx", [HEADER, ROW])
    far_row = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    patch_zip(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("</sheetData>", far_row + "</sheetData>"),
    )
    started = time.monotonic()
    assert error(path) == (
        f"{path}: more than {MAX_ROWS:,} rows; an action plan is read up to row {MAX_ROWS:,}"
    )
    assert time.monotonic() - started < 5
    wide = workbook(tmp_path / "wide.xlsx", [HEADER, ROW])
    far_cell = '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
    patch_zip(
        wide,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("</row>", far_cell, 2).replace(far_cell, "</row>", 1),
    )
    assert error(wide) == (
        f"{wide}:2: more than {MAX_COLUMNS} columns; an action plan is read up to column "
        f"{MAX_COLUMNS}"
    )


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_before_it_is_read(tmp_path):
    path = workbook(tmp_path / "bomb.xlsx", [HEADER, ROW])
    patch_zip(path, "xl/worksheets/sheet1.xml", lambda xml: xml + " " * MAX_UNPACKED_BYTES)
    assert path.stat().st_size < 1024 * 1024
    started = time.monotonic()
    message = error(path)
    assert re.fullmatch(
        rf"{re.escape(str(path))}: the workbook unpacks to \d+ bytes; the limit is 104857600",
        message,
    )
    assert time.monotonic() - started < 2


def test_a_cell_longer_than_excel_allows_is_refused(tmp_path):
    path = workbook(tmp_path / "long.xlsx", [HEADER, ROW])
    patch_zip(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(ROW[2], "x" * 40_000))
    assert error(path) == (
        f"{path}:2: column 3: more than 32,767 characters, Excel's own limit for a cell"
    )
    csv_path = tmp_path / "long.csv"
    csv_path.write_text(",".join(HEADER) + "\n1,1.1," + "x" * 40_000 + ",Oct 2014\n")
    assert error(csv_path) == (
        f"{csv_path}:2: column 3: more than 32,767 characters, Excel's own limit for a cell"
    )


@pytest.mark.parametrize("name", ["plan.csv", "plan.xlsx"])
def test_a_table_that_is_not_a_regular_file_is_refused_without_reading_it(tmp_path, name):
    pipe = tmp_path / name
    os.mkfifo(pipe)
    assert error(pipe) == (
        f"{pipe}: is not a regular file (a named pipe, socket or device); replace it with a file"
    )
    folder = tmp_path / "folder" / name
    folder.mkdir(parents=True)
    assert error(folder) == f"{folder}: is a directory, not a file"


def test_line_breaks_inside_a_cell_are_line_breaks_however_written(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(b'Action,Description\r\n1.1,"one\r\ntwo\rthree"\r\n')
    assert [cells for _, cells in read_rows(path)] == [
        ["Action", "Description"],
        ["1.1", "one\ntwo\nthree"],
    ]
    into = tmp_path / "content"
    options = Options(plan_date=date(2014, 6, 30), release="2014-10")
    csv_path = tmp_path / "cr.csv"
    csv_path.write_bytes(
        b'Area,Action,Description,Progress\r\n1a,1.1,Do it,"Begun\rand checked"\r\n'
    )
    import_plan(csv_path, into, options)
    assert "Begun\n\n      and checked" in (into / "progress/2014-10.yaml").read_text()


def test_a_long_csv_stops_at_the_limit(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(",".join(HEADER) + "\n" + "x\n" * MAX_ROWS)
    assert error(path) == (
        f"{path}: more than {MAX_ROWS:,} rows; an action plan is read up to row {MAX_ROWS:,}"
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "plan.xlsx",
            b"Action,Description\n",
            "not a readable .xlsx workbook (BadZipFile: File is not a zip file); save it from "
            "Excel as an .xlsx workbook, or as CSV (UTF-8)",
        ),
        (
            "plan.csv",
            "Action,Description\n1.1,Café\n".encode("cp1252"),
            "not UTF-8 text; save the CSV as UTF-8",
        ),
        (
            "plan.csv",
            b"Action,Description\n1.1,a\x00b\n",
            "2: column 2: contains a control character (U+0000) that content files cannot "
            "hold; remove it",
        ),
        (
            "plan.csv",
            b'Action,Description\n1.1,"open\n',
            "2: cannot be read as CSV (unexpected end of data)",
        ),
        ("plan.ods", b"x", "expected a .csv or .xlsx file"),
    ],
)
def test_unreadable_tables_are_named(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    found = error(path)
    assert found == f"{path}: {message}" or found == f"{path}:{message}"


def test_a_zip_that_is_not_a_workbook_and_a_corrupt_workbook(tmp_path):
    path = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "x")
    assert error(path).startswith(f"{path}: not a readable .xlsx workbook (KeyError: ")
    corrupt = workbook(tmp_path / "corrupt.xlsx", [HEADER, ROW])
    patch_zip(corrupt, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    assert error(corrupt).startswith(f"{corrupt}: not a readable .xlsx workbook (")


def test_an_empty_workbook_has_no_actions(tmp_path):
    path = workbook(tmp_path / "empty.xlsx", [])
    assert read_rows(path) == []
    with pytest.raises(ProgressSiteError, match=f"^{re.escape(str(path))}: no actions found$"):
        import_plan(path, tmp_path / "content", Options())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.xlsx"]


def test_the_first_visible_sheet_is_read(tmp_path):
    def hide_first(book):
        hidden = book.active
        hidden.title = "Old"
        hidden.sheet_state = "hidden"
        very = book.create_sheet("Lookups")
        very.append(["not", "this"])
        very.sheet_state = "veryHidden"
        book.create_sheet("Plan").append(HEADER)
        book["Plan"].append(ROW)
        book.active = 2

    path = workbook(tmp_path / "plan.xlsx", [["old", "sheet"]], hide_first)
    assert read_rows(path) == [(1, HEADER), (2, ROW)]
    nothing = workbook(tmp_path / "hidden.xlsx", [HEADER])
    patch_zip(
        nothing,
        "xl/workbook.xml",
        lambda xml: xml.replace('state="visible"', 'state="hidden"'),
    )
    assert error(nothing) == f"{nothing}: the workbook has no visible sheet"


@pytest.mark.parametrize("epoch", [None, CALENDAR_MAC_1904])
def test_date_cells_are_read_through_their_number_format(tmp_path, epoch):
    formats = {
        "D2": "dd/mm/yyyy",
        "D3": "mmm yyyy",
        "D4": "yyyy-mm-dd h:mm:ss",
        "D5": "dd/mm/yyyy",
        "D6": "mmm-yy",
        "D7": "[$-409]mmm-yy;@",
        "D8": "[Red]mmmm yyyy",
        "D9": "d mmmm yyyy",
    }

    def dates(book):
        if epoch:
            book.epoch = epoch
        for cell, number_format in formats.items():
            book.active[cell].number_format = number_format

    rows = [
        HEADER,
        ["1", "1.1", "a", date(2014, 10, 15)],
        ["1", "1.2", "b", date(2014, 12, 17)],
        ["1", "1.3", "c", datetime(2015, 3, 30, 23, 59, 59, 999_999)],
        ["1", "1.4", "d", date(2015, 3, 1)],
        ["1", "1.5", "e", date(2015, 3, 1)],
        ["1", "1.6", "f", date(2015, 4, 1)],
        ["1", "1.7", "g", date(2015, 5, 1)],
        ["1", "1.8", "h", date(2015, 6, 1)],
    ]
    path = workbook(tmp_path / "dates.xlsx", rows, dates)
    assert [cells[3] for _, cells in read_rows(path)[1:]] == [
        "2014-10-15",  # the day shown
        "Dec 2014",  # a month shown as a month
        "2015-03-31",  # a split second before midnight is that midnight
        "2015-03-01",  # 1 March 2015 in dd/mm/yyyy keeps its day
        "Mar 2015",  # mmm-yy is a month
        "Apr 2015",  # a locale and a colour are not date codes
        "May 2015",
        "2015-06-01",
    ]


def test_a_dd_mm_yyyy_cell_on_the_first_is_due_that_day(tmp_path):
    def dated(book):
        book.active["D2"].number_format = "dd/mm/yyyy"
        book.active["D3"].number_format = "mmm-yy"

    rows = [HEADER, ["1", "1.1", "a", date(2015, 3, 1)], ["1", "1.2", "b", date(2015, 3, 1)]]
    path = workbook(tmp_path / "plan.xlsx", rows, dated)
    imported = import_plan(path, tmp_path / "out", Options(release="2015-03"))[0]
    [area] = imported.areas
    assert [(a.cells["timescale"], a.due) for a in area.actions] == [
        ("2015-03-01", date(2015, 3, 1)),
        ("Mar 2015", date(2015, 3, 31)),
    ]


def mapping(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "map.yaml"
    path.write_text(text)
    with pytest.raises(ContentError) as failed:
        read_mapping(path)
    return [str(p).replace(str(path), "map.yaml") for p in failed.value.problems]


def test_the_mapping_file_is_checked_with_its_lines(tmp_path):
    assert mapping(
        tmp_path,
        "columns:\n  Lead: leader\n  Notes: [x]\nignore: Notes\ngroup_pattern: '^(?P<id>\\d+'\n"
        "status_words: {done: finished}\nstatuses: [{id: done, label: Done, meaning: over}]\n"
        "colour: red\ngrouping: {singular: Area}\n",
    ) == [
        "map.yaml:2: 'columns': 'Lead' maps to 'leader', which is not one of id, title, "
        "description, lead, strategic_lead, operational_lead, resources, timescale, start, due, "
        "outcome, progress, status, recommendation, group, group_title, recommendation_text",
        "map.yaml:3: field 'columns': 'Notes': expected text, found a list",
        "map.yaml:5: field 'group_pattern': not a valid regular expression (missing ), "
        "unterminated subpattern at position 1)",
        "map.yaml:6: 'status_words': 'done' gives status 'finished', which is not in 'statuses' "
        "(known: done)",
        "map.yaml:7: status 'done': field 'meaning': expected one of not-started, in-progress, "
        "at-risk, off-track, complete, not-reported, found 'over'",
        "map.yaml:8: unknown field 'colour' (expected one of: columns, ignore, group_pattern, "
        "recommendation_pattern, status_words, statuses, grouping)",
        "map.yaml:9: grouping: missing required field 'plural'",
    ]
    assert mapping(tmp_path, "columns: {a: ''}\nignore: [a, {b: 1}]\nstatuses: []\n") == [
        "map.yaml:1: field 'columns': 'a' must not be empty",
        "map.yaml:2: ignore[1]: expected text, found a mapping",
        "map.yaml:3: field 'statuses' must list at least one status",
    ]
    assert mapping(tmp_path, "group_pattern: '^Area (\\d+)'\n") == [
        "map.yaml:1: field 'group_pattern': the pattern needs the named groups (?P<id>...) and "
        "(?P<text>...); missing: id, text"
    ]
    assert mapping(tmp_path, "status_words: {done: finished}\n") == [
        "map.yaml:1: 'status_words': 'done' gives status 'finished', which is not in 'statuses' "
        "(known: completed, in-place, on-track, planned, due, not-reported, in-progress, "
        "delayed, not-started)"
    ]
    assert mapping(tmp_path, "- columns\n") == ["map.yaml:1: expected a mapping of settings"]
    assert mapping(tmp_path, "columns: {a: b\n")[0].startswith("map.yaml:2: YAML syntax error")


@pytest.mark.parametrize(
    ("release", "shown"),
    [
        ("../../x", "../../x"),
        ("/abs", "/abs"),
        ("a/b", "a/b"),
        (".", "."),
        ("..", ".."),
        ("x\x00", "x\ufffd"),
        ("x\n", "x\\n"),
        ("Latest", "Latest"),
    ],
)
def test_release_ids_that_would_escape_are_refused_before_anything_is_written(
    tmp_path, release, shown
):
    table = tmp_path / "plan.csv"
    table.write_text(",".join(HEADER) + "\n" + ",".join(ROW) + "\n")
    with pytest.raises(ProgressSiteError) as refused:
        import_plan(table, tmp_path / "out" / "content", Options(release=release))
    assert str(refused.value) == (
        f"--release: {release!r} is not a release id: a release id becomes part of the URL: use "
        "lower-case letters, digits, '.', '-' or '_', starting with a letter or digit, found "
        f"'{shown}'"
    )
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["plan.csv"]


def test_line_breaks_inside_cells_are_read_as_content_writes_them(tmp_path):
    table = tmp_path / "plan.csv"
    table.write_bytes(
        b"Area,Action,Description,Timescale\r\n"
        b'1,1.1,"First line\r\nsecond line\rthird line",Oct 2014\r\n'
    )
    rows = read_rows(table)
    assert rows[1][1][2] == "First line\nsecond line\nthird line"
    import_plan(table, tmp_path / "content", Options(release_date=date(2014, 6, 30)))
    assert b"\r" not in (tmp_path / "content" / "plan.yaml").read_bytes()
