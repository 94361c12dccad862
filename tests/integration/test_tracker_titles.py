"""The tracker names each action by its title, where the plan gives titles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import DEFAULT_CONTENT, unlock
from tests.integration.conftest import run_cli


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(DEFAULT_CONTENT, tmp_path / "content")
    unlock(tmp_path / "content")  # a title changes what releases show
    plan = tmp_path / "content/plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("      - id: 1.1\n", "      - id: 1.1\n        title: Recruitment drive\n", 1),
        encoding="utf-8",
    )
    return tmp_path / "content"


def test_the_tracker_has_a_title_column_read_only_like_the_plans_other_columns(tmp_path, content):
    tracker = tmp_path / "tracker.xlsx"
    result = run_cli("export-tracker", "2017-04", "--out", str(tracker), "--content", str(content))
    assert result.returncode == 0, result.stderr
    book = load_workbook(tracker)
    sheet = book["Actions"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Recommendation", "Action", "Title", "Description"]
    assert (sheet["B2"].value, sheet["C2"].value) == ("1.1", "Recruitment drive")
    editable = [sheet.cell(1, c.column).value for c in sheet[2] if c.protection.locked is False]
    assert editable == ["Status", "Progress", "As at"]
    sheet["C2"].value = "Another name"
    book.save(tracker)
    plan = (content / "plan.yaml").read_text()
    args = ("--release", "2017-06", "--date", "2017-06-30", "--content", str(content))
    result = run_cli("import-tracker", str(tracker), *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"Warning: {tracker}: Actions!C2: action 1.1: Title 'Another name' differs from the "
        "plan; not applied (plan changes are made in plan.yaml)\n"
    )
    assert (content / "plan.yaml").read_text() == plan


def test_a_tracker_imported_into_a_draft_keeps_the_drafts_evidence(tmp_path, content):
    tracker = tmp_path / "tracker.xlsx"
    exported = run_cli(
        "export-tracker", "2017-04", "--out", str(tracker), "--content", str(content)
    )
    assert exported.returncode == 0, exported.stderr
    args = ("--release", "2017-06", "--content", str(content))
    first = run_cli("import-tracker", str(tracker), *args, "--date", "2017-06-30")
    assert first.returncode == 0, first.stderr
    draft = content / "progress/2017-06.yaml"
    text = draft.read_text(encoding="utf-8")
    text = text.replace(
        "actions:\n",
        'recommendations:\n  "1":\n    evidence:\n'
        "      - {title: Board minutes, url: 'https://example.org/m', date: 2017-06-01}\n"
        "actions:\n",
        1,
    )
    text = text.replace(
        "  1.1:\n",
        "  1.1:\n    evidence:\n      - {title: Recruitment story, url: 'https://example.org/s'}\n",
        1,
    )
    draft.write_text(text, encoding="utf-8")
    again = run_cli("import-tracker", str(tracker), *args)
    assert again.returncode == 0, again.stderr
    kept = draft.read_text(encoding="utf-8")
    assert (
        '  "1":\n    evidence:\n      - {"title": "Board minutes", "url": "https://example.org/m",'
        ' "date": "2017-06-01"}\n'
    ) in kept
    assert '      - {"title": "Recruitment story", "url": "https://example.org/s"}\n' in kept
    assert run_cli("validate", "--content", str(content)).returncode == 0
