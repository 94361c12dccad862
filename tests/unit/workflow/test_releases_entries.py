"""Removing a release and adding an erratum in releases.yaml keep every other byte."""

from __future__ import annotations

from datetime import date

import pytest

from generator.errors import ProgressSiteError
from generator.workflow.releases_entries import add_erratum, remove_release

BLOCK = """# The reports
releases:
  - id: a  # first
    date: 2014-06-30
    title: June
  # about b
  - id: b
    date: 2014-07-31
    title: July
    draft: true
  - id: c
    date: 2014-08-31
    title: August
    draft: true
# the end
"""


def test_a_block_entry_goes_with_its_own_lines_only():
    assert remove_release(BLOCK, "c", "r.yaml") == BLOCK.replace(
        "  - id: c\n    date: 2014-08-31\n    title: August\n    draft: true\n", ""
    )
    assert remove_release(BLOCK, "b", "r.yaml") == BLOCK.replace(
        "  - id: b\n    date: 2014-07-31\n    title: July\n    draft: true\n", ""
    )


@pytest.mark.parametrize(
    ("text", "release", "expected"),
    [
        ("releases: [{id: a}, {id: b}]\n", "b", "releases: [{id: a}]\n"),
        ("releases: [{id: a}, {id: b}, {id: c}]\n", "b", "releases: [{id: a}, {id: c}]\n"),
        ("releases: [{id: a}, {id: b}]\n", "a", "releases: [{id: b}]\n"),
        ("releases:\n- {id: a}\n- {id: b}  # b\n", "b", "releases:\n- {id: a}\n"),
        ("\ufeffreleases:\r\n  - id: a\r\n  - id: b\r\n", "b", "\ufeffreleases:\r\n  - id: a\r\n"),
    ],
)
def test_other_layouts_are_kept(text, release, expected):
    assert remove_release(text, release, "r.yaml") == expected


def test_an_entry_that_cannot_be_removed_in_place_is_refused():
    text = "releases:\n  - &x {id: a, title: T}\n  - <<: *x\n    id: b\n"
    with pytest.raises(ProgressSiteError, match="removing release a would make the file invalid"):
        remove_release(text, "a", "r.yaml")
    with pytest.raises(ProgressSiteError, match=r"^r.yaml: release z not found$"):
        remove_release(BLOCK, "z", "r.yaml")


def test_the_first_erratum_starts_a_list_at_the_end_of_the_entry():
    new = add_erratum(BLOCK, "a", date(2014, 9, 1), 'A "typo"', "Title", "r.yaml")
    assert new == BLOCK.replace(
        "    title: June\n",
        "    title: June\n    errata:\n      - date: 2014-09-01\n"
        '        reason: "A \\"typo\\""\n        corrected: "Title"\n',
    )


def test_a_later_erratum_follows_the_last_in_its_layout():
    text = BLOCK.replace(
        "    title: June\n",
        "    title: June\n    errata:\n      - date: 2014-09-01\n        reason: >-\n"
        "          Long\n          words\n        corrected: Title\n    summary: S\n",
    )
    new = add_erratum(text, "a", date(2014, 9, 2), "Again", "Date", "r.yaml")
    assert new == text.replace(
        "        corrected: Title\n",
        '        corrected: Title\n      - date: 2014-09-02\n        reason: "Again"\n'
        '        corrected: "Date"\n',
    )
    assert add_erratum(
        "releases:\n- {id: a, title: T}  # a\n", "a", date(2014, 9, 2), "S", "D", "r"
    ) == (
        'releases:\n- {id: a, title: T, errata: [{date: 2014-09-02, reason: "S", corrected: "D"}]}'
        "  # a\n"
    )
    flow = "releases:\n- {id: a, errata: [{date: 2014-09-01, reason: R, corrected: C}]}\n"
    assert add_erratum(flow, "a", date(2014, 9, 2), "S", "D", "r.yaml") == (
        "releases:\n- {id: a, errata: [{date: 2014-09-01, reason: R, corrected: C}, "
        '{date: 2014-09-02, reason: "S", corrected: "D"}]}\n'
    )


def test_an_erratum_under_an_empty_block_list_is_refused_not_guessed():
    text = "releases:\n  - id: a\n    errata:\n  - id: b\n"
    with pytest.raises(ProgressSiteError):
        add_erratum(text, "a", date(2014, 9, 2), "S", "D", "r.yaml")


@pytest.mark.parametrize("reason", ["<img src=x onerror=alert(1)>", "a: b # c", "'\"\\", "x\ty"])
def test_hostile_text_reads_back_as_typed(reason):
    import yaml

    new = add_erratum(BLOCK, "b", date(2014, 9, 1), reason, reason, "r.yaml")
    [erratum] = yaml.safe_load(new)["releases"][1]["errata"]
    assert (erratum["reason"], erratum["corrected"]) == (reason, reason)
