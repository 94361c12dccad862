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
from generator.content.strings import cleaned
from generator.errors import Problem, ProgressSiteError

NAMES = {
    "release": "progress_site_release",
    "plan": "progress_site_plan",
    "progress": "progress_site_progress",
}
HIDDEN_SHEET = "progress_site_origin"
ANYWAY = ", or import this one as it is with --allow-older"
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
    release = cleaned(" ".join(found["release"].split()))  # safe to print, however edited
    release = release if len(release) <= 40 else release[:37] + "..."
    return Origin(release, found.get("plan") or None, found.get("progress") or None)


def _refusal(name: str, origin: Origin, content: Content, base: Release) -> tuple[str, str] | None:
    """Why a workbook cannot be read back into the draft after ``base`` (the message, and
    the same for a warning when it is read anyway), or None if it can."""
    fresh = "export a new one with 'progress-site export-tracker {}'"
    ids = [r.id for r in content.releases]
    allowed = ids[ids.index(base.id) : ids.index(base.id) + 2]  # base, or the draft after it
    if origin.release not in allowed or (
        origin.release != base.id and not content.release(origin.release).draft
    ):
        return (
            f"{name} was exported from {origin.release}, but the latest release is {base.id}: "
            + fresh.format(base.id),
            f"was exported from {origin.release}, not from the latest release {base.id}",
        )
    if origin.plan is not None and origin.plan != plan_digest(content):
        return (
            f"{name} was exported from {origin.release}, but the plan has changed since it was "
            "exported: " + fresh.format(origin.release) + ANYWAY,
            f"was exported from {origin.release}, and the plan has changed since",
        )
    release = content.release(origin.release)
    if origin.progress is not None and origin.progress != progress_digest(release):
        return (
            f"{name} was exported from {origin.release}, but the progress of {origin.release} "
            "has changed since it was exported: " + fresh.format(origin.release) + ANYWAY,
            f"was exported from {origin.release}, and its progress has changed since",
        )
    return None


def check_origin(
    name: str,
    origin: Origin | None,
    content: Content,
    base: Release,
    allow_older: bool,
) -> list[Problem]:
    """Refuse a workbook exported from anything but ``base`` (the latest release, which the
    draft is carried forward from) or the draft after it, or whose plan or progress changed
    since; with ``allow_older`` it is read anyway, with a warning. The warnings to show."""
    if origin is None:
        if not name.lower().endswith(".xlsx"):
            return []
        return [
            Problem(
                name,
                None,
                None,
                "does not record the release it was exported from (it was exported by an "
                f"earlier version of progress-site), so it cannot be checked against the latest "
                f"release {base.id}; each value going back to an earlier release's is named below",
            )
        ]
    warnings = []
    if origin.plan is None or origin.progress is None:
        warnings.append(
            Problem(
                name,
                None,
                None,
                f"records the release it was exported from ({origin.release}) but not digests of "
                "the plan and progress, so changes to them since cannot be checked",
            )
        )
    refused = _refusal(name, origin, content, base)
    if refused is None:
        return warnings
    if not allow_older:
        raise ProgressSiteError(refused[0])
    message = f"{refused[1]}; imported anyway (--allow-older)"
    return [*warnings, Problem(name, None, None, message)]
