"""A plan started with ``progress-site new`` validates, publishes and builds as it is."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.integration.conftest import run_cli


def test_the_starter_validates_publishes_and_builds(tmp_path):
    created = run_cli("new", "content", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    checked = run_cli("validate", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout == "content: valid (3 recommendations, 4 actions, 1 KPI, 1 release)\n"
    month = f"{date.today():%Y-%m}"
    published = run_cli("publish", month, cwd=tmp_path)
    assert published.returncode == 0, published.stderr
    built = run_cli("build", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    site = tmp_path / "site"
    assert [v["version"] for v in json.loads((site / "versions.json").read_text())] == [month]
    assert (site / month / "recommendations" / "2" / "index.html").is_file()
    assert (site / month / "kpis" / "assessments-waiting" / "index.html").is_file()


def test_a_preview_built_with_drafts_is_not_deployed(tmp_path):
    assert run_cli("new", "content", cwd=tmp_path).returncode == 0
    assert run_cli("build", cwd=tmp_path).returncode == 0  # the draft is left out
    empty = run_cli("deploy", "--to", "web", cwd=tmp_path)
    assert (empty.returncode, empty.stderr) == (
        1,
        "Error: site has no published release: publish one (progress-site publish ID) and "
        "build again\n",
    )
    built = run_cli("build", "--drafts", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    month = f"{date.today():%Y-%m}"
    refused = run_cli("deploy", "--to", "web", cwd=tmp_path)
    assert (refused.returncode, refused.stderr) == (
        1,
        f"Error: site is a preview with draft releases ({month}): build it again without "
        "--drafts, or publish them first\n",
    )
    assert not (tmp_path / "web").exists()


def test_the_tutorials_mistake_is_what_validate_says_of_the_starter(tmp_path):
    tutorial = (Path(__file__).parents[2] / "docs" / "tutorial.md").read_text(encoding="utf-8")
    assert run_cli("new", "content", cwd=tmp_path).returncode == 0
    plan = tmp_path / "content" / "plan.yaml"
    assert "(`groups: [practise]`)" in tutorial
    plan.write_text(plan.read_text().replace("groups: [practice]", "groups: [practise]"))
    checked = run_cli("validate", cwd=tmp_path)
    assert checked.returncode == 1
    said = checked.stderr.splitlines()[0]
    assert said == (
        "content/plan.yaml:24: recommendation 2: unknown priority 'practise' "
        "(known: leadership, practice)"
    )
    assert f"```text\n{said}\n```" in tutorial
