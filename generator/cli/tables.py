"""The spreadsheet commands: ``import`` (a plan's action table as new content),
``export-tracker`` and ``import-tracker`` (the monthly tracker round trip)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from generator.cli.options import ANY_ID_OPTION, CONTENT_OPTION, day_value
from generator.cli.paths import LookedUpPath
from generator.cli.progress import QUIET_OPTION, Progress
from generator.plurals import counted


@click.command("import")
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
    help="YAML: columns (header -> field), ignore, group_pattern, recommendation_pattern, "
    "status_words, statuses.",
)
@click.option("--skip-bad-rows", is_flag=True, help="Import the good rows and report the rest.")
@click.option(
    "--plan-date",
    callback=day_value,
    help="The plan's date, for timescales like '3 months' (it does not date the release).",
)
@click.option("--title", default="Improvement plan", show_default=True, help="Site title.")
@click.option("--organisation", default="", help="The council's name.")
@click.option(
    "--release",
    "release_id",
    default=None,
    help="Release id (default: the --release-date's YYYY-MM).",
)
@click.option(
    "--release-date",
    callback=day_value,
    help="The release's date (default: the last day of the month --release names).",
)
@click.option(
    "--release-title", default=None, help="Release title (default: the release date's Month YYYY)."
)
@click.option(
    "--infer-status",
    is_flag=True,
    help="Take each action's status from the leading words of its progress text "
    "('Completed.', 'On track.', 'In place.', 'Planned.').",
)
@QUIET_OPTION
def import_table(
    table: Path,
    into: Path,
    mapping: Path | None,
    skip_bad_rows: bool,
    plan_date: date | None,
    title: str,
    organisation: str,
    release_id: str | None,
    release_date: date | None,
    release_title: str | None,
    infer_status: bool,
    quiet: bool,
) -> None:
    """Import an action-plan table (TABLE.csv or TABLE.xlsx) as new content.

    Reads area headings ("Area for Improvement (1): ..."), header rows and action rows;
    matches columns such as Action, Description, Strategic Lead, Operational Lead,
    Timescale (By When), Performance/Outcome and Progress to date by name. A Pillar (group)
    column makes the groups and a Focus area (recommendation) column the recommendations;
    Title, Start and Due columns fill those fields. Writes site.yaml, plan.yaml,
    releases.yaml and progress/<release>.yaml. Nothing is written if any row is rejected,
    unless --skip-bad-rows is given.

    \b
    Example:
        progress-site import plan.xlsx --into content-new --plan-date 2014-06-30 --infer-status \\
            --release 2014-10 --release-date 2014-10-31 --release-title "October 2014"
    """
    from generator.workflow.importer import Options, import_plan, read_mapping

    settings = read_mapping(mapping) if mapping else {}
    options = Options(
        title=title,
        organisation=organisation,
        plan_date=plan_date,
        release=release_id,
        release_date=release_date,
        release_title=release_title,
        infer_status=infer_status,
    )
    keys = ("columns", "ignore", "group_pattern", "recommendation_pattern", "status_words")
    for key in (*keys, "statuses"):
        if key in settings:
            setattr(options, key, settings[key])
    if "grouping" in settings:
        options.grouping = (settings["grouping"]["singular"], settings["grouping"]["plural"])
    with Progress(quiet) as progress:
        progress.note(f"Reading {table} and checking the content it makes")
        imported, path = import_plan(table, into, options, skip_bad_rows)
    for problem in sorted(imported.problems + imported.left_out, key=lambda p: p.line or 0):
        click.echo(f"Skipped: {problem}", err=True)
    actions = sum(len(a.actions) for a in imported.areas)
    kept = [a for a in imported.areas if a.actions]
    groups = len({id(a.group or a) for a in kept})
    skipped = len(imported.skipped)
    click.echo(
        f"Imported {counted(actions, 'action')} in {counted(len(kept), 'area')}"
        + (f" in {counted(groups, 'group')}" if groups != len(kept) else "")
        + f" into {path}"
        + (f"; skipped {counted(skipped, 'row')}" if skipped else "")
    )


@click.command("export-tracker")
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

    Sheets: About (opened first: how to fill it in, and the release, plan and progress the
    workbook was exported from, also kept in hidden names), Actions (one row per active
    action: Recommendation, Action, Description, the lead column or columns the plan uses,
    Timescale, Due, Status, Progress, As at; Status is a drop-down of the site's statuses;
    only Status, Progress and As at can be edited), Recommendations (Recommendation, Text,
    Progress; Progress can be edited) and KPIs (add new values as rows). Read it back with
    'progress-site import-tracker' while RELEASE is the latest release.

    \b
    Example:
        progress-site export-tracker 2017-04 --out tracker.xlsx
    """
    from generator.workflow.tracker_export import export_tracker as run

    rows = run(content_dir, release_id, out)
    click.echo(f"Wrote {out}: {counted(rows, 'action')} from release {release_id}")


@click.command("import-tracker")
@click.argument("table", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--release", "release_id", required=True, help="The draft release to write.")
@click.option(
    "--date",
    "when",
    default=None,
    callback=day_value,
    help="The draft's date (a new draft's default: the last day of the month a YYYY-MM id "
    "names; any other id needs it).",
)
@click.option("--title", default=None, help="The draft's title.")
@ANY_ID_OPTION
@click.option(
    "--add-new",
    is_flag=True,
    help="Add actions the plan does not have yet to plan.yaml, under their recommendation.",
)
@click.option(
    "--allow-older",
    is_flag=True,
    help="Import a workbook exported from an older release, or before the plan or progress "
    "changed (each value it takes back to an earlier release's is warned about).",
)
@CONTENT_OPTION
@QUIET_OPTION
def import_tracker(
    table: Path,
    release_id: str,
    when: date | None,
    title: str | None,
    any_id: bool,
    add_new: bool,
    allow_older: bool,
    content_dir: Path,
    quiet: bool,
) -> None:
    """Read a filled tracker (TABLE.xlsx or TABLE.csv) back as the draft release --release.

    Creates the draft as 'new-release' does, or replaces the progress of the draft if it
    exists (--date and --title then change its date and title in releases.yaml); a
    published release is refused. Statuses are matched by label or id; Progress, As at and
    recommendation Progress are read; a row left as exported stays carried forward; new KPI
    values are added to kpi-values.csv. An action id the plan does not have is an error,
    unless --add-new is given: the action is then added to plan.yaml under its
    recommendation, with 'added: <release>'. Nothing is written if any problem is found.
    A new draft's id follows the pattern of the existing release ids unless --any-id.

    A workbook records the release it was exported from: it is refused unless that is the
    latest release (the one the draft is carried forward from) and the plan and that
    release's progress are unchanged since, unless --allow-older is given. Whatever the
    file, each status or narrative that goes back to an earlier release's value is warned
    about, naming its cell.

    \b
    Example:
        progress-site import-tracker tracker.xlsx --release 2017-05 --date 2017-05-31
    """
    from generator.workflow.tracker_import import import_tracker as run

    with Progress(quiet) as progress:
        progress.note(f"Reading {table} and checking it against {content_dir}")
        result = run(
            table, content_dir, release_id, when, title, add_new, allow_older, any_id=any_id
        )
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    verb = "Created draft release" if result.created else "Updated draft release"
    click.echo(
        f"{verb} {result.release}: {counted(result.changed, 'action')} updated, "
        f"{counted(result.kpi_values, 'KPI value')} added. Review it in:"
    )
    click.echo(str(result.path))
    if result.updated:
        changes = " and ".join(
            f"{key} to {value}" if key == "date" else f"{key} to “{value}”"
            for key, value in result.updated.items()
        )
        click.echo(f"Changed the draft's {changes} in releases.yaml.")
    if result.added:
        click.echo(
            f"Added {counted(len(result.added), 'action')} to plan.yaml: {', '.join(result.added)}."
        )
