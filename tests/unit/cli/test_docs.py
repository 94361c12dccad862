"""Nothing a user can type goes undocumented: every command, option and argument of the
command line has help, and appears in the command reference."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from generator.cli import cli

CLI_PAGE = Path(__file__).parents[3] / "docs" / "reference" / "cli.md"
COMMANDS = sorted(cli.commands.items())


def _section(name: str) -> str:
    text = CLI_PAGE.read_text(encoding="utf-8")
    start = text.index(f"### progress-site {name}\n")
    end = text.find("\n### ", start + 1)
    return text[start : end if end != -1 else None]


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_option_has_help_and_is_in_the_reference(name, command):
    section = _section(name)
    assert command.help, f"progress-site {name} has no help"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"progress-site {name} {param.opts[0]} has no help"
            for flag in param.opts + param.secondary_opts:
                assert flag in section, f"{flag} of progress-site {name} is not in {CLI_PAGE.name}"
        elif isinstance(param, click.Argument):
            assert param.human_readable_name in section, (
                f"{param.human_readable_name} of progress-site {name} is not in {CLI_PAGE.name}"
            )


def _undocumented(node: dict, where: str) -> list[str]:
    return [
        f"{where}: {key}"
        for key, field in node.get("properties", {}).items()
        if not field.get("description", "").strip()
    ]


def test_every_key_of_every_content_file_has_a_meaning():
    from generator.content.schema import schemas

    missing = []
    for file, schema in schemas().items():
        missing += _undocumented(schema, file)
        for name, node in schema.get("$defs", {}).items():
            missing += _undocumented(node, f"{file} {name}")
    assert missing == [], "give these model fields a docstring: " + ", ".join(missing)
