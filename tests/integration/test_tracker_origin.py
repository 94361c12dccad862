"""A tracker knows where it comes from: the release it was exported from and digests of the
plan and of that release's progress; ``import-tracker`` refuses a workbook that no longer
fits the content, and warns of every value going back to an earlier release's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.content.validate import load_content
from generator.workflow.tracker_origin import plan_digest, progress_digest, read_origin
from tests.conftest import DEFAULT_CONTENT
from tests.integration.conftest import run_cli


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(DEFAULT_CONTENT, tmp_path / "content")
    return tmp_path / "content"


def export(content: Path, out: Path, release: str = "2017-04") -> Path:
    result = run_cli("export-tracker", release, "--out", str(out), "--content", str(content))
    assert result.returncode == 0, result.stderr
    return out


def test_the_workbook_records_its_release_and_digests_where_owners_do_not_edit(tmp_path, content):
    tracker = export(content, tmp_path / "tracker.xlsx")
    loaded = load_content(content)
    plan, progress = plan_digest(loaded), progress_digest(loaded.release("2017-04"))
    assert len(plan) == len(progress) == 64 and plan != progress
    book = load_workbook(tracker)
    assert book.active.title == "About" and book.sheetnames[0] == "About"
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert about["Release"] == "2017-04"
    assert (about["Plan digest"], about["Progress digest"]) == (plan, progress)
    names = {
        name: (book.defined_names[name].attr_text, book.defined_names[name].hidden)
        for name in ("progress_site_release", "progress_site_plan", "progress_site_progress")
    }
    assert names == {
        "progress_site_release": ('"2017-04"', True),
        "progress_site_plan": (f'"{plan}"', True),
        "progress_site_progress": (f'"{progress}"', True),
    }
    hidden = book["progress_site_origin"]
    assert hidden.sheet_state == "veryHidden" and hidden.protection.sheet
    assert [[c.value for c in row] for row in hidden.iter_rows()] == [
        ["progress_site_release", "2017-04"],
        ["progress_site_plan", plan],
        ["progress_site_progress", progress],
    ]
    origin = read_origin(tracker)
    assert origin is not None and (origin.release, origin.plan, origin.progress) == (
        "2017-04",
        plan,
        progress,
    )


def test_the_origin_is_read_from_the_hidden_sheet_then_the_about_sheet(tmp_path, content):
    tracker = export(content, tmp_path / "tracker.xlsx")
    book = load_workbook(tracker)
    for name in list(book.defined_names):
        del book.defined_names[name]
    book["About"]["B2"].value = "2016-08"  # the hidden sheet is read before the About sheet
    book.save(tracker)
    origin = read_origin(tracker)
    assert origin is not None and origin.release == "2017-04" and origin.plan
    del book["progress_site_origin"]
    book.save(tracker)
    origin = read_origin(tracker)
    assert origin is not None and origin.release == "2016-08"
    book["About"].delete_rows(1, 10)
    book.save(tracker)
    assert read_origin(tracker) is None
