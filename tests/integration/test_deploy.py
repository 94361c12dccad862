"""The GitHub Pages workflow in docs/deploy builds the site as the documentation says it does."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import DEFAULT_CONTENT

WORKFLOW = Path(__file__).parents[2] / "docs" / "deploy" / "github-pages.yml"


def _steps() -> dict[str, dict[str, object]]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    [job] = data["jobs"].values()
    return {step["name"]: step for step in job["steps"]}


def _run_step(step: dict[str, object], cwd: Path) -> subprocess.CompletedProcess[str]:
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "CI": "true"}
    script = f"set -eo pipefail\n{step['run']}"
    return subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_the_workflow_keeps_the_previous_output_and_its_build_step_reuses_it(tmp_path):
    steps = _steps()
    assert list(steps) == [
        "Check out the content",
        "Set up Python",
        "Install progress-site",
        "Fetch the previous output",
        "Build",
        "Publish",
    ]
    assert "--out site" in str(steps["Build"]["run"])
    assert "git clone" in str(steps["Fetch the previous output"]["run"])
    shutil.copytree(DEFAULT_CONTENT, tmp_path / "content")
    site = tmp_path / "site"
    # What "Fetch the previous output" leaves the first time: an empty gh-pages checkout.
    subprocess.run(["git", "init", "--quiet", str(site)], check=True)
    (site / ".nojekyll").touch()

    first = _run_step(steps["Build"], tmp_path)
    assert first.returncode == 0, first.stderr
    built = re.search(r"Built (\d+) releases", first.stdout)
    assert built and "unchanged" not in first.stdout
    assert (site / "versions.json").is_file()
    assert (site / ".git").is_dir() and (site / ".nojekyll").is_file()

    second = _run_step(steps["Build"], tmp_path)
    assert second.returncode == 0, second.stderr
    assert f"Built 0 releases (0 pages), {built[1]} unchanged into {site} in " in second.stdout
    assert (site / ".git").is_dir() and (site / ".nojekyll").is_file()


def test_the_workflow_stops_until_the_package_to_install_is_set(tmp_path):
    step = _steps()["Install progress-site"]
    env_value = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["env"]
    assert env_value == {"PROGRESS_SITE_PACKAGE": ""}
    script = f"set -eo pipefail\n{step['run']}"
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        env={**os.environ, "PROGRESS_SITE_PACKAGE": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (
        1,
        "::error::Set PROGRESS_SITE_PACKAGE in this workflow to the progress-site release you "
        "use\n",
    )
