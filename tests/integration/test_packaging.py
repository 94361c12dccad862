"""An installed, non-editable wheel carries every subpackage, the templates and mkdocs.yml."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import SMALL_PLAN

ROOT = Path(__file__).parents[2]


def test_a_wheel_installed_elsewhere_builds_a_site(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("progress_site-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "generator").rglob("*.py")}
    assert modules <= names, sorted(modules - names)
    templates = {
        "generator/site_templates/" + str(p.relative_to(ROOT / "site_templates"))
        for p in (ROOT / "site_templates").rglob("*")
        if p.is_file()
    }
    assert templates <= names, sorted(templates - names)
    assert "generator/project/mkdocs.yml" in names

    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), wheel],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("PROGRESS_SITE_TEMPLATES", None)
    where = subprocess.run(
        [sys.executable, "-c", "import generator; print(generator.TEMPLATES_DIR)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip() == str(target / "generator" / "site_templates")
    built = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--content", str(SMALL_PLAN)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / "versions.json").is_file()
    assert (tmp_path / "site" / "latest" / "index.html").is_file()
