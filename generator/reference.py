"""The command reference in docs/reference/cli.md, generated from the commands' own help (run
by cog).

``cog -r docs/reference/cli.md`` rewrites it; a test fails when it is stale.
"""

from __future__ import annotations

import click

from generator.cli import cli

WIDTH = 88


def _top() -> click.Context:
    """The context a real run has (its help option names included), at a fixed width."""
    return click.Context(
        cli,
        info_name="progress-site",
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        **cli.context_settings,
    )


def _context(name: str) -> click.Context:
    command = cli.commands[name]
    return click.Context(
        command,
        parent=_top(),
        info_name=name,
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        **command.context_settings,
    )


def summary() -> str:
    """A Markdown table: each command's usage and the first line of its help."""
    rows = ["| command | what it does |", "| --- | --- |"]
    for name in sorted(cli.commands):
        command = cli.commands[name]
        usage = " ".join(command.collect_usage_pieces(_context(name)))
        usage = f"progress-site {name} {usage}".replace("|", "\\|")
        rows.append(f"| `{usage}` | {command.get_short_help_str(limit=200)} |")
    return "\n".join(rows)


def reference() -> str:
    """Every command's full ``--help``, as Markdown."""
    parts = [f"### progress-site\n\n```text\n{cli.get_help(_top())}\n```"]
    for name in sorted(cli.commands):
        text = cli.commands[name].get_help(_context(name))
        parts.append(f"### progress-site {name}\n\n```text\n{text}\n```")
    return "\n\n".join(parts)
