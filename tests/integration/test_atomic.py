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
