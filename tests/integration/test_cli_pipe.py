"""A command whose reader stops early (``| head``) ends quietly, not with an error."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys

from tests.unit.site.test_deploy import make_site

F_SETPIPE_SZ = 1031  # Linux: a pipe smaller than the command's output


def test_output_piped_into_a_reader_that_stops_ends_quietly(tmp_path):
    site = make_site(tmp_path / "site", [f"{year}-01" for year in range(1900, 2000)])
    read, write = os.pipe()
    fcntl.fcntl(write, F_SETPIPE_SZ, 4096)
    command = ["deploy", "--site", str(site), "--to", str(tmp_path / "web"), "--dry-run"]
    with subprocess.Popen(
        [sys.executable, "-m", "generator.cli", *command], stdout=write, stderr=subprocess.PIPE
    ) as proc:
        os.close(write)
        assert os.read(read, 20).startswith(b"Would upload")
        os.close(read)  # as head does after its lines; the output is larger than the pipe
        stderr = proc.stderr.read() if proc.stderr else b""
    assert (proc.returncode, stderr) == (1, b"")
