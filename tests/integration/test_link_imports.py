"""A link no browser could open is refused where it enters: by the tracker's cell, by the
table's line, and nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import DEFAULT_CONTENT
from tests.integration.conftest import run_cli, tree_digest

BAD = "Done, see [evidence](https://[zz/)"
REASON = (
    "the link to 'https://[zz/' cannot be opened (Invalid IPv6 URL): correct the address, or "
    "write it without the [text](address) link"
)


def test_a_tracker_cell_with_a_link_that_cannot_be_opened_is_refused(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, content)
    tracker = tmp_path / "tracker.xlsx"
    made = run_cli("export-tracker", "2017-04", "--out", str(tracker), "--content", str(content))
    assert made.returncode == 0, made.stderr
    book = load_workbook(tracker)
    book["Actions"]["H2"].value = BAD
    book["Recommendations"]["C2"].value = "See [it](http://x:99999/)"
    book.save(tracker)
    before = tree_digest(content)
    args = ("--release", "2017-06", "--date", "2017-06-30", "--content", str(content))
    result = run_cli("import-tracker", str(tracker), *args)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{tracker}: Actions!H2: action 1.1: {REASON}",
        f"{tracker}: Recommendations!C2: recommendation 1: the link to 'http://x:99999/' "
        "cannot be opened (Port out of range 0-65535): correct the address, or write it "
        "without the [text](address) link",
        "Aborted: 2 problems found in the content.",
    ]
    assert tree_digest(content) == before


def test_an_imported_table_with_such_a_link_names_its_line_and_writes_nothing(tmp_path: Path):
    table = tmp_path / "plan.csv"
    table.write_text(
        "Area for Improvement (1): Do things better.\n"
        f'Action,Description,Progress to date\n1.1,"Recruit staff","{BAD}"\n'
    )
    result = run_cli("import", str(table), "--into", str(tmp_path / "new"), "--release", "2014-10")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{table}:3: action 1.1: field 'narrative': {REASON}",
        "Aborted: 1 problem found in the content.",
    ]
    assert not (tmp_path / "new").exists()
