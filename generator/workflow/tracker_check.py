"""The content as an import would leave it, checked whole before anything is written: every
file, and the lock on published releases, as ``validate`` checks them.

A problem is named where the user can act on it: in a file the import writes, by the tracker
cell the item came from; in a line the import leaves as it was, by that line of the user's own
file; never by a temporary copy.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.validate import load_content
from generator.errors import ContentError, Problem, ProgressSiteError
from generator.facts.lock import refuse_lock_problems


@dataclass
class Places:
    """Where in the tracker each item the import writes comes from."""

    file: str
    """The tracker, as the user named it."""
    items: dict[str, str] = field(default_factory=dict)
    """'action 1.1' or 'recommendation 3' -> its cell, such as 'Actions!B7'."""
    kpi_cells: list[str] = field(default_factory=list)
    """The cell of each KPI value added to kpi-values.csv, in order."""
    kpi_from: int = 0
    """How many lines of kpi-values.csv come before the values added (set when checked)."""


def _reason(exc: OSError | shutil.Error) -> str:
    """Why a copy failed, in words: the first failure of a whole-tree copy."""
    if isinstance(exc, shutil.Error):
        why = str(exc.args[0][0][2]) if exc.args and exc.args[0] else str(exc)
        return why.split("] ", 1)[-1].split(":", 1)[0]
    return exc.strerror or str(exc)


def _kept_lines(old: str, new: str) -> int:
    """How many lines at the start of a file the import leaves as they were."""
    kept = 0
    for before, after in zip(old.splitlines(), new.splitlines(), strict=False):
        if before != after:
            break
        kept += 1
    return kept


def _placed(problem: Problem, name: str | None, kept: int, places: Places, shown: str) -> Problem:
    """``problem``, found in the copy, named where the user can act on it. ``name`` is the
    file the import writes that it is in (None for a file left as it was), ``kept`` how many
    of its first lines are as the user wrote them, ``shown`` the user's own path to it."""
    if name is None or (problem.line is not None and problem.line <= kept):
        return Problem(shown, problem.line, problem.item, problem.message)
    if name == "kpi-values.csv" and problem.line is not None:
        index = problem.line - 1 - places.kpi_from
        if 0 <= index < len(places.kpi_cells):
            return Problem(places.file, None, places.kpi_cells[index], problem.message)
    cell = places.items.get(problem.item or "")
    if cell is not None:
        return Problem(places.file, None, cell, f"{problem.item}: {problem.message}")
    return Problem(shown, None, problem.item, problem.message)


def check_whole(content_dir: Path, files: dict[str, str], places: Places) -> None:
    """Check the content as it will be, in a copy, before anything is written; ContentError
    naming each problem where the user can act on it."""
    with tempfile.TemporaryDirectory(prefix=".tracker-check-") as temp:
        copy = Path(temp) / "content"
        try:
            shutil.copytree(content_dir, copy, ignore=shutil.ignore_patterns(".*"))
            for name, text in files.items():
                (copy / name).parent.mkdir(parents=True, exist_ok=True)
                (copy / name).write_text(text, encoding="utf-8")
        except (OSError, shutil.Error) as exc:
            raise ProgressSiteError(
                f"cannot check the import in a temporary copy of the content ({_reason(exc)}); "
                "nothing was written"
            ) from None
        try:
            refuse_lock_problems(load_content(copy), copy)
        except ContentError as exc:
            raise ContentError(_problems(exc.problems, copy, content_dir, files, places)) from None


def _problems(
    problems: list[Problem], copy: Path, content_dir: Path, files: dict[str, str], places: Places
) -> list[Problem]:
    kept = {}
    if "kpi-values.csv" in files:
        places.kpi_from = len(files["kpi-values.csv"].splitlines()) - len(places.kpi_cells)
    for name, text in files.items():
        path = content_dir / name
        old = path.read_bytes().decode("utf-8", "replace") if path.is_file() else ""
        kept[name] = _kept_lines(old, text)
    found = []
    for problem in problems:
        shown = problem.file.replace(str(copy), str(content_dir))
        relative = problem.file.removeprefix(str(copy)).lstrip("/")
        name = relative if relative in files else None
        found.append(_placed(problem, name, kept.get(relative, 0), places, shown))
    return sorted(set(found), key=_order)


def _order(problem: Problem) -> tuple:
    """Problems by file and line, a tracker's by sheet, then row (7 before 10), then column."""
    item = problem.item or ""
    sheet, _, cell = item.rpartition("!")
    match = re.fullmatch(r"([A-Z]+)(\d+)", cell)
    place = (sheet, int(match[2]), len(match[1]), match[1]) if match else (item, 0, 0, "")
    return (problem.file, problem.line or 0, place, problem.message)
