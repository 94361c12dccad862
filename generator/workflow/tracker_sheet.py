"""A tracker sheet being read: its header, its rows, and problems named by file, sheet and
cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.content.fields import parse_date
from generator.content.mdlinks import link_problem
from generator.errors import Problem
from generator.workflow.import_read import Rows


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _key(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass
class Sheet:
    file: str
    name: str
    rows: Rows
    problems: list[Problem]
    columns: dict[str, int] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    """Columns the plan names in its own words (``Action`` shown as ``Commitment``): either
    name is read."""

    def where(self, row: int, column: str) -> str:
        if column not in self.columns:  # a column the sheet does not have: name the row
            return f"{self.name} row {row}" if self.name else f"row {row}"
        cell = f"{_letter(self.columns[column])}{row}"
        return f"{self.name}!{cell}" if self.name else cell

    def add(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(self.file, None, self.where(row, column), message))

    def warn(self, warnings: list[Problem], row: int, column: str, message: str) -> None:
        warnings.append(Problem(self.file, None, self.where(row, column), message))

    def header(self, wanted: tuple[str, ...] | list[str], required: tuple[str, ...]) -> bool:
        if not self.rows:
            self.problems.append(Problem(self.file, None, self.name or None, "the sheet is empty"))
            return False
        number, cells = self.rows[0]
        names = {_key(c): i for i, c in enumerate(cells) if c}
        for name in wanted:
            for written in (self.shown.get(name, name), name):
                if _key(written) in names and name not in self.columns:
                    self.columns[name] = names[_key(written)]
        missing = [self.shown.get(name, name) for name in required if name not in self.columns]
        if missing:
            where = f"{self.name}!{number}" if self.name else f"row {number}"
            self.problems.append(
                Problem(self.file, None, where, f"no column {', '.join(missing)} in the header")
            )
        return not missing

    def cell(self, cells: list[str], column: str) -> str:
        index = self.columns.get(column)
        return cells[index] if index is not None and index < len(cells) else ""


@dataclass
class Row:
    """One row of a sheet being read."""

    sheet: Sheet
    number: int
    cells: list[str]

    def get(self, column: str) -> str:
        return self.sheet.cell(self.cells, column)

    def add(self, column: str, message: str) -> None:
        self.sheet.add(self.number, column, message)

    def linked(self, column: str, what: str) -> bool:
        """Whether every link written in the cell can be opened; if not, the cell is named."""
        problem = link_problem(self.get(column))
        if problem:
            self.add(column, f"{what}: {problem}")
        return problem is None


def read_day(row: Row, column: str, what: str) -> tuple[date | None, bool]:
    """A date cell (or YYYY-MM-DD text) and whether it could be read; blank is None."""
    given = row.get(column).strip()
    if not given:
        return None, True
    when, reason = parse_date(given)
    if when is None:
        row.add(column, f"{what}: {reason or 'not a date'}")
    return when, when is not None
