"""A build that cannot write (a full disk, a file-size limit) fails with a clear message and
leaves the previous output byte-identical, or absent on a first build."""

from __future__ import annotations

import resource
import shutil
import signal
import subprocess
import sys

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import run_cli, tree_digest


def _limited(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def build_limited(content, out, limit):
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--content", str(content)]
        + ["--out", str(out), "--jobs", "1"],
        capture_output=True,
        text=True,
        preexec_fn=_limited(limit),
        check=False,
    )


def expected_messages(out):
    return {
        f"Error: cannot write the site into {out} (File too large); the existing output is "
        "unchanged\n",
        # the newest release is built first
        "Error: MkDocs failed for release 2015-01:\nMkDocs stopped: File too large\n",
    }


def test_a_file_size_limit_fails_clearly_and_keeps_the_previous_output(tmp_path):
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(SMALL_PLAN), "--out", str(out)).returncode == 0
    before = tree_digest(out)
    changed = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, changed)
    releases = changed / "releases.yaml"  # the first release changes: every version rebuilds
    releases.write_text(releases.read_text().replace("title: June 2014", "title: Jun 2014"))
    first = tmp_path / "first"
    for limit in (0, 4_096, 65_536, 400_000):
        for target in (out, first):
            result = build_limited(changed, target, limit)
            assert result.returncode == 1, (limit, result.stdout)
            assert "Traceback" not in result.stderr
            assert result.stderr in expected_messages(target), (limit, result.stderr)
            assert ".build-" not in result.stderr  # never a temporary path
        assert tree_digest(out) == before
        assert not first.exists()
        assert not list(tmp_path.glob(".*.build-*"))
    assert run_cli("build", "--content", str(changed), "--out", str(out)).returncode == 0
    assert tree_digest(out) != before
