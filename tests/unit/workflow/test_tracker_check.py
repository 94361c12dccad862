"""The content an import would leave, checked whole (the lock too) before anything is written,
each problem named where the user can act on it."""

from __future__ import annotations

import shutil

import pytest

from generator.errors import ContentError
from generator.workflow.tracker_check import Places, check_whole
from tests.conftest import DEFAULT_CONTENT


@pytest.fixture
def content(tmp_path):
    shutil.copytree(DEFAULT_CONTENT, tmp_path / "content")
    return tmp_path / "content"


def _problems(content, files, places):
    with pytest.raises(ContentError) as caught:
        check_whole(content, files, places)
    return [str(p) for p in caught.value.problems]


def test_a_change_to_a_published_release_is_refused_by_the_lock(content):
    name = "progress/2017-04.yaml"
    text = (content / name).read_text().replace("status: not-reported", "status: green", 1)
    [problem] = _problems(content, {name: text}, Places("tracker.xlsx"))
    assert problem.startswith(
        f"{content}/releases.lock: release 2017-04: was published on 2017-06-06 and cannot be "
        "changed, but these items now differ: action 1.1 (status)."
    )


def test_problems_in_written_lines_are_named_by_the_tracker_cell(content):
    csv = (content / "kpi-values.csv").read_text()
    files = {"kpi-values.csv": csv + "open-cases,2017-05-07,many\n"}
    places = Places("tracker.xlsx", kpi_cells=["KPIs!D40"])
    [problem] = _problems(content, files, places)
    assert problem.startswith("tracker.xlsx: KPIs!D40: ")
    assert "/tmp" not in problem and ".tracker-check-" not in problem


def test_only_lines_left_as_they_were_are_named_by_their_line(content):
    releases = (content / "releases.yaml").read_text()
    text = releases.replace("    date: 2016-08-23\n", "    date: 2016-02-30\n", 1)
    problems = _problems(content, {"releases.yaml": text}, Places("tracker.xlsx"))
    assert problems[0] == (
        f"{content}/releases.yaml: release 2016-08: field 'date': '2016-02-30' is not a real date"
    )
    text = releases.replace("  - id: 2017-04\n", "  - id: 2016-08\n")
    problems = _problems(content, {"releases.yaml": text}, Places("tracker.xlsx"))
    line = releases.splitlines().index("  - id: 2017-04") + 1
    assert all(f"releases.yaml:{line}:" not in p for p in problems)


def test_problems_are_listed_by_row_in_the_order_a_sheet_shows_them(content):
    csv = (content / "kpi-values.csv").read_text()
    bad = "".join(f"open-cases,2017-05-{day:02d},many\n" for day in (7, 8))
    places = Places("tracker.xlsx", kpi_cells=["KPIs!D10", "KPIs!D9"])
    problems = _problems(content, {"kpi-values.csv": csv + bad}, places)
    assert [p.split(": ")[1] for p in problems] == ["KPIs!D9", "KPIs!D10"]
