"""``progress-site new``: start a plan from a starter content tree."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from datetime import date
from pathlib import Path

import click

from generator.cli.paths import LookedUpPath


def _content_option(target: Path) -> str:
    """``--content DIR``, or nothing when DIR is the default ./content."""
    if target.absolute() == (Path.cwd() / "content").absolute():
        return ""
    return f" --content {shlex.quote(str(target))}"


def _program() -> str:
    """How to run progress-site again: as it was run (``.venv/bin/progress-site``) when
    that is not what ``progress-site`` finds on the PATH."""
    ran = sys.argv[0]
    if Path(ran).name == "progress-site" and os.sep in ran:
        found = shutil.which("progress-site")
        if found is None or Path(found).resolve() != Path(ran).resolve():
            return shlex.quote(ran)
    return "progress-site"


@click.command("new")
@click.argument("directory", type=LookedUpPath(path_type=Path, file_okay=False))
def new(directory: Path) -> None:
    """Write a starter content tree into DIRECTORY, which must be new or empty.

    The starter has site.yaml with every field explained, a plan with two groups and three
    recommendations, one KPI with values and a draft release for this month. Edit it into
    your own plan, preview it, publish the release and build the site.

    \b
    Example:
        progress-site new content
    """
    from generator.workflow.starter import release_id, write_starter

    today = date.today()
    write_starter(directory, today)
    option = _content_option(directory)
    program = _program()
    steps = [
        (f"{program} serve{option}", "preview it while you edit"),
        (f"{program} publish {release_id(today)}{option}", "publish the draft release"),
        (f"{program} build{option}", "build the site into site/"),
    ]
    width = max(len(command) for command, _ in steps)
    click.echo(f"Created a starter plan in {directory}. Next:")
    for command, why in steps:
        click.echo(f"  {command.ljust(width)}  # {why}")
