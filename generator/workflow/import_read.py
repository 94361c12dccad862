"""Reading the table for ``import``: CSV or the first visible sheet of an XLSX workbook.

Reading is bounded whatever the file declares: at most ``MAX_ROWS`` rows and
``MAX_COLUMNS`` columns (a sheet's declared dimension is ignored), and files of at most
``MAX_TABLE_BYTES``. Every failure is a message naming the user's file, and the row and
column where there is one.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from generator.content.files import read_limited
from generator.content.strings import BAD_CHARACTER
from generator.errors import ProgressSiteError

MAX_ROWS = 10_000
MAX_COLUMNS = 200
MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_CELL_CHARS = 32_767
"""Excel's own limit for one cell."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""A workbook is compressed: what its parts unpack to is bounded too (a zip bomb is refused)."""

Rows = list[tuple[int, list[str]]]


def _bad_character(text: str) -> str | None:
    """The first character content files cannot hold, as U+XXXX (the validator's own rule)."""
    found = BAD_CHARACTER.search(text)
    return f"U+{ord(found[0]):04X}" if found else None


def _lines(text: str) -> str:
    """Line breaks inside a cell as content files write them: a spreadsheet's CR LF or CR
    becomes LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _checked(path: Path, number: int, cells: list[str]) -> list[str]:
    if number > MAX_ROWS:
        raise ProgressSiteError(
            f"{path}: more than {MAX_ROWS:,} rows; an action plan is read up to row {MAX_ROWS:,}"
        )
    if len(cells) > MAX_COLUMNS:
        if any(cells[MAX_COLUMNS:]):
            raise ProgressSiteError(
                f"{path}:{number}: more than {MAX_COLUMNS} columns; an action plan is read up to "
                f"column {MAX_COLUMNS}"
            )
        cells = cells[:MAX_COLUMNS]
    cells = [_lines(cell) for cell in cells]
    for column, cell in enumerate(cells, 1):
        if len(cell) > MAX_CELL_CHARS:
            raise ProgressSiteError(
                f"{path}:{number}: column {column}: more than {MAX_CELL_CHARS:,} characters, "
                "Excel's own limit for a cell"
            )
        bad = _bad_character(cell)
        if bad:
            raise ProgressSiteError(
                f"{path}:{number}: column {column}: contains a control character ({bad}) that "
                "content files cannot hold; remove it"
            )
    return cells


def _unpacked_size(path: Path, data: bytes) -> None:
    """Refuse a workbook whose parts unpack to more than the limit, before any is read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: reported as not a readable workbook
    if unpacked > MAX_UNPACKED_BYTES:
        raise ProgressSiteError(
            f"{path}: the workbook unpacks to {unpacked} bytes; the limit is {MAX_UNPACKED_BYTES}"
        )


def read_rows(path: Path) -> Rows:
    """The table's rows with their 1-based row numbers, as text."""
    sheets = read_sheets(path, first_only=True)
    return next(iter(sheets.values()))


def read_sheets(path: Path, first_only: bool = False, exact_dates: bool = False) -> dict[str, Rows]:
    """Every visible sheet's rows by sheet name (or only the first visible sheet's); a CSV
    is one sheet named ''. A date cell reads as YYYY-MM-DD with ``exact_dates`` (a tracker's
    dates); otherwise a date whose number format shows the day reads as YYYY-MM-DD, and one
    shown as a month and year (mmm-yy) reads as the month it stands for in a plan's
    timescale, such as "May 2017"."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ProgressSiteError(f"{path}: expected a .csv or .xlsx file")
    data, problem = read_limited(path, MAX_TABLE_BYTES)  # never a pipe or /dev/zero
    if data is None:
        raise ProgressSiteError(f"{path}: {problem}")
    if suffix == ".xlsx":
        _unpacked_size(path, data)
        return _read_xlsx(path, data, first_only, exact_dates)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProgressSiteError(f"{path}: not UTF-8 text; save the CSV as UTF-8") from exc
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: Rows = []
    try:
        # rows are numbered as a spreadsheet shows them: a cell with line breaks is one row
        for number, row in enumerate(reader, 1):
            rows.append((number, _checked(path, number, [c.strip() for c in row])))
    except csv.Error as exc:
        raise ProgressSiteError(f"{path}:{len(rows) + 1}: cannot be read as CSV ({exc})") from exc
    return {"": rows}


_LITERAL = re.compile(r'\[[^\]]*\]|"[^"]*"|\\.')
"""The parts of a number format that are not date codes: [$-409], [Red], "text", \\d."""


def shows_day(number_format: object) -> bool:
    """Whether a date cell's number format shows the day (dd/mm/yyyy, d mmm yyyy), rather than
    only the month and year (mmm-yy, mmmm yyyy): the cell then stands for that month."""
    codes = _LITERAL.sub("", str(number_format or "").split(";")[0]).lower()
    return "d" in codes


def _cell(cell: Any, exact_dates: bool = False) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = (value + timedelta(microseconds=500_000)).replace(microsecond=0).date()
    if isinstance(value, date) and exact_dates:
        return value.isoformat()
    if isinstance(value, date):
        exact = shows_day(getattr(cell, "number_format", ""))
        return value.isoformat() if exact else f"{value:%b %Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


def _read_xlsx(path: Path, data: bytes, first_only: bool, exact_dates: bool) -> dict[str, Rows]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ProgressSiteError(
            f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc}); save it "
            "from Excel as an .xlsx workbook, or as CSV (UTF-8)"
        ) from None
    try:
        visible = [s for s in book.worksheets if getattr(s, "sheet_state", "visible") == "visible"]
        if not visible:
            raise ProgressSiteError(f"{path}: the workbook has no visible sheet")
        sheets: dict[str, Rows] = {}
        for sheet in visible[:1] if first_only else visible:
            sheet.reset_dimensions()  # the declared dimension may claim a million rows
            rows: Rows = []
            for number, row in enumerate(sheet.iter_rows(), 1):
                for cell in row:
                    if getattr(cell, "data_type", None) == "e":
                        raise ProgressSiteError(
                            f"{path}: {sheet.title}!{cell.coordinate}: the cell shows the error "
                            f"{cell.value}; correct it, or type the value itself"
                        )
                rows.append((number, _checked(path, number, [_cell(c, exact_dates) for c in row])))
            sheets[sheet.title] = rows
        if exact_dates:
            _uncalculated(path, data, sheets)
        return sheets
    except ProgressSiteError:
        raise
    except Exception as exc:  # noqa: BLE001 - a corrupt sheet fails inside openpyxl's parser
        raise ProgressSiteError(
            f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})"
        ) from None
    finally:
        book.close()


def _uncalculated(path: Path, data: bytes, sheets: dict[str, Rows]) -> None:
    """Refuse a formula whose value the workbook does not store (a file written by a program
    rather than saved from a spreadsheet): read as empty, it would erase what it stands for."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        for title, rows in sheets.items():
            sheet = book[title]
            sheet.reset_dimensions()
            for (_, values), row in zip(rows, sheet.iter_rows(), strict=False):
                for index, cell in enumerate(row):
                    formula = getattr(cell, "value", None)
                    shown = values[index] if index < len(values) else ""
                    if isinstance(formula, str) and formula.startswith("=") and not shown:
                        raise ProgressSiteError(
                            f"{path}: {title}!{cell.coordinate}: a formula ({formula[:40]}) "
                            "with no value stored; open the workbook in a spreadsheet and save "
                            "it, or type the value itself"
                        )
    finally:
        book.close()
