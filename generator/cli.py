"""The ``progress-site`` command line. Library errors become clear messages and exit 1 here."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import ContentError, ProgressSiteError

CONTENT_OPTION = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="content",
    show_default=True,
    help="The content directory (site.yaml, plan.yaml, releases.yaml, ...).",
)


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn content and build errors into messages on stderr and exit status 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ContentError as exc:
            _fail(exc.report())
        except ProgressSiteError as exc:
            _fail(f"Error: {exc}")

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="progress-site")
def cli() -> None:
    """Publish progress on a public improvement plan as a versioned website.

    Content lives in plain YAML and CSV files (see the README). Each release (progress
    report) becomes its own version of the site, kept online for good.
    """


@cli.command()
@CONTENT_OPTION
@reports_errors
def validate(content_dir: Path) -> None:
    """Check the content and report every problem at once.

    Exits 0 when the content is valid and 1 otherwise, naming the file, line and item of
    each problem.

    \b
    Example:
        progress-site validate --content content
    """
    from .glossary import missing_terms
    from .validate import load_content

    content = load_content(content_dir)
    for acronym, files in missing_terms(content).items():
        click.echo(
            f"Warning: {acronym} (in {', '.join(files)}) has no entry in glossary.yaml, so "
            "readers are not told what it means",
            err=True,
        )
    actions = sum(len(r.actions) for r in content.recommendations)
    click.echo(
        f"{content_dir}: valid ({len(content.recommendations)} recommendations, {actions} actions, "
        f"{len(content.kpis)} KPIs, {len(content.releases)} releases)"
    )


@cli.command()
@CONTENT_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="site",
    show_default=True,
    help="Where to write the built site.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Releases built at once (default: the number of CPU cores).",
)
@reports_errors
def build(content_dir: Path, out_dir: Path, jobs: int | None) -> None:
    """Build every release into OUT/<release-id>/, with versions.json and OUT/latest/.

    The site is built in a temporary directory and swapped in only when every release has
    built in strict mode: a failed build leaves the existing output untouched.

    \b
    Example:
        progress-site build --content content --out site
    """
    from .build import build_site

    result = build_site(content_dir, out_dir, jobs=jobs, log=click.echo)
    pages = sum(r.pages for r in result.releases)
    click.echo(
        f"Built {len(result.releases)} releases ({pages} pages) into {result.out_dir} "
        f"in {result.seconds:.1f} s"
    )


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="Markdown for people (CriticMarkup word diffs), JSON for scripts (keys in the README).",
)
@CONTENT_OPTION
@reports_errors
def diff(old: str, new: str, output_format: str, content_dir: Path) -> None:
    """Show what changed between releases OLD and NEW: statuses, overdue, KPIs, narratives.

    Any two releases can be compared, in either order. Exits 0 when the comparison is made,
    1 for invalid content or an unknown release id.

    \b
    Examples:
        progress-site diff 2016-08 2017-04
        progress-site diff 2016-08 2017-04 --format json > changes.json
    """
    from .report import diff_releases, format_diff
    from .validate import load_content

    content = load_content(content_dir)
    click.echo(format_diff(diff_releases(content, old, new), output_format), nl=False)


@cli.command()
@CONTENT_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0 picks a free one).",
)
def serve(content_dir: Path, host: str, port: int) -> None:
    """Preview the site locally, rebuilding whenever content or templates change.

    Errors in the content are printed and the last good preview stays up until they are
    fixed.

    \b
    Example:
        progress-site serve --port 8000
    """
    from .serve import serve as run

    try:
        run(content_dir, host, port, click.echo)
    except OSError as exc:
        _fail(f"Error: cannot serve on {host}:{port} ({exc.strerror})")


def main() -> None:
    try:
        cli(prog_name="progress-site")
    except Exception as exc:  # noqa: BLE001 - last resort: never show a traceback by default
        if os.environ.get("PROGRESS_SITE_DEBUG"):
            traceback.print_exc()
        _fail(f"Error: unexpected failure: {exc} (set PROGRESS_SITE_DEBUG=1 for details)")


if __name__ == "__main__":
    main()
