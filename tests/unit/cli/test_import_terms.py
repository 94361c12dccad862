"""import: a three-level table names its recommendations by their column's header."""

from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.cli import cli


def _site(tmp_path: Path, table: str) -> dict:
    path = tmp_path / "plan.csv"
    path.write_text(table, encoding="utf-8")
    out = tmp_path / "content"
    result = CliRunner().invoke(
        cli, ["import", str(path), "--into", str(out), "--release-date", "2025-10-15"]
    )
    assert result.exit_code == 0, result.output
    return yaml.safe_load((out / "site.yaml").read_text(encoding="utf-8"))


def test_a_focus_area_column_names_the_recommendations(tmp_path):
    site = _site(
        tmp_path,
        "Pillar,Focus Area,Action ID,Action,Launch\n"
        "Pillar 1: Teachers,Focus Area 1.1: Recruit,1.1.1,Fund grants,Sep 2025\n",
    )
    assert site["grouping"] == {"singular": "Pillar", "plural": "Pillars"}
    assert site["terms"] == {"recommendation": {"singular": "Focus area", "plural": "Focus areas"}}


def test_a_table_without_groups_keeps_the_usual_word(tmp_path):
    site = _site(tmp_path, "Area,Action,Description\n1,1.1,Write it\n")
    assert "terms" not in site


def test_a_recommendation_column_keeps_the_usual_word(tmp_path):
    site = _site(tmp_path, "Pillar,Recommendation,Ref,Description\nP1,R1,R1.1,Do a\n")
    assert "terms" not in site


def test_one_area_of_one_action_is_counted_in_the_singular(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Area,Action,Description\n1,1.1,Write it\n", encoding="utf-8")
    out = tmp_path / "content"
    result = CliRunner().invoke(
        cli, ["import", str(path), "--into", str(out), "--release-date", "2025-10-15", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Imported 1 action in 1 area into {out}\n"
