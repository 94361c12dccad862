"""Options and values shared by the command-line modules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from generator.cli.paths import LookedUpPath
from generator.site.engine import DEFAULT_ENGINE, ENGINES

CONTENT_OPTION = click.option(
    "--content",
    "content_dir",
    type=LookedUpPath(path_type=Path, file_okay=False),
    default="content",
    show_default=True,
    help="The content directory (site.yaml, plan.yaml, releases.yaml, ...).",
)

ENGINE_OPTION = click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="What builds the HTML from the generated Markdown: mkdocs (MkDocs and Material for "
    "MkDocs) or zensical (install it with pip install 'progress-site[zensical]').",
)

ANY_ID_OPTION = click.option(
    "--any-id",
    is_flag=True,
    help="Accept a new release id that breaks the pattern of the existing ids.",
)


def day_value(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A YYYY-MM-DD option's value as a date, within the accepted range."""
    if value is None:
        return None
    from generator.content.fields import parse_date

    when, reason = parse_date(value.strip())
    if reason:
        raise click.BadParameter(reason)
    return when
