"""``progress-site deploy``: put a built site where the council hosts it."""

from __future__ import annotations

import re
from pathlib import Path

import click

from generator.cli.paths import LookedUpPath
from generator.errors import ProgressSiteError
from generator.plurals import counted
from generator.site.deploy_files import spelled

URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
"""An address (https://, S3://, gs://): not a folder, though one could be so named."""


def _only_for(kind: str, given: dict[str, object]) -> None:
    for option, value in given.items():
        if value:
            raise ProgressSiteError(f"{option} is only for --to {kind}")


@click.command("deploy")
@click.option(
    "--site",
    "site_dir",
    type=LookedUpPath(path_type=Path, file_okay=False, exists=True),
    default="site",
    show_default=True,
    help="The built site (the --out of build).",
)
@click.option(
    "--to",
    "target",
    metavar="TARGET",
    required=True,
    help="git (a branch), s3://BUCKET/PREFIX, or a folder.",
)
@click.option("--branch", default=None, help="With --to git: the branch  [default: gh-pages]")
@click.option(
    "--repo",
    type=LookedUpPath(path_type=Path, file_okay=False),
    default=None,
    help="With --to git: the repository  [default: the current directory]",
)
@click.option(
    "--push", is_flag=True, help="With --to git: push the branch to origin (never forced)."
)
@click.option(
    "--endpoint-url", default=None, help="With --to s3://: an S3-compatible store's address."
)
@click.option("--dry-run", is_flag=True, help="List what would change, and change nothing.")
def deploy(
    site_dir: Path,
    target: str,
    branch: str | None,
    repo: Path | None,
    push: bool,
    endpoint_url: str | None,
    dry_run: bool,
) -> None:
    """Publish the built site to a git branch, an S3 bucket or a folder.

    Only files that changed since the last deploy are sent. Each version's files go first;
    versions.json, the root pages, latest/ and the sitemaps go last, so readers never meet a
    version that is not there yet. Files that earlier deploys sent and the site no longer has
    are deleted; nothing else is. An interrupted deploy can simply be run again.

    With --to git, each deploy is one commit on the branch; the working tree, other branches
    and files on the branch that deploys did not put there are never touched. S3 credentials
    come from boto3's usual chain (environment variables, ~/.aws, instance roles).

    \b
    Examples:
        progress-site deploy --to git --push
        progress-site deploy --to s3://council-web/plans/progress
        progress-site deploy --to /var/www/progress --dry-run
    """
    git_options = {"--branch": branch, "--repo": repo, "--push": push}
    if not target.strip():
        raise ProgressSiteError("--to: expected git, s3://BUCKET/PREFIX or a folder")
    if URL.match(target) and not target.startswith("s3://"):
        raise ProgressSiteError(
            f"--to {spelled(target)}: expected git, s3://BUCKET/PREFIX or a folder (write "
            f"./{spelled(target)} for a folder of that name)"
        )
    if target == "git":
        _only_for("s3://BUCKET/PREFIX", {"--endpoint-url": endpoint_url})
        _to_git(site_dir, repo or Path("."), branch or "gh-pages", push, dry_run)
        return
    _only_for("git", git_options)
    from generator.site.deploy import deploy_to_store, describe

    if target.startswith("s3:"):
        from generator.site.deploy_s3 import S3Store

        store = S3Store(target, endpoint_url)
    else:
        _only_for("s3://BUCKET/PREFIX", {"--endpoint-url": endpoint_url})
        from generator.site.deploy_folder import FolderStore

        store = FolderStore(Path(target), site_dir)
    for line in describe(deploy_to_store(site_dir, store, dry_run), store, dry_run):
        click.echo(line)


def _to_git(site_dir: Path, repo: Path, branch: str, push: bool, dry_run: bool) -> None:
    from generator.site.deploy_git import deploy_git

    done = deploy_git(site_dir, repo, branch, push=push, dry_run=dry_run)
    count = counted(len(done.changed), "file")
    if dry_run and not done.changed:
        click.echo(f"{branch} in {repo} already has this site; nothing would be committed")
    elif dry_run:
        click.echo(f"Would commit {count} changed on {branch} in {repo}:")
        for line in done.changed:
            click.echo(f"  {line}")
    elif done.commit is None:
        pushed = ", pushed to origin" if done.pushed else ""
        click.echo(f"{branch} in {repo} already has this site; nothing to commit{pushed}")
    else:
        pushed = ", pushed to origin" if done.pushed else ""
        click.echo(f"Committed {count} changed on {branch} in {repo} ({done.commit[:12]}){pushed}")
