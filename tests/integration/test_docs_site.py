"""The documentation site builds in MkDocs' strict mode, and its pages keep their promises."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
CONFIG = ROOT / "mkdocs-docs.yml"
FENCE = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)


def _build(config: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
        timeout=300,
    )


def test_the_documentation_builds_in_strict_mode(tmp_path):
    out = tmp_path / "docs-site"
    result = _build(CONFIG, out)
    assert result.returncode == 0, result.stderr
    for page in (
        "index.html",
        "tutorial/index.html",
        "how-to/monthly-routine/index.html",
        "how-to/spreadsheet-routine/index.html",
        "how-to/corrections/index.html",
        "how-to/import/index.html",
        "how-to/deploy/index.html",
        "how-to/embed/index.html",
        "how-to/verify/index.html",
        "reference/content/index.html",
        "reference/cli/index.html",
        "reference/open-data/index.html",
        "reference/urls/index.html",
        "explanation/releases/index.html",
        "explanation/dependencies/index.html",
        "images/home-phone.png",
        "deploy/github-pages.yml",
    ):
        assert (out / page).is_file(), page
    why = (out / "explanation/dependencies/index.html").read_text(encoding="utf-8")
    assert "5 May 2027" in why and "Zensical" in why


def test_a_broken_link_fails_the_build(tmp_path):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(CONFIG, tmp_path / "mkdocs-docs.yml")
    page = tmp_path / "docs" / "tutorial.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[gone](how-to/gone.md)\n")
    result = _build(tmp_path / "mkdocs-docs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert "how-to/gone.md" in result.stderr


def test_commands_work_after_the_readme_set_up():
    """A page that writes bare `progress-site` commands says how to activate the environment."""
    for page in sorted((ROOT / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        bare = [
            line
            for block in FENCE.findall(text)
            for line in block.splitlines()
            if re.match(r"\s*progress-site ", line) or "&& progress-site " in line
        ]
        if bare:
            assert "source .venv/bin/activate" in text or "activated" in text, page


def test_the_readme_links_to_pages_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\((docs/[^)#]+)", readme) + re.findall(r'src="(docs/[^"]+)"', readme)
    assert len(targets) > 20
    for target in targets:
        assert (ROOT / target).is_file(), target
