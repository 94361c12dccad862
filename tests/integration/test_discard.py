"""`discard` removes a draft, entry and progress file together, and never a published one."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import DEFAULT_CONTENT
from tests.integration.conftest import run_cli, tree_digest


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(DEFAULT_CONTENT, tmp_path / "content")
    return tmp_path / "content"


def cli(content: Path, *args: str):  # noqa: ANN201
    return run_cli(*args, "--content", str(content))


def test_discard_restores_the_files_as_they_were_before_the_draft(content):
    before = tree_digest(content)
    assert cli(content, "new-release", "2017-05").returncode == 0
    result = cli(content, "discard", "2017-05")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Discarded draft release 2017-05: removed its entry in releases.yaml and "
        f"{content}/progress/2017-05.yaml\n"
    )
    assert tree_digest(content) == before


def test_discard_of_an_earlier_draft_keeps_the_later_one_and_every_comment(content):
    releases = content / "releases.yaml"
    releases.write_text(releases.read_text() + "# kept: a note at the end\n")
    assert cli(content, "new-release", "2017-05").returncode == 0
    with_one = releases.read_text()
    assert cli(content, "new-release", "2017-06").returncode == 0
    progress = (content / "progress" / "2017-06.yaml").read_bytes()
    assert cli(content, "discard", "2017-05").returncode == 0
    assert releases.read_text() == with_one.replace(
        '  - id: 2017-05\n    date: 2017-05-31\n    title: "May 2017 progress report"\n'
        "    draft: true\n",
        "",
    ) + ('  - id: 2017-06\n    date: 2017-06-30\n    title: "June 2017 progress report"\n'
         "    draft: true\n")  # fmt: skip
    assert "# kept: a note at the end" in releases.read_text()
    assert (content / "progress" / "2017-06.yaml").read_bytes() == progress
    assert not (content / "progress" / "2017-05.yaml").exists()
    assert cli(content, "validate").returncode == 0


def test_discard_refuses_a_published_release(content):
    before = tree_digest(content)
    result = cli(content, "discard", "2017-04")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: release 2017-04 was published on 2017-06-06 and cannot be discarded: a "
        "published release stays online for good. To correct it, edit it and run "
        "'progress-site erratum 2017-04 --reason TEXT --corrected TEXT'\n"
    )
    assert tree_digest(content) == before


def test_discard_refuses_a_release_published_but_not_yet_locked(content):
    (content / "releases.lock").unlink()
    result = cli(content, "discard", "2016-08")
    assert result.stderr.startswith("Error: release 2016-08 was published on 2016-08-23 and ")


def test_discard_refuses_an_unknown_release(content):
    result = cli(content, "discard", "2019-01")
    assert (result.returncode, result.stderr) == (
        1,
        f"Error: {content}/releases.yaml: release 2019-01 not found\n",
    )


def test_discard_refuses_a_draft_that_other_content_names(content):
    assert cli(content, "new-release", "2017-05").returncode == 0
    plan = content / "plan.yaml"
    text = plan.read_text()
    at = text.index("      - id: 1.1\n")
    plan.write_text(text[:at] + "      - id: 1.0\n        description: New\n"
                    "        added: 2017-05\n" + text[at:])  # fmt: skip
    before = tree_digest(content)
    result = cli(content, "discard", "2017-05")
    assert result.returncode == 1
    assert f"{content}/plan.yaml:" in result.stderr and "2017-05" in result.stderr
    assert "/tmp/" not in result.stderr.replace(str(content), "")
    assert tree_digest(content) == before


def test_discard_waits_for_no_one_while_another_command_changes_the_content(content):
    assert cli(content, "new-release", "2017-05").returncode == 0
    before = tree_digest(content)
    fd = os.open(content, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        result = cli(content, "discard", "2017-05")
    finally:
        os.close(fd)
    assert (result.returncode, result.stderr) == (
        1,
        f"Error: {content}: another progress-site command (publish, new-release or "
        "import-tracker) is changing this content; try again when it has finished\n",
    )
    assert tree_digest(content) == before


def test_an_id_that_is_no_release_id_is_refused_cleaned(content):
    for command in (("discard",), ("erratum", "--reason", "r", "--corrected", "c")):
        result = cli(content, command[0], "x\x1b[31m", *command[1:])
        assert (result.returncode, result.stderr) == (
            1,
            "Error: a release id becomes part of the URL: use lower-case letters, digits, '.', "
            "'-' or '_', starting with a letter or digit, found 'x\ufffd[31m'\n",
        )
