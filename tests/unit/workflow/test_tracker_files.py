"""Editing plan.yaml and releases.yaml in place for import-tracker; the tracker's columns and
dates."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from generator.content.validate import load_content
from generator.errors import ProgressSiteError
from generator.workflow.import_read import read_sheets
from generator.workflow.plan_file import NewAction, add_actions
from generator.workflow.releases_file import update_release
from generator.workflow.tracker_export import lead_columns
from tests.conftest import DEFAULT_CONTENT, REAL_PLAN, SMALL_PLAN

BLOCK = """\
# The plan.
recommendations:
  - id: "1"   # the first
    text: One.
    actions:
      - id: "1.1"
        description: First.   # keep me

  - id: "2"
    text: Two.
# a closing comment
"""


def _action(rec: str, action_id: str, **texts: str) -> NewAction:
    return NewAction(rec, action_id, {"description": "New.", **texts})


def test_a_new_action_is_written_after_the_last_action_of_its_recommendation():
    new = add_actions(
        BLOCK, [_action("1", "1.2", lead="Ann"), _action("2", "2.1")], "2017-06", "plan.yaml"
    )
    assert new == BLOCK.replace(
        "# keep me\n",
        '# keep me\n      - id: "1.2"\n        description: "New."\n        lead: "Ann"\n'
        '        added: "2017-06"\n',
    ).replace(
        "    text: Two.\n",
        '    text: Two.\n    actions:\n      - id: "2.1"\n        description: "New."\n'
        '        added: "2017-06"\n',
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'recommendations:\n  - {id: "1", text: a, actions: [{id: "1.1", description: b}]}\n',
            'recommendations:\n  - {id: "1", text: a, actions: [{id: "1.1", description: b}, '
            '{id: "1.2", description: "New.", due: 2017-06-30, added: "r"}]}\n',
        ),
        (
            "recommendations:\n  - id: '1'\n    actions: []\n",
            'recommendations:\n  - id: \'1\'\n    actions: [{id: "1.2", description: "New.", '
            'due: 2017-06-30, added: "r"}]\n',
        ),
        (
            "recommendations:\n  - id: '1'\n    actions:\n  - id: '2'\n",
            "recommendations:\n  - id: '1'\n    actions:\n      - id: \"1.2\"\n"
            '        description: "New."\n        due: 2017-06-30\n        added: "r"\n'
            "  - id: '2'\n",
        ),
    ],
    ids=["flow", "empty-flow", "empty-key"],
)
def test_new_actions_follow_the_file_layout(text, expected):
    action = NewAction("1", "1.2", {"description": "New."}, date(2017, 6, 30))
    assert add_actions(text, [action], "r", "plan.yaml") == expected


def test_hostile_text_reads_back_exactly():
    hostile = "a\u2028b\u2029c\ufeffd \"q\" 'x' \\n <img src=x onerror=alert(1)>\nnext: line"
    new = add_actions(BLOCK, [_action("2", "2.1", description=hostile)], "r", "plan.yaml")
    rec = yaml.safe_load(new)["recommendations"][1]
    assert rec["actions"][0]["description"] == hostile


def test_a_layout_that_cannot_be_edited_in_place_is_refused():
    shared = (
        "recommendations:\n  - id: '1'\n    actions: &a\n      - {id: '1.1', description: b}\n"
        "  - id: '2'\n    actions: *a\n"
    )
    with pytest.raises(ProgressSiteError) as caught:
        add_actions(shared, [_action("1", "1.2")], "r", "plan.yaml")
    assert str(caught.value) == (
        "plan.yaml: adding actions cannot be done in place in this file's layout; add them to "
        "plan.yaml by hand"
    )


def test_a_draft_date_and_title_change_in_place():
    text = (
        "\ufeffreleases:\n  - id: 2017-04\n    date: 2017-04-30\n    title: April\n"
        "  - id: 2017-06   # the draft\n    date: 2017-06-30  # end of June\n    title: >-\n"
        "      June\n      report\n    draft: true\n"
    )
    new = update_release(text, "2017-06", date(2017, 6, 28), 'June "final"', "releases.yaml")
    assert new == text.replace("2017-06-30", "2017-06-28").replace(
        "title: >-\n      June\n      report\n", 'title: "June \\"final\\""\n'
    )
    flow = "releases: [{id: a, date: 2017-04-30, title: A, draft: true}]\n"
    assert update_release(flow, "a", None, "B", "r") == flow.replace("title: A", 'title: "B"')


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (DEFAULT_CONTENT, ("Lead",)),
        (SMALL_PLAN, ("Strategic lead", "Operational lead")),
        (REAL_PLAN, ("Lead", "Strategic lead", "Operational lead")),
    ],
    ids=["no-leads", "pairs", "mixed"],
)
def test_lead_columns_follow_the_plan(content, expected):
    assert lead_columns(load_content(content)) == expected


def test_a_date_cell_on_the_first_of_a_month_is_that_day_in_a_tracker(tmp_path: Path):
    book = Workbook()
    sheet = book.active
    sheet.append([datetime(2017, 5, 1), date(2017, 5, 1), "2017-05-01"])
    sheet["A1"].number_format = "mmm-yy"
    path = tmp_path / "t.xlsx"
    book.save(path)
    [(_, tracker)] = read_sheets(path, exact_dates=True)["Sheet"]
    assert tracker == ["2017-05-01", "2017-05-01", "2017-05-01"]
    [(_, plan)] = read_sheets(path)["Sheet"]  # a plan's timescale: as its format shows it
    assert plan == ["May 2017", "2017-05-01", "2017-05-01"]
