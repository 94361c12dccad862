"""``progress-site new``: a starter content tree that explains itself and is valid content."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import cli
from generator.content.schema import schemas
from generator.content.validate import load_content
from generator.workflow.commented import EXAMPLES, commented_yaml
from generator.workflow.starter import SITE, release_id, starter_files, write_starter

TODAY = date(2026, 12, 6)


def _fields(schema: dict[str, Any]) -> set[str]:
    """Every field name of site.yaml, nested ones included."""
    defs = schema["$defs"]
    return {name for node in [schema, *defs.values()] for name in node.get("properties", {})}


def _without_examples(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {EXAMPLES}:
        return None  # a key whose fields are all commented out reads as empty
    if isinstance(value, dict):
        return {k: _without_examples(v) for k, v in value.items() if k != EXAMPLES}
    if isinstance(value, list):
        return [_without_examples(v) for v in value]
    return value


def test_every_field_of_site_yaml_is_explained_above_itself():
    text = starter_files(TODAY)["site.yaml"]
    lines = text.splitlines()
    for name in _fields(schemas()["site.yaml"]):
        places = [
            i
            for i, line in enumerate(lines)
            if line.lstrip(" -#").startswith(f"{name}:")
            and not line.lstrip().startswith("# ")
            or line.lstrip().startswith(f"# {name}: ")
        ]
        assert places, name
        above = lines[places[0] - 1].lstrip()
        assert above.startswith("# ") and not above.startswith(f"# {name}: "), name


def test_site_yaml_reads_as_the_starter_values():
    text = starter_files(TODAY)["site.yaml"]
    assert yaml.safe_load(text) == _without_examples(SITE)
    assert "  # When the inspection report was published. Written YYYY-MM-DD. Optional.\n" in text
    assert "  # published: 2026-01-30\n" in text
    assert "# url: https://www.example.gov.uk/improvement-plan/\n" in text
    assert "# in-progress, at-risk, off-track, complete, not-reported.\n" in text


def test_a_field_the_model_does_not_explain_is_refused():
    schema = {"properties": {"title": {"type": "string"}}}
    with pytest.raises(ValueError, match="the model does not say what 'title' means"):
        commented_yaml(schema, {"title": "x"}, "heading")


def test_the_starter_is_valid_content_with_its_promised_shape(tmp_path):
    write_starter(tmp_path / "plan", TODAY)
    content = load_content(tmp_path / "plan")
    assert len(content.groups) == 2
    assert len(content.recommendations) == 3
    [kpi] = content.kpis
    assert len(kpi.values) == 3
    [release] = content.releases
    assert (release.id, release.draft, release.date) == ("2026-12", True, TODAY)
    assert release_id(TODAY) == "2026-12"


def test_new_prints_the_next_three_commands(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new", "content"])
    assert result.exit_code == 0, result.output
    month = f"{date.today():%Y-%m}"
    assert result.stdout == (
        "Created a starter plan in content. Next:\n"
        "  progress-site serve            # preview it while you edit\n"
        f"  progress-site publish {month}  # publish the draft release\n"
        "  progress-site build            # build the site into site/\n"
    )
    other = CliRunner().invoke(cli, ["new", "my plan"]).stdout.splitlines()
    assert other[1].split("  # ")[0].rstrip() == "  progress-site serve --content 'my plan'"


def test_new_refuses_a_directory_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["new", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path} is not empty: choose a new or empty directory\n",
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_new_fills_an_empty_directory_and_leaves_nothing_beside_it(tmp_path):
    (tmp_path / "plan").mkdir()
    result = CliRunner().invoke(cli, ["new", str(tmp_path / "plan")])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["plan"]
    assert (tmp_path / "plan" / "site.yaml").is_file()


def test_a_full_disk_leaves_nothing_written(tmp_path, monkeypatch):
    from pathlib import Path

    def full(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    result = CliRunner().invoke(cli, ["new", str(tmp_path / "plan")])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: cannot write {tmp_path / 'plan'}: No space left on device; nothing was written\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_new_in_the_current_empty_directory_keeps_that_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inode = tmp_path.stat().st_ino
    result = CliRunner().invoke(cli, ["new", "."])
    assert result.exit_code == 0, result.output
    assert tmp_path.stat().st_ino == inode  # the same directory, not one renamed over it
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kpi-values.csv",
        "kpis.yaml",
        "plan.yaml",
        "progress",
        "releases.yaml",
        "site.yaml",
    ]
    assert [p.name for p in tmp_path.parent.iterdir() if ".new-" in p.name] == []
    assert result.stdout.splitlines()[1].startswith("  progress-site serve --content .  ")


def test_the_next_commands_run_progress_site_as_it_was_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    monkeypatch.setattr("sys.argv", [".venv/bin/progress-site", "new", "content"])
    result = CliRunner().invoke(cli, ["new", "content"])
    assert result.stdout.splitlines()[1] == (
        "  .venv/bin/progress-site serve            # preview it while you edit"
    )


def test_a_directory_under_a_file_or_a_link_to_nothing_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    runner = CliRunner()
    under = runner.invoke(cli, ["new", str(tmp_path / "notes.txt" / "plan")])
    assert (under.exit_code, under.stderr) == (
        1,
        f"Error: {tmp_path / 'notes.txt'} is not a directory: choose a new directory\n",
    )
    dangling = runner.invoke(cli, ["new", str(tmp_path / "gone")])
    assert (dangling.exit_code, dangling.stderr) == (
        1,
        f"Error: {tmp_path / 'gone'} is a link to nothing: choose a new directory\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gone", "notes.txt"]
