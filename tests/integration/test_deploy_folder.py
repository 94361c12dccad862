"""A folder deploy killed part-way, then run again, leaves the site as it was built."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from tests.unit.site.test_deploy import make_site, tree


def test_a_deploy_killed_part_way_runs_again_to_the_built_site(tmp_path):
    old = make_site(tmp_path / "old", [f"20{y}-01" for y in range(50, 10, -1)])
    new = make_site(tmp_path / "new", [f"20{y}-01" for y in range(60, 20, -1)], extra="x")
    web = tmp_path / "web"
    manifest = web / ".progress-site-deploy.json"

    def deploy(site):
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator.cli",
                "deploy",
                "--site",
                str(site),
                "--to",
                str(web),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def pending():
        try:
            return json.loads(manifest.read_text())["pending"]
        except (OSError, ValueError):
            return []

    assert deploy(old).wait() == 0
    killed = 0
    for site in (new, old, new):
        before = manifest.read_bytes()
        running = deploy(site)
        while running.poll() is None and (manifest.read_bytes() == before or not pending()):
            time.sleep(0.0005)
        if running.poll() is None:  # part-way: it has claimed its files and is sending them
            os.kill(running.pid, signal.SIGKILL)
            killed += 1
        running.wait()
    assert killed >= 2
    finished = deploy(new)
    assert finished.wait() == 0, finished.stderr.read()
    found = {
        p.relative_to(web).as_posix(): p.read_bytes()
        for p in web.rglob("*")
        if p.is_file() and p.name != manifest.name
    }
    assert found == tree(new)
    assert [p for p in web.rglob("*") if p.is_dir() and not any(p.iterdir())] == []
    assert pending() == []
