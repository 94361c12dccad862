"""publish and new-release killed, or out of space, at any moment leave the old or the new state."""

from __future__ import annotations

import fcntl
import os
import resource
import shutil
import signal
import subprocess
import sys

import pytest

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import run_cli, tree_digest

COMMANDS = {
    "publish": ("publish", "2015-01", "--date", "2015-02-10"),
    "new-release": ("new-release", "2015-04", "--date", "2015-04-30", "--title", "April 2015"),
    "publish-draft": ("publish", "2015-04", "--date", "2015-05-10"),
}

# Runs the real command line, but SIGKILLs itself just before its N-th file-system call
# that changes something (open for writing, write, fsync, rename, unlink): every moment of
# the write path, independently of timing.
KILLER = """
import os, signal, sys
limit = int(sys.argv[1])
calls = [0]
def killing(name):
    real = getattr(os, name)
    def call(*args, **kwargs):
        if name != "open" or (len(args) > 1 and args[1] & (os.O_WRONLY | os.O_RDWR)):
            calls[0] += 1
            if calls[0] >= limit:
                os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    setattr(os, name, call)
for name in ("open", "write", "fsync", "replace", "rename", "unlink"):
    killing(name)
sys.argv = ["progress-site", *sys.argv[2:]]
from generator.cli import main
main()
"""


def content_at(tmp_path, name, setup=()):
    root = tmp_path / name
    shutil.copytree(SMALL_PLAN, root)
    for command in setup:
        assert run_cli(*COMMANDS[command], "--content", str(root)).returncode == 0
    return root


def states(tmp_path, command, setup=()):
    old = content_at(tmp_path, "old", setup)
    new = content_at(tmp_path, "new", setup)
    result = run_cli(*COMMANDS[command], "--content", str(new))
    assert result.returncode == 0, result.stderr
    assert tree_digest(old) != tree_digest(new)
    return tree_digest(old), tree_digest(new)


@pytest.mark.parametrize(
    ("command", "setup"),
    [("publish", ()), ("new-release", ()), ("publish-draft", ("new-release",))],
)
def test_sigkill_at_every_write_leaves_the_old_or_the_new_state(tmp_path, command, setup):
    old, new = states(tmp_path, command, setup)
    outcomes = []
    for kill_at in range(1, 60):
        root = tmp_path / f"run{kill_at}"
        shutil.copytree(tmp_path / "old", root)
        args = [*COMMANDS[command], "--content", str(root)]
        process = subprocess.run(
            [sys.executable, "-c", KILLER, str(kill_at), *args], capture_output=True, text=True
        )
        check = run_cli("validate", "--content", str(root))  # the next command recovers
        assert check.returncode == 0, check.stderr
        digest = tree_digest(root)
        assert digest in (old, new), f"half-written content when killed at call {kill_at}"
        outcomes.append("new" if digest == new else "old")
        if process.returncode == 0:
            break
        assert process.returncode == -signal.SIGKILL, process.stderr
    else:
        pytest.fail("the command never finished")
    assert "old" in outcomes and "new" in outcomes[:-1]  # killed before, and after, the commit


def limited(max_bytes: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return apply


@pytest.mark.parametrize(
    ("command", "setup"),
    [("publish", ()), ("new-release", ()), ("publish-draft", ("new-release",))],
)
def test_a_file_size_limit_leaves_the_old_state_with_a_clear_message(tmp_path, command, setup):
    old, new = states(tmp_path, command, setup)
    sizes = sorted({p.stat().st_size for p in (tmp_path / "new").rglob("*") if p.is_file()})
    failed = 0
    for limit in sorted({0, 1, 50, *sizes, *(s - 1 for s in sizes if s)}):
        root = tmp_path / f"limit{limit}"
        shutil.copytree(tmp_path / "old", root)
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", *COMMANDS[command], "--content", str(root)],
            capture_output=True,
            text=True,
            preexec_fn=limited(limit),
        )
        digest = tree_digest(root)
        if result.returncode == 0:
            assert digest == new
            continue
        failed += 1
        assert digest == old, f"changed content under a {limit}-byte limit"
        assert result.stdout == ""
        assert result.stderr.startswith(f"Error: cannot write {root}/"), result.stderr
        assert result.stderr.endswith(
            ": File too large (the file-size limit was reached); nothing was changed\n"
        ), result.stderr
        assert not list(root.rglob("*.partial")) and not (root / ".progress-site-journal").exists()
    assert failed


def test_a_second_writer_refuses_while_the_first_holds_the_content(tmp_path):
    root = content_at(tmp_path, "content")
    before = tree_digest(root)
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        for command in ("publish", "new-release"):
            result = run_cli(*COMMANDS[command], "--content", str(root))
            assert (result.returncode, result.stdout, result.stderr) == (
                1,
                "",
                f"Error: {root}: another progress-site command (publish, new-release or "
                "import-tracker) is changing this content; try again when it has finished\n",
            )
        assert tree_digest(root) == before
    finally:
        os.close(fd)
    assert run_cli(*COMMANDS["publish"], "--content", str(root)).returncode == 0


def test_two_runs_at_once_never_interleave(tmp_path):
    root = content_at(tmp_path, "content")
    args = [sys.executable, "-m", "generator.cli", *COMMANDS["new-release"], "--content", str(root)]
    runs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    runs.append(subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = [(p.wait(), p.stderr.read()) for p in runs]
    assert sorted(code for code, _ in results) == [0, 1]
    assert any(
        "already exists" in err or "another progress-site command" in err for _, err in results
    )
    assert (root / "releases.yaml").read_text().count("id: 2015-04") == 1
    assert run_cli("validate", "--content", str(root)).returncode == 0


def _cli(*args):
    command = [sys.executable, "-m", "generator.cli", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_reader_waits_for_a_change_in_progress_and_sees_it_whole(tmp_path):
    root = content_at(tmp_path, "content")
    releases = root / "releases.yaml"
    whole = releases.read_text()
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # a writer, part-way through its change
        releases.write_text("releases: [\n")
        reader = _cli("validate", "--content", str(root))
        with pytest.raises(subprocess.TimeoutExpired):
            reader.wait(timeout=3)
        releases.write_text(whole)
    finally:
        os.close(fd)
    assert reader.wait(timeout=60) == 0, reader.stderr.read()
    assert reader.stdout.read().startswith(f"{root}: valid (")


def test_a_writer_waits_for_a_reader_instead_of_refusing(tmp_path):
    root = content_at(tmp_path, "content")
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)  # a build or serve reading the content
        writer = _cli(*COMMANDS["publish"], "--content", str(root))
        with pytest.raises(subprocess.TimeoutExpired):
            writer.wait(timeout=2)
    finally:
        os.close(fd)
    assert writer.wait(timeout=60) == 0, writer.stderr.read()
    assert run_cli("validate", "--content", str(root)).returncode == 0
