"""Property: any table imports into valid content or is refused by row; nothing else happens."""

from __future__ import annotations

import csv
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from generator.content.validate import load_content
from generator.errors import ContentError, ProgressSiteError
from generator.workflow.importer import Options, import_plan
from generator.workflow.timescales import TimescaleError, parse_timescale

HEADER = ["Area", "Action", "Description", "Lead", "Timescale", "Progress", "Status"]
SAFE_TEXT = st.text(
    st.one_of(
        st.characters(blacklist_categories=("Cc", "Cs")),  # markup, RTL, emoji, U+2028...
        st.sampled_from(list("<>&\"'`*_[]()!#:|-\\{}%\n\r\t ")),
    ),
    max_size=30,
)
ANY_TEXT = st.text(max_size=30)  # control characters and surrogates too
TEXT = st.integers(0, 19).flatmap(lambda n: ANY_TEXT if n == 0 else SAFE_TEXT)
ODD_IDS = st.one_of(
    st.from_regex(r"[0-9]{1,2}(\.[0-9]{1,2})?\.?", fullmatch=True),
    st.sampled_from(["1a", "1A", "13/14", "x", "1-4", "1/4", "", "."]),
    TEXT,
)
IDS = st.integers(0, 3).flatmap(
    lambda n: ODD_IDS if n == 0 else st.from_regex(r"[1-3]\.[1-9]", fullmatch=True)
)
TIMESCALES = st.one_of(
    st.sampled_from(
        ["Oct 2014", "Sept 14", "3 months", "Ongoing", "30/02/2015", "May 2014 to", "9999/10"]
    ),
    st.from_regex(r"[0-9]{1,25} (days|weeks|months)", fullmatch=True),
    st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)),
    TEXT,
)
STATUSES = st.one_of(st.sampled_from(["Completed", "On track", "Red", ""]), TEXT)
ROWS = st.lists(st.tuples(IDS, IDS, TEXT, TEXT, TIMESCALES, TEXT, STATUSES), min_size=1, max_size=8)


def _plain(value: object, xlsx: bool) -> object:
    if isinstance(value, date):
        return value if xlsx else value.isoformat()
    text = "".join(c for c in str(value) if not 0xD800 <= ord(c) <= 0xDFFF)
    return ILLEGAL_CHARACTERS_RE.sub("", text) if xlsx else text


def write_table(root: Path, rows: list[tuple], xlsx: bool) -> Path:
    table = [HEADER, *[[_plain(v, xlsx) for v in row] for row in rows]]
    if xlsx:
        path = root / "plan.xlsx"
        book = Workbook()
        for row in table:
            book.active.append(row)
        book.save(path)
    else:
        path = root / "plan.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(table)
    return path


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(rows=ROWS, xlsx=st.booleans(), skip=st.booleans(), infer=st.booleans())
def test_any_table_imports_validly_or_is_refused_by_row(rows, xlsx, skip, infer):
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        table = write_table(root, rows, xlsx)
        into = root / "content"
        options = Options(plan_date=date(2014, 6, 30), infer_status=infer, release="2014-10")
        try:
            import_plan(table, into, options, skip_bad_rows=skip)
        except ContentError as refused:
            event("refused by row")
            assert refused.problems
            assert all(p.file == str(table) for p in refused.problems), refused.problems
            assert any(p.line is not None for p in refused.problems)
            assert not into.exists()
        except ProgressSiteError as refused:
            event("refused")
            assert str(refused).startswith(f"{table}"), str(refused)
            assert not into.exists()
        else:
            event("imported")
            load_content(into)  # what 'progress-site validate' checks
        assert sorted(p.name for p in root.iterdir() if p != into) == [table.name]


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(TIMESCALES.filter(lambda t: isinstance(t, str)), TEXT))
def test_a_timescale_is_read_or_explained(text):
    try:
        parse_timescale(text, date(2014, 6, 30))
    except TimescaleError as exc:
        assert str(exc).startswith("'")
