"""The ``progress-site`` command line. Errors become messages and exit 1 in one place,
``ProgressSiteCli``."""

from __future__ import annotations

import os
import shlex
import signal
import sys
import traceback
from datetime import date
from pathlib import Path
from typing import Any

import click

from generator import __version__
from generator.cli.deploy import deploy
from generator.cli.new import new
from generator.cli.options import ANY_ID_OPTION, CONTENT_OPTION, ENGINE_OPTION, day_value
from generator.cli.progress import QUIET_OPTION, Progress
from generator.cli.tables import export_tracker, import_table, import_tracker
from generator.cli.verify import verify
from generator.errors import ContentError, ProgressSiteError
from generator.facts.terms import plan_terms
from generator.plurals import counted


class ProgressSiteCli(click.Group):
    """The one place where errors become messages and exit codes.

    Content problems are listed one per line, other errors the library raises are printed as
    ``Error: ...``; anything else is a fault in progress-site itself, reported in one line
    with a pointer to ``--debug``. Every one exits with status 1. ``--debug`` (or
    PROGRESS_SITE_DEBUG=1) prints the traceback first.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # the reader went away (| head): stop quietly, as other command-line tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(1)
        except ContentError as exc:
            self._fail(ctx, exc.report())
        except ProgressSiteError as exc:
            self._fail(ctx, f"Error: {exc}")
        except Exception as exc:  # noqa: BLE001 - a fault of ours: one line, never a traceback
            self._fail(ctx, f"Error: unexpected failure: {exc} (run with --debug for the details)")

    @staticmethod
    def _fail(ctx: click.Context, message: str) -> None:
        if ctx.params.get("debug"):
            traceback.print_exc()
        click.echo(message, err=True)
        ctx.exit(1)


@click.group(cls=ProgressSiteCli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="progress-site")
@click.option(
    "--debug",
    is_flag=True,
    envvar="PROGRESS_SITE_DEBUG",
    help="Show the full traceback when a command fails.",
)
def cli(debug: bool) -> None:
    """Publish progress on a public improvement plan as a versioned website.

    Content lives in plain YAML and CSV files (see the documentation). Each release (progress
    report) becomes its own version of the site, kept online for good.
    """


@cli.command()
@CONTENT_OPTION
@QUIET_OPTION
def validate(content_dir: Path, quiet: bool) -> None:
    """Check the content and report every problem at once.

    Exits 0 when the content is valid and 1 otherwise, naming the file, line and item of
    each problem. Progress is shown on stderr (a bar on a terminal, a line per published
    release otherwise) unless --quiet.

    \b
    Example:
        progress-site validate --content content
    """
    with Progress(quiet) as progress:
        progress.note(f"Checking the content in {content_dir}")  # before the slow imports
        from generator import TEMPLATES_DIR
        from generator.facts.glossary import unexplained_acronyms
        from generator.facts.leads import spelling_warnings
        from generator.facts.lock import load_locked, unlocked_corrections

        content = load_locked(content_dir, step=progress.step)
    for release_id in unlocked_corrections(content, content_dir):
        click.echo(
            f"Warning: release {release_id} has a new erratum; run 'progress-site publish "
            f"{release_id}' to lock the corrected release",
            err=True,
        )
    for acronym, files in unexplained_acronyms(content, TEMPLATES_DIR).items():
        click.echo(
            f"Warning: {acronym} (in {', '.join(files)}) has no entry in glossary.yaml, so "
            "readers are not told what it means",
            err=True,
        )
    for warning in spelling_warnings(content, str(content_dir / "plan.yaml")):
        click.echo(f"Warning: {warning}", err=True)
    actions = sum(len(r.actions) for r in content.recommendations)
    terms = plan_terms(content.site)
    kpis, releases = len(content.kpis), len(content.releases)
    click.echo(
        f"{content_dir}: valid ({terms.recommendation.count(len(content.recommendations))}, "
        f"{terms.action.count(actions)}, {counted(kpis, 'KPI')}, "
        f"{counted(releases, 'release')})"
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
@click.option(
    "--drafts",
    is_flag=True,
    help="Include draft releases, each marked 'Draft – not published' (for previews).",
)
@ENGINE_OPTION
@QUIET_OPTION
def build(
    content_dir: Path, out_dir: Path, jobs: int | None, drafts: bool, engine: str, quiet: bool
) -> None:
    """Build every release into OUT/<release-id>/, with versions.json and OUT/latest/.

    The site is built in a temporary directory and swapped in only when every release has
    built in strict mode: a failed build leaves the existing output untouched. Each draft
    release left out is named on stderr, with the command that publishes it. Progress is
    shown on stderr (a bar on a terminal, a line per release otherwise) unless --quiet.

    \b
    Example:
        progress-site build --content content --out site
    """
    with Progress(quiet) as progress:
        progress.note(f"Checking the content in {content_dir}")  # before the slow imports
        from generator.site.build import build_site

        result = build_site(
            content_dir,
            out_dir,
            jobs=jobs,
            log=progress.note,
            drafts=drafts,
            step=progress.step,
            engine=engine,
        )
    pages = sum(r.pages for r in result.releases)
    built = len(result.releases)
    unchanged = f", {len(result.reused)} unchanged" if result.reused else ""
    # the command that publishes it, with --content where it is not the default
    where = "" if content_dir == Path("content") else f" --content {shlex.quote(str(content_dir))}"
    for draft in result.drafts_left_out:
        click.echo(
            f"Left out draft release {draft} (not published): publish it with "
            f"'progress-site publish {draft}{where}', or build with --drafts to preview it.",
            err=True,
        )
    click.echo(
        f"Built {counted(built, 'release')} ({pages} pages){unchanged} into "
        f"{result.out_dir} in {result.seconds:.1f} s"
    )


@cli.command("new-release")
@click.argument("release_id", metavar="ID")
@click.option(
    "--date",
    "when",
    default=None,
    callback=day_value,
    help="Progress as at (YYYY-MM-DD; default: the last day of the month a YYYY-MM id names).",
)
@click.option(
    "--title", default=None, help="Title shown on the site (default: 'Month YYYY progress report')."
)
@ANY_ID_OPTION
@CONTENT_OPTION
def new_release(
    release_id: str, when: date | None, title: str | None, any_id: bool, content_dir: Path
) -> None:
    """Start release ID as a draft, carrying forward the latest release's progress.

    Adds the release to releases.yaml marked 'draft: true' and writes progress/ID.yaml with
    every action's status and narrative, and every recommendation's progress, from the
    latest release, each marked 'carried_forward: true' until it is edited. Preview with
    'progress-site serve'; publish with 'progress-site publish ID'; remove with
    'progress-site discard ID'.

    ID follows the pattern of the existing release ids (such as YYYY-MM) unless --any-id
    is given. Without --date, an ID that names a month (YYYY-MM) is dated on that month's
    last day; any other ID needs --date.

    \b
    Example:
        progress-site new-release 2017-05 --title "May 2017 progress update"
    """
    from generator.workflow.drafts import new_release as start

    path = start(content_dir, release_id, when, title, any_id)
    click.echo(f"Created draft release {release_id}. Edit its progress in:")
    click.echo(str(path))


@cli.command()
@click.argument("release_id", metavar="ID")
@click.option(
    "--date", "when", default=None, callback=day_value, help="Publication date (default: today)."
)
@CONTENT_OPTION
def publish(release_id: str, when: date | None, content_dir: Path) -> None:
    """Publish draft release ID and lock it against silent changes.

    Marks the release published in releases.yaml and records its fingerprint in
    releases.lock. After that, validate and build refuse any change to what the release
    shows, unless the change is recorded with 'progress-site erratum'. (An erratum typed
    into releases.yaml by hand is locked by running publish again.)

    \b
    Example:
        progress-site publish 2017-05
    """
    from generator.workflow.releases import publish as run

    click.echo(run(content_dir, release_id, when or date.today()))


@cli.command()
@click.argument("release_id", metavar="ID")
@CONTENT_OPTION
def discard(release_id: str, content_dir: Path) -> None:
    """Remove draft release ID: its entry in releases.yaml and its progress file.

    Both are removed together or not at all; the rest of releases.yaml, comments and
    layout included, is kept as it is. A published release cannot be discarded: correct it
    with 'progress-site erratum' instead.

    \b
    Example:
        progress-site discard 2017-05
    """
    from generator.workflow.discard import discard as run

    click.echo(run(content_dir, release_id))


@cli.command()
@click.argument("release_id", metavar="ID")
@click.option("--reason", required=True, help="Why the published release was corrected.")
@click.option("--corrected", required=True, help="What was corrected, in a few words.")
@click.option(
    "--date", "when", default=None, callback=day_value, help="The erratum's date (default: today)."
)
@CONTENT_OPTION
def erratum(
    release_id: str, reason: str, corrected: str, when: date | None, content_dir: Path
) -> None:
    """Record an erratum for published release ID, after correcting it, and lock it again.

    First correct the release's content (the validate and build commands then name what
    differs from what was published). This adds the erratum (date, reason, corrected) under
    the release in releases.yaml and records the corrected release, with every erratum, in
    releases.lock, both together or not at all. Refused when nothing differs from what was
    published. A locked erratum cannot be removed or reworded afterwards.

    \b
    Example:
        progress-site erratum 2017-04 --reason "The April figure was misread" \\
            --corrected "Open cases in April"
    """
    from generator.workflow.errata import record_erratum

    click.echo(record_erratum(content_dir, release_id, reason, corrected, when or date.today()))


@cli.command()
@click.option(
    "--file",
    "name",
    type=click.Choice(
        ["site.yaml", "plan.yaml", "kpis.yaml", "releases.yaml", "progress", "glossary.yaml"]
    ),
    default=None,
    help="Print the schema of one content file (progress: the files in progress/).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Write <file>.schema.json for every content file into this directory instead.",
)
def schema(name: str | None, out_dir: Path | None) -> None:
    """Print JSON Schemas for the content files, generated from the model.

    Editors that use the YAML language server (VS Code's YAML extension, among others) give
    completion and checking as you type once the schemas are associated with the files: see
    the documentation's Editor support guide.

    \b
    Examples:
        progress-site schema --file plan.yaml
        progress-site schema --out .schemas
    """
    from generator.content.schema import schema_json, write_schemas

    if out_dir is not None:
        for path in write_schemas(out_dir):
            click.echo(str(path))
        return
    click.echo(schema_json(name), nl=False)


@cli.command()
@click.option("--quick", is_flag=True, help="A reduced scale that runs in about 3 minutes.")
@click.option("--json", "as_json", is_flag=True, help="Also print the figures as a JSON line.")
def bench(quick: bool, as_json: bool) -> None:
    """Measure build speed and page size on synthetic content, as ratios from one run.

    Prints a table of the figures with their goals, and the largest page of each type
    (gzip-compressed and raw), its navigation's share and its HTML elements; with --json, a
    last line of JSON with the keys incremental_vs_single, incremental_vs_mike,
    parallel_vs_serial, per_page_vs_markdown, max_page_gzip_kb, max_page_dom,
    scale_2x_ratio, generator_share, incremental_48_vs_single, peak_rss_mb,
    hostile_text_ratio, preview_refresh_vs_single, zensical_vs_mkdocs (a cold build of one
    version, Zensical / MkDocs) and zensical_vs_mkdocs_refresh (a preview refresh; both null
    without Zensical).

    \b
    Example:
        progress-site bench --quick --json
    """
    import json

    from generator.dev.bench import run, table

    report = run(quick, log=lambda message: click.echo(message, err=True))
    click.echo(table(report))
    if as_json:
        figures = {
            k: (round(v, 3) if v is not None else None) for k, v in report["figures"].items()
        }
        click.echo(json.dumps(figures))


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="Plain Markdown for people (no HTML; changed words ~~struck through~~ and **in bold**), "
    "JSON for scripts (keys in the documentation).",
)
@CONTENT_OPTION
def diff(old: str, new: str, output_format: str, content_dir: Path) -> None:
    """Show what changed between releases OLD and NEW: statuses, overdue, KPIs, narratives.

    Any two releases can be compared, in either order. Exits 0 when the comparison is made,
    1 for invalid content or an unknown release id.

    \b
    Examples:
        progress-site diff 2016-08 2017-04
        progress-site diff 2016-08 2017-04 --format json > changes.json
    """
    from generator.facts.lock import load_locked
    from generator.render.comparison import diff_releases, format_diff

    content = load_locked(content_dir)
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
@click.option(
    "--drafts/--no-drafts",
    default=True,
    show_default=True,
    help="Show draft releases in the preview, marked 'Draft – not published'.",
)
@ENGINE_OPTION
def serve(content_dir: Path, host: str, port: int, drafts: bool, engine: str) -> None:
    """Preview the site locally, rebuilding whenever content or templates change.

    Errors in the content are printed and the last good preview stays up until they are
    fixed.

    \b
    Example:
        progress-site serve --port 8000
    """
    from generator.site.engine import require
    from generator.site.serve import serve as run

    require(engine)  # before anything is built or served
    try:
        run(content_dir, host, port, click.echo, drafts=drafts, engine=engine)
    except OSError as exc:
        raise ProgressSiteError(f"cannot serve on {host}:{port} ({exc.strerror})") from exc


for command in (import_table, export_tracker, import_tracker, verify, new, deploy):
    cli.add_command(command)


def main() -> None:
    # over a file-size limit (ulimit -f), a write fails with a message instead of killing us
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    cli(prog_name="progress-site")
