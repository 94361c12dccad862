"""The README's command reference is generated from --help and must not go stale."""

from __future__ import annotations

import re
from pathlib import Path

from cogapp import Cog

from generator.cli import cli
from generator.reference import reference, summary

README = Path(__file__).parents[2] / "README.md"
BLOCK = re.compile(r"\]\]\] -->\n(.*?)<!-- \[\[\[end\]\]\] -->", re.S)


def test_the_readme_command_reference_matches_help():
    table, full = BLOCK.findall(README.read_text(encoding="utf-8"))
    assert table == summary() + "\n", "README.md is stale: run 'cog -r README.md'"
    assert full == reference() + "\n", "README.md is stale: run 'cog -r README.md'"
    assert Cog().main(["cog", "--check", str(README)]) == 0


def test_every_command_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"### progress-site {name}\n" in text
        assert f"| `progress-site {name} " in text
