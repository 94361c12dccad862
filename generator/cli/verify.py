"""The ``verify`` command: check a published site against its history, and that history
against a copy kept from before."""

from __future__ import annotations

from pathlib import Path

import click

from generator.errors import ProgressSiteError
from generator.plurals import counted


@click.command("verify")
@click.argument("site")
@click.option(
    "--against",
    "against",
    metavar="OLD_HISTORY",
    type=click.Path(path_type=Path),
    default=None,
    help="A copy of the site's history.json kept from before: no release it lists may have "
    "changed since, except through a recorded erratum.",
)
def verify(site: str, against: Path | None) -> None:
    """Check that a published site still shows what it published.

    SITE is a built site directory or its http(s) address. Each release's open-data files
    must match the digests in the site's history.json, and each entry of that history must
    name the digest of the one before it. Exits 1 on any mismatch, naming the release and
    the file.

    \b
    Examples:
        progress-site verify site
        progress-site verify https://example.org/plan/ --against history-2017-04.json
    """
    from generator.content.files import read_limited
    from generator.site.history import HISTORY
    from generator.site.verify import (
        Report,
        check_against,
        check_site,
        parse_history,
        read_history,
    )
    from generator.site.verify_source import MAX_BYTES, Source

    source = Source(site)
    old = None
    if against is not None:
        data, problem = read_limited(against, MAX_BYTES)
        if data is None:
            raise ProgressSiteError(f"{against} {problem}")
        old = parse_history(data, str(against))
    entries = read_history(source)
    click.echo(f"Checking {source.name(HISTORY)}")
    report = Report()
    check_site(source, entries, report)
    if old is not None and against is not None:
        check_against(old, entries, against.name, report)
    for rid, lines in report.lines.items():
        click.echo(f"{rid}: {'; '.join(lines)}")
    checked = f"Checked {len(entries)} releases and {report.files} data files"
    if report.problems:
        count = len(report.problems)
        click.echo(f"{checked}: {counted(count, 'problem')}.")
        listed = "\n".join(f"  {p}" for p in report.problems)
        raise ProgressSiteError(f"the site does not match its history:\n{listed}")
    since = (
        f"; no release in {against.name} has changed except through an erratum"
        if against is not None
        else ""
    )
    click.echo(f"{checked}: every file matches and the chain is intact{since}.")
