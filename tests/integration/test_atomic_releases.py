"""discard and erratum killed, or out of space, at any moment leave the old or the new state."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content.transaction import recover
from tests.conftest import DEFAULT_CONTENT
from tests.integration.conftest import run_cli, tree_digest
from tests.integration.test_atomic_writes import KILLER, limited


def _discard_setup(root: Path) -> None:
    assert run_cli("new-release", "2017-05", "--content", str(root)).returncode == 0


def _erratum_setup(root: Path) -> None:
    path = root / "releases.yaml"
    path.write_text(path.read_text().replace("progress update", "progress report"))


COMMANDS = {
    "discard": (("discard", "2017-05"), _discard_setup),
    "erratum": (
        (
            "erratum",
            "2017-04",
            "--reason",
            "Misquoted",
            "--corrected",
            "Title",
            "--date",
            "2026-12-01",
        ),
        _erratum_setup,
    ),
}


def states(tmp_path: Path, command: str) -> tuple[dict[str, str], dict[str, str]]:
    args, setup = COMMANDS[command]
    for name in ("old", "new"):
        shutil.copytree(DEFAULT_CONTENT, tmp_path / name)
        setup(tmp_path / name)
    result = run_cli(*args, "--content", str(tmp_path / "new"))
    assert result.returncode == 0, result.stderr
    old, new = tree_digest(tmp_path / "old"), tree_digest(tmp_path / "new")
    assert old != new
    return old, new


@pytest.mark.parametrize("command", list(COMMANDS))
def test_sigkill_at_every_write_leaves_the_old_or_the_new_state(tmp_path, command):
    old, new = states(tmp_path, command)
    outcomes = []
    for kill_at in range(1, 60):
        root = tmp_path / f"run{kill_at}"
        shutil.copytree(tmp_path / "old", root)
        args = [*COMMANDS[command][0], "--content", str(root)]
        process = subprocess.run(
            [sys.executable, "-c", KILLER, str(kill_at), *args], capture_output=True, text=True
        )
        recover(root)  # as the next command does (the old state of erratum does not validate)
        digest = tree_digest(root)
        assert digest in (old, new), f"half-written content when killed at call {kill_at}"
        outcomes.append("new" if digest == new else "old")
        shutil.rmtree(root)
        if process.returncode == 0:
            break
        assert process.returncode == -signal.SIGKILL, process.stderr
    else:
        pytest.fail("the command never finished")
    assert "old" in outcomes and "new" in outcomes[:-1]  # killed before, and after, the commit
    assert run_cli("validate", "--content", str(tmp_path / "new")).returncode == 0


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_file_size_limit_leaves_the_old_state_with_a_clear_message(tmp_path, command):
    old, new = states(tmp_path, command)
    sizes = sorted({p.stat().st_size for p in (tmp_path / "new").rglob("*") if p.is_file()})
    failed = 0
    for limit in sorted({0, 1, 50, 64 * 512, *sizes, *(s - 1 for s in sizes if s)}):
        root = tmp_path / f"limit{limit}"
        shutil.copytree(tmp_path / "old", root)
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", *COMMANDS[command][0], "--content", str(root)],
            capture_output=True,
            text=True,
            preexec_fn=limited(limit),
        )
        digest = tree_digest(root)
        if result.returncode == 0:
            assert digest == new
            shutil.rmtree(root)
            continue
        failed += 1
        assert digest == old, f"changed content under a {limit}-byte limit"
        assert result.stdout == ""
        assert result.stderr.startswith("Error: cannot "), result.stderr
        assert "File too large" in result.stderr or (
            "(no temporary directory could be written to: is the disk full?)" in result.stderr
        ), result.stderr
        assert result.stderr.endswith("nothing was changed\n"), result.stderr
        assert not list(root.rglob("*.partial")) and not (root / ".progress-site-journal").exists()
        shutil.rmtree(root)
    assert failed


def test_under_ulimit_f_64_discard_works_and_erratum_refuses_cleanly(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, root)
    assert (root / "releases.lock").stat().st_size > 64 * 1024  # too large to write again
    _discard_setup(root)
    _erratum_setup(root)

    def limited_shell(*args: str) -> subprocess.CompletedProcess[str]:
        line = " ".join(f"'{a}'" for a in args)
        return subprocess.run(
            ["bash", "-c", f"ulimit -f 64; '{sys.executable}' -m generator.cli {line}"],
            capture_output=True,
            text=True,
        )

    before = tree_digest(root)
    refused = limited_shell(*COMMANDS["erratum"][0], "--content", str(root))
    assert (refused.returncode, refused.stderr) == (
        1,
        f"Error: cannot write {root}/releases.lock: File too large (the file-size limit was "
        "reached); nothing was changed\n",
    )
    assert tree_digest(root) == before
    discarded = limited_shell("discard", "2017-05", "--content", str(root))
    assert discarded.returncode == 0, discarded.stderr  # nothing large is written, or copied
    assert not (root / "progress" / "2017-05.yaml").exists()
    assert "2017-05" not in (root / "releases.yaml").read_text()
