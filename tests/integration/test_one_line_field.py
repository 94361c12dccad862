"""Adding a plain field to an action is one line in the model: with that line in a copy of
the generator, and a value in a copy of the content, the field is validated, shown on the
recommendation page and in the printable report, published in the open data and documented
on the Data page, in the JSON Schema, imported from a table's column, attacked by the
hostile-input tests and documented in the content-format reference."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from generator import PROJECT_ROOT
from tests.conftest import SMALL_PLAN

LINE = (
    '    priority: Annotated[Text, Meta("Priority", PLAIN, headers=("Priority",), column=True)]'
    ' = ""\n'
)
"""The one line: a plain text field, shown as Priority, imported from a Priority column and
published as a column of actions.csv."""
BEFORE = "    added: Annotated[OptionalText, Meta()] = None\n"
"""The line of the action's ``added`` field, the first of its kind in plan.py."""


def _copy_with_the_line(root: Path) -> Path:
    project = root / "project"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(PROJECT_ROOT / "generator", project / "generator", ignore=ignore)
    shutil.copytree(PROJECT_ROOT / "site_templates", project / "site_templates")
    shutil.copy(PROJECT_ROOT / "mkdocs.yml", project / "mkdocs.yml")
    model = project / "generator/content/model/plan.py"
    text = model.read_text(encoding="utf-8")
    assert text.count(BEFORE) == 2  # the action's, then the recommendation's
    model.write_text(text.replace(BEFORE, LINE + BEFORE, 1), encoding="utf-8")
    return project


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PROGRESS_SITE_TEMPLATES"}
    env["PYTHONPATH"] = os.pathsep.join((str(project), str(PROJECT_ROOT)))
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=project, env=env, check=False
    )


def test_one_line_in_the_model_adds_a_field_everywhere(tmp_path):
    project = _copy_with_the_line(tmp_path)
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    plan = content / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("      - id: 8.1\n", "      - id: 8.1\n        priority: High\n"))

    built = _run(project, "-m", "generator.cli", "build", "--content", str(content), "-q")
    assert built.returncode == 0, built.stderr
    version = project / "site/2015-01"
    shown = "<li><strong>Priority:</strong> High</li>"
    assert shown in (version / "recommendations/8/index.html").read_text(encoding="utf-8")
    assert shown in (version / "report/index.html").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((version / "data/actions.csv").read_text())))
    assert list(rows[0])[-2:] == ["page", "priority"]
    assert {row["action"]: row["priority"] for row in rows}["8.1"] == "High"
    assert "<td>priority</td>" in (version / "data/index.html").read_text(encoding="utf-8")

    schema = _run(project, "-m", "generator.cli", "schema", "--file", "plan.yaml")
    assert '"priority"' in schema.stdout

    table = tmp_path / "plan.csv"  # three known columns only with Priority: a header row
    table.write_text(
        "Area for Improvement (1): Do better\nRef,Task,Priority\n1.1,Do it,Urgent\n",
        encoding="utf-8",
    )
    into = tmp_path / "imported"
    imported = _run(
        project,
        *("-m", "generator.cli", "import", str(table), "--into", str(into)),
        *("--release", "2014-10"),
    )
    assert imported.returncode == 0, imported.stderr
    entries = yaml.safe_load((into / "plan.yaml").read_text(encoding="utf-8"))
    assert entries["recommendations"][0]["actions"][0]["priority"] == "Urgent"

    checks = _run(
        project,
        "-c",
        "from tests.integration.payloads import TEXT_KEYS;"
        "from generator.reference_content import content_reference;"
        "r = content_reference();"
        "print('priority' in TEXT_KEYS, '| `priority` | text |' in r,"
        "      '| `priority` | Priority | plain | `priority` | Priority |' in r)",
    )
    assert checks.stdout == "True True True\n", checks.stderr
