"""The ``progress-site`` command line. Errors become messages and exit 1 in one place,
``ProgressSiteCli``."""

from __future__ import annotations

import os
import signal
import sys
import traceback
from datetime import date
from pathlib import Path
from typing import Any

import click

from generator import __version__
from generator.cli_paths import LookedUpPath
from generator.errors import ContentError, ProgressSiteError

CONTENT_OPTION = click.option(
    "--content",
    "content_dir",
    type=LookedUpPath(path_type=Path, file_okay=False),
    default="content",
    show_default=True,
    help="The content directory (site.yaml, plan.yaml, releases.yaml, ...).",
)


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

    Content lives in plain YAML and CSV files (see the README). Each release (progress
    report) becomes its own version of the site, kept online for good.
    """


@cli.command()
@CONTENT_OPTION
def validate(content_dir: Path) -> None:
    """Check the content and report every problem at once.

    Exits 0 when the content is valid and 1 otherwise, naming the file, line and item of
    each problem.

    \b
    Example:
        progress-site validate --content content
    """
    from generator.content.glossary import missing_terms
    from generator.facts.lock import load_locked, unlocked_corrections

    content = load_locked(content_dir)
    for release_id in unlocked_corrections(content, content_dir):
        click.echo(
            f"Warning: release {release_id} has a new erratum; run 'progress-site publish "
            f"{release_id}' to lock the corrected release",
            err=True,
        )
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
@click.option(
    "--drafts",
    is_flag=True,
    help="Include draft releases, each marked 'Draft – not published' (for previews).",
)
def build(content_dir: Path, out_dir: Path, jobs: int | None, drafts: bool) -> None:
    """Build every release into OUT/<release-id>/, with versions.json and OUT/latest/.

    The site is built in a temporary directory and swapped in only when every release has
    built in strict mode: a failed build leaves the existing output untouched.

    \b
    Example:
        progress-site build --content content --out site
    """
    from generator.site.build import build_site

    interactive = sys.stdout.isatty() and not os.environ.get("CI")
    log = click.echo if interactive else (lambda message: None)
    result = build_site(content_dir, out_dir, jobs=jobs, log=log, drafts=drafts)
    pages = sum(r.pages for r in result.releases)
    built = len(result.releases)
    unchanged = f", {len(result.reused)} unchanged" if result.reused else ""
    click.echo(
        f"Built {built} release{'s' if built != 1 else ''} ({pages} pages){unchanged} into "
        f"{result.out_dir} in {result.seconds:.1f} s"
    )


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    from generator.content.fields import parse_date

    when, reason = parse_date(value.strip())
    if reason:
        raise click.BadParameter(reason)
    return when


@cli.command("new-release")
@click.argument("release_id", metavar="ID")
@click.option("--date", "when", required=True, callback=_date, help="Progress as at (YYYY-MM-DD).")
@click.option(
    "--title", default=None, help="Title shown on the site (default: 'Month YYYY progress report')."
)
@CONTENT_OPTION
def new_release(release_id: str, when: date, title: str | None, content_dir: Path) -> None:
    """Start release ID as a draft, carrying forward the latest release's progress.

    Adds the release to releases.yaml marked 'draft: true' and writes progress/ID.yaml with
    every action's status and narrative from the latest release, each marked
    'carried_forward: true' until it is edited. Preview with 'progress-site serve'; publish
    with 'progress-site publish ID'.

    \b
    Example:
        progress-site new-release 2017-05 --date 2017-05-31 --title "May 2017 progress update"
    """
    from generator.workflow.drafts import new_release as start

    path = start(content_dir, release_id, when, title)
    click.echo(f"Created draft release {release_id}. Edit its progress in:")
    click.echo(str(path))


@cli.command()
@click.argument("release_id", metavar="ID")
@click.option(
    "--date", "when", default=None, callback=_date, help="Publication date (default: today)."
)
@CONTENT_OPTION
def publish(release_id: str, when: date | None, content_dir: Path) -> None:
    """Publish draft release ID and lock it against silent changes.

    Marks the release published in releases.yaml and records its fingerprint in
    releases.lock. After that, validate and build refuse any change to what the release
    shows, unless the change is recorded as an erratum under the release (date, reason,
    corrected); run publish again to lock the corrected release.

    \b
    Example:
        progress-site publish 2017-05
    """
    from generator.workflow.releases import publish as run

    click.echo(run(content_dir, release_id, when or date.today()))


@cli.command("import")
@click.argument("table", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--into",
    "into",
    required=True,
    type=LookedUpPath(path_type=Path, file_okay=False),
    help="A new content directory to write (it must not exist or be empty).",
)
@click.option(
    "--mapping",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="YAML: columns (header -> field), ignore, group_pattern, status_words, statuses.",
)
@click.option("--skip-bad-rows", is_flag=True, help="Import the good rows and report the rest.")
@click.option(
    "--plan-date", callback=_date, help="The plan's date, for timescales like '3 months'."
)
@click.option("--title", default="Improvement plan", show_default=True, help="Site title.")
@click.option("--organisation", default="", help="The council's name.")
@click.option("--release", "release_id", default=None, help="Release id (default: YYYY-MM).")
@click.option("--release-title", default=None, help="Release title (default: Month YYYY).")
@click.option(
    "--infer-status",
    is_flag=True,
    help="Take each action's status from the leading words of its progress text "
    "('Completed.', 'On track.', 'In place.', 'Planned.').",
)
def import_table(
    table: Path,
    into: Path,
    mapping: Path | None,
    skip_bad_rows: bool,
    plan_date: date | None,
    title: str,
    organisation: str,
    release_id: str | None,
    release_title: str | None,
    infer_status: bool,
) -> None:
    """Import an action-plan table (TABLE.csv or TABLE.xlsx) as new content.

    Reads area headings ("Area for Improvement (1): ..."), header rows and action rows;
    matches columns such as Action, Description, Strategic Lead, Operational Lead,
    Timescale (By When), Performance/Outcome and Progress to date by name. Writes
    site.yaml, plan.yaml, releases.yaml and progress/<release>.yaml. Nothing is written if
    any row is rejected, unless --skip-bad-rows is given.

    \b
    Example:
        progress-site import plan.xlsx --into content-new --plan-date 2014-06-30 --infer-status
    """
    from generator.workflow.importer import Options, import_plan, read_mapping

    settings = read_mapping(mapping) if mapping else {}
    options = Options(
        title=title,
        organisation=organisation,
        plan_date=plan_date,
        release=release_id,
        release_title=release_title,
        infer_status=infer_status,
    )
    for key in ("columns", "ignore", "group_pattern", "status_words", "statuses"):
        if key in settings:
            setattr(options, key, settings[key])
    if "grouping" in settings:
        options.grouping = (settings["grouping"]["singular"], settings["grouping"]["plural"])
    imported, path = import_plan(table, into, options, skip_bad_rows)
    for problem in sorted(imported.problems + imported.left_out, key=lambda p: p.line or 0):
        click.echo(f"Skipped: {problem}", err=True)
    actions = sum(len(a.actions) for a in imported.areas)
    areas = sum(1 for a in imported.areas if a.actions)
    skipped = len(imported.skipped)
    click.echo(
        f"Imported {actions} actions in {areas} areas into {path}"
        + (f"; skipped {skipped} rows" if skipped else "")
    )


@cli.command("export-tracker")
@click.argument("release_id", metavar="RELEASE")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The workbook to write (FILE.xlsx).",
)
@CONTENT_OPTION
def export_tracker(release_id: str, out: Path, content_dir: Path) -> None:
    """Write the tracker workbook for RELEASE, to send round to action owners.

    Sheets: Actions (one row per active action; Status is a drop-down of the site's
    statuses; only Status and Progress can be edited), Recommendations, KPIs (add new
    values as rows) and About. Read it back with 'progress-site import-tracker'.

    \b
    Example:
        progress-site export-tracker 2017-04 --out tracker.xlsx
    """
    from generator.workflow.tracker_export import export_tracker as run

    rows = run(content_dir, release_id, out)
    click.echo(f"Wrote {out}: {rows} action{'s' if rows != 1 else ''} from release {release_id}")


@cli.command("import-tracker")
@click.argument("table", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--release", "release_id", required=True, help="The draft release to write.")
@click.option(
    "--date", "when", default=None, callback=_date, help="A new draft's date (default: today)."
)
@click.option("--title", default=None, help="A new draft's title.")
@CONTENT_OPTION
def import_tracker(
    table: Path, release_id: str, when: date | None, title: str | None, content_dir: Path
) -> None:
    """Read a filled tracker (TABLE.xlsx or TABLE.csv) back as the draft release --release.

    Creates the draft as 'new-release' does, or replaces the progress of the draft if it
    exists; a published release is refused. Statuses are matched by label or id; a row
    left as exported stays carried forward; new KPI values are added to kpi-values.csv.
    Nothing is written if any problem is found.

    \b
    Example:
        progress-site import-tracker tracker.xlsx --release 2017-05 --date 2017-05-31
    """
    from generator.workflow.tracker_import import import_tracker as run

    result = run(table, content_dir, release_id, when, title)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    verb = "Created draft release" if result.created else "Updated draft release"
    click.echo(
        f"{verb} {result.release}: {result.changed} action"
        f"{'s' if result.changed != 1 else ''} updated, {result.kpi_values} KPI value"
        f"{'s' if result.kpi_values != 1 else ''} added. Review it in:"
    )
    click.echo(str(result.path))


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
    the README.

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

    Prints a table of the figures with their goals, and the largest page of each type with
    its navigation's share; with --json, a last line of JSON with the keys
    incremental_vs_single, incremental_vs_mike, parallel_vs_serial, per_page_vs_markdown,
    max_page_kb, scale_2x_ratio, generator_share, incremental_48_vs_single and peak_rss_mb.

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
    help="Markdown for people (CriticMarkup word diffs), JSON for scripts (keys in the README).",
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
    from generator.render.report import diff_releases, format_diff

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
def serve(content_dir: Path, host: str, port: int, drafts: bool) -> None:
    """Preview the site locally, rebuilding whenever content or templates change.

    Errors in the content are printed and the last good preview stays up until they are
    fixed.

    \b
    Example:
        progress-site serve --port 8000
    """
    from generator.site.serve import serve as run

    try:
        run(content_dir, host, port, click.echo, drafts=drafts)
    except OSError as exc:
        raise ProgressSiteError(f"cannot serve on {host}:{port} ({exc.strerror})") from exc


def main() -> None:
    # over a file-size limit (ulimit -f), a write fails with a message instead of killing us
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    cli(prog_name="progress-site")


if __name__ == "__main__":
    main()
