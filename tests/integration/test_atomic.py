"""A build killed at any moment leaves the previous output intact."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import run_cli, tree_digest


def test_sigkill_at_several_moments_never_leaves_a_half_written_site(tmp_path):
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(SMALL_PLAN), "--out", str(out)).returncode == 0
    old = tree_digest(out)

    changed = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, changed)
    releases = changed / "releases.yaml"
    releases.write_text(releases.read_text().replace("title: January 2015", "title: Jan 2015"))
    new_out = tmp_path / "reference"
    assert run_cli("build", "--content", str(changed), "--out", str(new_out)).returncode == 0
    new = tree_digest(new_out)
    assert new != old

    outcomes = []
    for delay in (0.05, 0.4, 0.9, 1.5, 2.2, 3.5):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator.cli",
                "build",
                "--content",
                str(changed),
                "--out",
                str(out),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):  # it may have finished already
            os.killpg(process.pid, signal.SIGKILL)  # the build and its MkDocs processes
        process.wait()
        digest = tree_digest(out)
        assert digest in (old, new), f"half-written output after {delay} s"
        outcomes.append("new" if digest == new else "old")
        if digest == new:  # finished, or killed after the swap: put the old site back
            assert run_cli("build", "--content", str(SMALL_PLAN), "--out", str(out)).returncode == 0
            assert tree_digest(out) == old
    assert "old" in outcomes  # at least one kill landed before the swap
    leftovers = list(tmp_path.glob(".site.build-*"))
    assert run_cli("build", "--content", str(SMALL_PLAN), "--out", str(out)).returncode == 0
    assert not any(p.exists() for p in leftovers)  # the next build clears them away
    assert tree_digest(out) == old


def _processes_with(token: str) -> list[int]:
    """Live processes (not zombies) started with ``PROGRESS_SITE_TEST_TOKEN=token``."""
    marker = f"PROGRESS_SITE_TEST_TOKEN={token}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/environ", "rb") as handle:
                    if marker in handle.read().split(b"\0"):
                        found.append(int(entry))
            except OSError:
                continue
    return found


def test_sigkill_of_a_parallel_build_leaves_no_worker_or_version_build_running(tmp_path):
    out = tmp_path / "site"
    for attempt in range(3):
        token = f"{os.getpid()}-{attempt}-{time.time_ns()}"
        process = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "build", "--content", str(SMALL_PLAN)]
            + ["--out", str(out), "--jobs", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PROGRESS_SITE_TEST_TOKEN": token},
        )
        deadline = time.monotonic() + 30
        while len(_processes_with(token)) < 4:  # the build, its 2 workers, a version's child
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)  # the build alone, not its process group
        process.wait()
        deadline = time.monotonic() + 5
        while _processes_with(token) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _processes_with(token) == []
        assert not out.exists()  # killed before the swap: no output at all
    assert run_cli("build", "--content", str(SMALL_PLAN), "--out", str(out)).returncode == 0
    assert not list(tmp_path.glob(".site.build-*"))  # the killed builds' scratch is cleared
