"""``import-tracker``: a filled tracker read back as a draft release, all or nothing.

The draft is created as ``new-release`` creates it, or replaced if the draft already exists;
a published release is refused. Statuses, narratives and new KPI values are read; a row left
as exported stays carried forward. Every problem is named by file, sheet and cell, and
nothing is written if there is one. The result is validated before it is committed.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.content.ids import release_id_problem
from generator.content.model import Content, Progress, Release
from generator.content.transaction import commit, writing
from generator.content.validate import load_content
from generator.errors import ContentError, Problem, ProgressSiteError
from generator.facts.derive import State, release_view
from generator.workflow.drafts import _check_title, _narrative, _one_line
from generator.workflow.import_read import read_sheets
from generator.workflow.releases_file import append_release
from generator.workflow.tracker_read import Sheet, read_actions, read_kpis


@dataclass
class Imported:
    release: str
    path: Path
    created: bool
    changed: int
    kpi_values: int
    warnings: list[Problem]


def progress_text(
    content: Content, base: Release, progress: dict[str, Progress], title: str, new_id: str
) -> str:
    view = release_view(content, base.id)
    lines = [
        f"# Draft progress for {_one_line(title)} ({new_id}), read from a tracker.",
        f"# Actions left as they were are carried forward from {_one_line(base.title)}.",
        "actions:",
    ]
    for rec in view.recommendations:
        for item in rec.actions:
            record = progress.get(item.action.id)
            if item.state is not State.ACTIVE or record is None:
                continue
            lines.append(f"  {item.action.id}:")
            lines.append(f"    status: {record.status}")
            if record.carried_forward:
                lines.append("    carried_forward: true")
            if record.narrative:
                lines.append("    narrative: " + _narrative(record.narrative))
    return "\n".join(lines) + "\n"


def _kpi_csv(content_dir: Path, values: list[tuple[str, str, str]]) -> str:
    path = content_dir / "kpi-values.csv"
    text = path.read_bytes().decode("utf-8-sig") if path.exists() else "kpi,date,value\n"
    header = [h.strip() for h in text.splitlines()[0].split(",")] if text.strip() else []
    if sorted(header) != ["date", "kpi", "value"]:
        header, text = ["kpi", "date", "value"], "kpi,date,value\n"
    newline = "\r\n" if "\r\n" in text else "\n"
    if not text.endswith(("\n", "\r")):
        text += newline
    for kpi_id, when, value in values:
        fields = {"kpi": kpi_id, "date": when, "value": value}
        text += ",".join(fields[h] for h in header) + newline
    return text


def _target(
    content: Content, release_id: str, when: date | None, title: str | None
) -> tuple[Release | None, Release]:
    """The existing draft (or None) and the release its progress is carried from."""
    ids = [r.id for r in content.releases]
    if release_id in ids:
        index = ids.index(release_id)
        existing = content.releases[index]
        if not existing.draft:
            raise ProgressSiteError(
                f"release {release_id} is published; import the tracker as a new draft release"
            )
        if when is not None or title is not None:
            raise ProgressSiteError(
                f"release {release_id} is already a draft: --date and --title apply only to a "
                "new draft (edit releases.yaml to change them)"
            )
        if index == 0:
            raise ProgressSiteError(
                f"release {release_id} has no release before it to compare with"
            )
        return existing, content.releases[index - 1]
    if not content.releases:
        raise ProgressSiteError("releases.yaml has no release to carry forward from")
    return None, content.releases[-1]


def _validated(content_dir: Path, files: dict[str, str]) -> None:
    """Check the content as it will be, in a copy, before anything is written."""
    with tempfile.TemporaryDirectory(prefix=".tracker-check-") as temp:
        copy = Path(temp) / "content"
        shutil.copytree(content_dir, copy, ignore=shutil.ignore_patterns(".*"))
        for name, text in files.items():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            (copy / name).write_text(text, encoding="utf-8")
        try:
            load_content(copy)
        except ContentError as exc:
            problems = [
                Problem(p.file.replace(str(copy), str(content_dir)), p.line, p.item, p.message)
                for p in exc.problems
            ]
            raise ContentError(problems) from None


def import_tracker(
    table: Path, content_dir: Path, release_id: str, when: date | None, title: str | None
) -> Imported:
    if problem := release_id_problem(release_id):
        raise ProgressSiteError(f"--release: {problem}")
    if title is not None:
        _check_title(title)
    sheets = read_sheets(table)
    with writing(content_dir):
        content = load_content(content_dir)
        existing, base = _target(content, release_id, when, title)
        if existing is None:
            when = when or date.today()
            if when <= base.date:
                raise ProgressSiteError(
                    f"the new release must be dated after the latest one ({base.id}, "
                    f"{base.date.isoformat()}); got {when.isoformat()}"
                )
            title = f"{when:%B %Y} progress report" if title is None else title
        else:
            when, title = existing.date, existing.title
        problems: list[Problem] = []
        warnings: list[Problem] = []
        names = list(sheets)
        actions_name = "Actions" if "Actions" in sheets else names[0]
        sheet = Sheet(str(table), actions_name, sheets[actions_name], problems)
        progress = read_actions(sheet, content, base, warnings)
        values = []
        if "KPIs" in sheets:
            values = read_kpis(Sheet(str(table), "KPIs", sheets["KPIs"], problems), content, when)
        if problems:
            raise ContentError(problems)
        name = f"progress/{release_id}.yaml"
        files = {name: progress_text(content, base, progress, title, release_id)}
        if existing is None:
            path = content_dir / "releases.yaml"
            text = path.read_bytes().decode("utf-8")
            files["releases.yaml"] = append_release(text, release_id, when, title, str(path))
        if values:
            files["kpi-values.csv"] = _kpi_csv(content_dir, values)
        _validated(content_dir, files)
        commit(content_dir, files)
    changed = sum(1 for p in progress.values() if not p.carried_forward)
    return Imported(
        release_id, content_dir / name, existing is None, changed, len(values), warnings
    )
