"""`erratum` records a correction and locks it; a locked erratum cannot be removed or reworded."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import DEFAULT_CONTENT
from tests.integration.conftest import run_cli, tree_digest

OLD_TITLE = "title: April 2017 progress update"
NEW_TITLE = "title: April 2017 progress report"
ARGS = ("erratum", "2017-04", "--reason", "The title was misquoted", "--corrected", "Title")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(DEFAULT_CONTENT, tmp_path / "content")
    return tmp_path / "content"


def cli(content: Path, *args: str):  # noqa: ANN201
    return run_cli(*args, "--content", str(content))


def correct(content: Path) -> None:
    path = content / "releases.yaml"
    path.write_text(path.read_text().replace(OLD_TITLE, NEW_TITLE))


def locked_errata(content: Path, release: str = "2017-04") -> object:
    return json.loads((content / "releases.lock").read_text())["releases"][release]["errata"]


def test_an_erratum_is_recorded_and_locked_in_one_step(content):
    correct(content)
    result = cli(content, *ARGS, "--date", "2026-12-01")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Recorded the erratum of 2026-12-01 to release 2017-04 and locked the corrected "
        "release. Corrected: release 2017-04 (title)\n"
    )
    text = (content / "releases.yaml").read_text()
    assert text.endswith(
        "        corrected: Direction of travel of the weekly indicators\n"
        "      - date: 2026-12-01\n"
        '        reason: "The title was misquoted"\n'
        '        corrected: "Title"\n'
    )
    errata = locked_errata(content)
    assert errata[-1] == {
        "date": "2026-12-01",
        "reason": "The title was misquoted",
        "corrected": "Title",
    }
    assert len(errata) == 2
    assert (cli(content, "validate").returncode, cli(content, "validate").stderr) == (0, "")


def test_nothing_to_correct_is_refused(content):
    before = tree_digest(content)
    result = cli(content, *ARGS)
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "Error: release 2017-04: nothing differs from what was published on 2017-06-06; "
        "correct the release first, then record the erratum\n",
    )
    assert tree_digest(content) == before


def test_a_draft_or_an_unknown_release_is_refused(content):
    assert cli(content, "new-release", "2017-05").returncode == 0
    before = tree_digest(content)
    draft = cli(content, "erratum", "2017-05", "--reason", "r", "--corrected", "c")
    assert draft.stderr == (
        "Error: release 2017-05 is a draft, so it has no published version to correct: edit it "
        "as it is, and publish it with 'progress-site publish 2017-05'\n"
    )
    unknown = cli(content, "erratum", "2019-01", "--reason", "r", "--corrected", "c")
    assert unknown.returncode == 1 and "2019-01" in unknown.stderr
    assert tree_digest(content) == before


def test_an_erratum_dated_before_publication_is_refused(content):
    correct(content)
    result = cli(content, *ARGS, "--date", "2017-06-01")
    assert result.stderr == (
        "Error: --date: the erratum's date (2017-06-01) is before release 2017-04 was "
        "published (2017-06-06)\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("  ", "Error: --reason: must not be empty\n"),
        (
            "bad\x1b[31m",
            "Error: --reason: contains a character that cannot be used here (U+001B); remove it\n",
        ),
        ("x" * 2001, "Error: --reason: 2001 characters; keep it under 2000\n"),
    ],
)
def test_unusable_text_is_refused(content, text, message):
    correct(content)
    before = tree_digest(content)
    result = cli(content, "erratum", "2017-04", "--reason", text, "--corrected", "c")
    assert (result.returncode, result.stderr) == (1, message)
    assert tree_digest(content) == before


def test_hostile_text_is_kept_as_typed(content):
    correct(content)
    hostile = "<img src=x onerror=alert(1)> & 'quotes' \"too\" # not a comment: [x](y)"
    result = cli(content, "erratum", "2017-04", "--reason", hostile, "--corrected", hostile)
    assert result.returncode == 0, result.stderr
    release = yaml.safe_load((content / "releases.yaml").read_text())["releases"][-1]
    assert release["errata"][-1]["reason"] == hostile
    assert locked_errata(content)[-1]["corrected"] == hostile
    assert cli(content, "validate").returncode == 0


def test_a_locked_erratum_cannot_be_removed_or_reworded(content, tmp_path):
    correct(content)
    assert cli(content, *ARGS, "--date", "2026-12-01").returncode == 0
    path = content / "releases.yaml"
    locked = path.read_text()

    path.write_text(locked.replace("The title was misquoted", "The title was wrong"))
    for command in (("validate",), ("build", "--out", str(tmp_path / "site"))):
        result = cli(content, *command)
        assert (result.returncode, result.stderr) == (
            1,
            f"{content}/releases.lock: release 2017-04: its erratum of 2026-12-01 was locked "
            "with the release and cannot be changed, but its reason now differs; put it back "
            "in releases.yaml as it was locked\nAborted: 1 problem found in the content.\n",
        )
    assert not (tmp_path / "site").exists()

    path.write_text(locked.replace('      - date: 2026-12-01\n        reason: "The title was '
                                   'misquoted"\n        corrected: "Title"\n', ""))  # fmt: skip
    result = cli(content, "validate")
    assert result.stderr == (
        f"{content}/releases.lock: release 2017-04: its erratum of 2026-12-01 was locked with "
        "the release and cannot be removed; put it back in releases.yaml as it was (reason: "
        "“The title was misquoted”)\nAborted: 1 problem found in the content.\n"
    )
    published = cli(content, "publish", "2017-04")  # nor can publish lock it away
    assert published.returncode == 1 and "cannot be removed" in published.stderr

    path.write_text(locked.replace("2026-12-01", "2026-12-02"))
    assert "but its date now differs" in cli(content, "validate").stderr


def test_a_lock_that_counted_errata_still_reads_and_is_upgraded(content):
    lock = json.loads((content / "releases.lock").read_text())
    lock["releases"]["2017-04"]["errata"] = 1
    lock["releases"]["2016-08"]["errata"] = 0
    (content / "releases.lock").write_text(json.dumps(lock, indent=2))
    assert cli(content, "validate").returncode == 0
    correct(content)
    assert cli(content, *ARGS, "--date", "2026-12-01").returncode == 0
    assert [e["date"] for e in locked_errata(content)] == ["2026-11-25", "2026-12-01"]
    assert locked_errata(content, "2016-08") == []


def test_the_change_message_points_at_the_erratum_command(content):
    correct(content)
    result = cli(content, "validate")
    assert result.stderr == (
        f"{content}/releases.lock: release 2017-04: was published on 2017-06-06 and cannot be "
        "changed, but these items now differ: release 2017-04 (title). Undo the change, or "
        "record it as an erratum with 'progress-site erratum 2017-04 --reason TEXT --corrected "
        "TEXT'\nAborted: 1 problem found in the content.\n"
    )


def test_an_erratum_typed_by_hand_is_left_to_publish(content):
    correct(content)
    path = content / "releases.yaml"
    path.write_text(
        path.read_text() + "      - date: 2026-12-01\n        reason: Typed\n        corrected: T\n"
    )
    before = tree_digest(content)
    result = cli(content, *ARGS)
    assert (result.returncode, result.stderr) == (
        1,
        "Error: release 2017-04 already has an erratum that is not locked (of 2026-12-01): lock "
        "it with 'progress-site publish 2017-04', or remove it from releases.yaml and run this "
        "command again\n",
    )
    assert tree_digest(content) == before
    published = cli(content, "publish", "2017-04")
    assert published.returncode == 0, published.stderr
    assert locked_errata(content)[-1] == {"date": "2026-12-01", "reason": "Typed", "corrected": "T"}


def test_a_correction_shared_by_two_releases_is_recorded_for_each_in_turn(content):
    plan = content / "plan.yaml"
    plan.write_text(
        plan.read_text().replace(
            "Recruit permanent social workers", "Recruit permanent social care workers", 1
        )
    )
    args = ("--reason", "A word was missing", "--corrected", "Action 1.1", "--date", "2026-12-01")
    first = cli(content, "erratum", "2016-08", *args)
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == (
        "Recorded the erratum of 2026-12-01 to release 2016-08 and locked the corrected "
        "release. Corrected: action 1.1 (description)\n"
        "Release 2017-04 was changed too: record its erratum with 'progress-site erratum "
        "2017-04 --reason TEXT --corrected TEXT'\n"
    )
    second = cli(content, "erratum", "2017-04", *args)
    assert (second.returncode, second.stderr) == (0, "")
    assert cli(content, "validate", "-q").returncode == 0
    assert len(locked_errata(content, "2016-08")) == 1
