"""build, validate, import and import-tracker show their progress on stderr, at once."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import DEFAULT_CONTENT, SMALL_PLAN
from tests.integration.conftest import run_cli

SHOWN = {"PROGRESS_SITE_QUIET": ""}


def test_validate_shows_a_line_per_published_release(tmp_path):
    result = run_cli("validate", "--content", str(DEFAULT_CONTENT), env=SHOWN)
    assert result.returncode == 0
    assert result.stderr == (
        f"Checking the content in {DEFAULT_CONTENT}\n"
        "[1/2] Checked release 2016-08\n"
        "[2/2] Checked release 2017-04\n"
    )
    quiet = run_cli("validate", "--content", str(DEFAULT_CONTENT), "--quiet", env=SHOWN)
    assert (quiet.stdout, quiet.stderr) == (result.stdout, "")


def test_import_tracker_and_import_say_what_they_read(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, content)
    tracker = tmp_path / "tracker.xlsx"
    exported = run_cli(
        "export-tracker", "2017-04", "--out", str(tracker), "--content", str(content)
    )
    assert exported.returncode == 0
    args = ("import-tracker", str(tracker), "--release", "2017-05", "--content", str(content))
    result = run_cli(*args, env=SHOWN)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"Reading {tracker} and checking it against {content}\n"

    table = Path(__file__).parent.parent / "data" / "import" / "barking-dagenham-2014.csv"
    into = tmp_path / "new"
    args = ("import", str(table), "--into", str(into), "--skip-bad-rows", "--release", "2014-10")
    imported = run_cli(*args, env=SHOWN)
    assert imported.returncode == 0
    assert imported.stderr.splitlines()[0] == f"Reading {table} and checking the content it makes"
    assert (
        run_cli(*args[:3], str(tmp_path / "q"), *args[4:], "-q", env=SHOWN).stderr
        == (
            imported.stderr.split("\n", 1)[1]  # only the skipped rows
        )
    )


def test_build_shows_its_first_line_at_once(tmp_path):
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build", "--content", str(SMALL_PLAN), "--out",
         str(tmp_path / "site")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **SHOWN},
    )  # fmt: skip
    first = process.stderr.readline()
    took = time.monotonic() - started
    rest = process.stderr.read()
    assert process.wait() == 0
    assert first == f"Checking the content in {SMALL_PLAN}\n"
    assert took < 5
    assert "[3/3] Built release " in rest


def test_build_draws_a_bar_on_a_terminal(tmp_path):
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build", "--content", str(SMALL_PLAN), "--out",
         str(tmp_path / "site")],
        stdout=subprocess.PIPE, stderr=follower, text=True, env={**os.environ, **SHOWN},
    )  # fmt: skip
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the command has finished and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    stdout, _ = process.communicate()
    assert process.returncode == 0
    text = shown.decode()
    assert "\n" not in text.replace("\r\n", "")  # redrawn in place, not a line per release
    assert "\r\x1b[K[########################] 3/3 Built release " in text
    assert text.endswith("\r\x1b[K")  # cleared before the command's result
    assert stdout.startswith("Built 3 releases (")
