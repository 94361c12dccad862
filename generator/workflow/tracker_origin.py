"""Where a tracker workbook comes from: the release it was exported from, and digests of the
plan and of that release's progress as they stood.

``export-tracker`` writes them three times: on the About sheet, for people; as hidden
defined names (``progress_site_release``, ``progress_site_plan``, ``progress_site_progress``);
and on a very hidden sheet, which an owner cannot show or edit from a spreadsheet's menus.
``import-tracker`` reads the defined names, else the hidden sheet, else (a workbook exported
before digests were recorded) the About sheet's Release row.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.model import Content, Release

NAMES = {
    "release": "progress_site_release",
    "plan": "progress_site_plan",
    "progress": "progress_site_progress",
}
HIDDEN_SHEET = "progress_site_origin"
ABOUT_ROWS = {"release": "Release", "plan": "Plan digest", "progress": "Progress digest"}


@dataclass(frozen=True)
class Origin:
    """The release a workbook was exported from, and the digests (sha256, hexadecimal) of the
    plan and of that release's progress when it was; a digest is None where the workbook
    does not record it."""

    release: str
    plan: str | None = None
    progress: str | None = None

    def fields(self) -> dict[str, str | None]:
        return {"release": self.release, "plan": self.plan, "progress": self.progress}


def _sha256(data: object) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan_digest(content: Content) -> str:
    """The plan's recommendations and actions as read (comments and layout do not count)."""
    return _sha256([r.model_dump(mode="json") for r in content.recommendations])


def progress_digest(release: Release) -> str:
    """What the release reports: its as_at, each action's and recommendation's progress."""
    return _sha256(
        {
            "as_at": release.as_at,
            "actions": {k: v.model_dump(mode="json") for k, v in release.progress.items()},
            "recommendations": {
                k: v.model_dump(mode="json") for k, v in release.recommendations.items()
            },
        }
    )


def origin_of(content: Content, release_id: str) -> Origin:
    release = content.require_release(release_id)
    return Origin(release.id, plan_digest(content), progress_digest(release))


def record(book: Any, origin: Origin) -> None:
    """Record ``origin`` in ``book`` as hidden defined names and on a very hidden sheet."""
    from openpyxl.workbook.defined_name import DefinedName

    sheet = book.create_sheet(HIDDEN_SHEET)
    for number, (key, value) in enumerate(origin.fields().items(), 1):
        text = json.dumps(value or "")
        book.defined_names[NAMES[key]] = DefinedName(NAMES[key], attr_text=text, hidden=True)
        sheet.cell(row=number, column=1).value = NAMES[key]
        cell = sheet.cell(row=number, column=2)
        cell.value, cell.data_type = value or "", "s"
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


def _from_names(book: Any) -> dict[str, str]:
    found = {}
    for key, name in NAMES.items():
        defined = book.defined_names.get(name)
        text = str(getattr(defined, "attr_text", "") or "")
        if len(text) >= 2 and text[0] == text[-1] == '"':
            found[key] = text[1:-1].replace('""', '"')
    return found


def _from_sheet(book: Any, title: str, labels: dict[str, str]) -> dict[str, str]:
    if title not in book.sheetnames:
        return {}
    by_label = {label: key for key, label in labels.items()}
    found = {}
    sheet = book[title]
    sheet.reset_dimensions()
    for row in sheet.iter_rows(max_col=2):
        if len(row) < 2:
            continue
        label, value = (getattr(cell, "value", None) for cell in row[:2])
        if isinstance(label, str) and label.strip() in by_label and value is not None:
            found.setdefault(by_label[label.strip()], str(value).strip())
    return found


def read_origin(path: Path) -> Origin | None:
    """The origin a workbook records, or None (a CSV file, or a workbook that records none).

    ``path`` has been read as a tracker already, so its size and form are known to be sound.
    """
    if path.suffix.lower() != ".xlsx":
        return None
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    try:
        found = (
            _from_names(book)
            or _from_sheet(book, HIDDEN_SHEET, NAMES)
            or _from_sheet(book, "About", ABOUT_ROWS)
        )
    finally:
        book.close()
    if not found.get("release"):
        return None
    return Origin(found["release"], found.get("plan") or None, found.get("progress") or None)
