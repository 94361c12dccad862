"""The README's command reference is generated from --help and must not go stale."""

from __future__ import annotations

from pathlib import Path

from cogapp import Cog

from generator.cli import cli

README = Path(__file__).parents[2] / "README.md"


def test_the_readme_command_reference_matches_help():
    status = Cog().main(["cog", "--check", str(README)])
    assert status == 0, "README.md is stale: run 'cog -r README.md'"


def test_every_command_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"### progress-site {name}\n" in text
        assert f"| `progress-site {name} " in text
