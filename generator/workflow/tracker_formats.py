"""What a tracker's cells show beyond their values: a number formatted as a percentage.

Excel stores "31%" as 0.31 with a percentage format; read as text it would be 0.31.
"""

from __future__ import annotations

import io
from pathlib import Path

PERCENT_UNITS = frozenset({"%", "percent", "per cent", "percentage", "percentages"})


def is_percent_unit(unit: str) -> bool:
    return " ".join(unit.lower().split()) in PERCENT_UNITS


def _percent(number_format: str) -> bool:
    """A number format showing a percentage: a % outside quotes and escapes, in the format
    for positive numbers."""
    shown, quoted, escaped = number_format.split(";")[0], False, False
    for char in shown:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "%" and not quoted:
            return True
    return False


def percent_cells(path: Path, sheet: str) -> set[str]:
    """The cells of ``sheet`` holding a number formatted as a percentage, as 'Sheet!D5'
    (none for a CSV file or a workbook without the sheet)."""
    if path.suffix.lower() != ".xlsx":
        return set()
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    try:
        if sheet not in book.sheetnames:
            return set()
        found = set()
        rows = book[sheet]
        rows.reset_dimensions()
        for row in rows.iter_rows():
            for cell in row:
                value = getattr(cell, "value", None)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    if _percent(str(getattr(cell, "number_format", "") or "")):
                        found.add(f"{sheet}!{cell.coordinate}")
        return found
    finally:
        book.close()
