"""The generated reference pages must not go stale: the command line from --help, and the
content format from the model."""

from __future__ import annotations

import re
from pathlib import Path

from cogapp import Cog

from generator.cli import cli
from generator.reference import reference, summary
from generator.reference_content import content_reference

DOCS = Path(__file__).parents[3] / "docs" / "reference"
CLI_PAGE = DOCS / "cli.md"
CONTENT_PAGE = DOCS / "content.md"
BLOCK = re.compile(r"\]\]\] -->\n(.*?)<!-- \[\[\[end\]\]\] -->", re.S)


def test_the_command_reference_matches_help():
    table, full = BLOCK.findall(CLI_PAGE.read_text(encoding="utf-8"))
    stale = "docs/reference/cli.md is stale: run 'cog -r docs/reference/cli.md'"
    assert table == summary() + "\n", stale
    assert full == reference() + "\n", stale
    assert Cog().main(["cog", "--check", str(CLI_PAGE)]) == 0


def test_every_command_is_in_the_reference():
    text = CLI_PAGE.read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"### progress-site {name}\n" in text
        assert f"| `progress-site {name} " in text


def test_the_content_reference_matches_the_model():
    (block,) = BLOCK.findall(CONTENT_PAGE.read_text(encoding="utf-8"))
    stale = "docs/reference/content.md is stale: run 'cog -r docs/reference/content.md'"
    assert block == content_reference() + "\n", stale
    assert Cog().main(["cog", "--check", str(CONTENT_PAGE)]) == 0


def test_the_content_reference_lists_every_key_of_every_file():
    text = content_reference()
    for title in ("site.yaml", "plan.yaml", "kpis.yaml", "releases.yaml", "glossary.yaml"):
        assert f"### `{title}`\n" in text
    assert "### `progress/<release>.yaml`\n" in text
    for key in ("title", "statuses", "recommendations", "polarity", "as_at", "errata"):
        assert f"| `{key}` |" in text
    assert "| `meaning` | one of `not-started`, `in-progress`, `at-risk`, `off-track`," in text
    assert "| `statuses` | list of [StatusDef](#site-statusdef) | yes |" in text
    assert "#### StatusDef {#site-statusdef}" in text


def test_the_readme_stays_short_and_opens_with_the_two_set_up_commands():
    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    assert readme.startswith(
        "# progress-site\n\n```sh\n"
        "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/progress-site build\n"
        "```\n\n```sh\n"
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest\n```\n"
    )
