"""``discard``: remove a draft release, its entry in releases.yaml and its progress file.

Both go together or not at all (``transaction``), under the same lock as ``publish``; the
rest of releases.yaml is kept byte for byte (``releases_entries``). A published release is
never removed: it stays online for good, and is corrected with an erratum instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.content.ids import release_id_problem
from generator.content.load import parse_yaml
from generator.content.transaction import commit, writing
from generator.content.validate import load_content
from generator.errors import ContentError, Problem, Problems, ProgressSiteError
from generator.facts.lock import read_lock
from generator.workflow.releases_entries import remove_release


def _entry(text: str, release_id: str, display: str) -> dict:
    problems = Problems()
    data = parse_yaml(text, display, problems)
    problems.raise_if_any()
    releases = data.get("releases") if isinstance(data, dict) else None
    for entry in releases if isinstance(releases, list) else []:
        if isinstance(entry, dict) and entry.get("id") == release_id:
            return entry
    raise ProgressSiteError(f"{display}: release {release_id} not found")


def _published(release_id: str, when: object) -> ProgressSiteError:
    return ProgressSiteError(
        f"release {release_id} was published on {when} and cannot be discarded: a published "
        f"release stays online for good. To correct it, edit it and run 'progress-site "
        f"erratum {release_id} --reason TEXT --corrected TEXT'"
    )


def _reason(exc: OSError | shutil.Error) -> str:
    """Why a copy failed, in words: the first failure of a whole-tree copy."""
    if isinstance(exc, shutil.Error):
        why = str(exc.args[0][0][2]) if exc.args and exc.args[0] else str(exc)
        return why.split("] ", 1)[-1].split(":", 1)[0]
    return exc.strerror or str(exc)


def _linked(source: str, target: str) -> None:
    """A hard link to a content file where the file system allows it (nothing is written, so
    a large lock file is checked even on a full disk), else a copy."""
    try:
        os.link(source, target, follow_symlinks=True)
    except OSError:
        shutil.copy2(source, target)


def _checked(content_dir: Path, files: dict[str, str], removed: tuple[str, ...]) -> None:
    """Refuse unless the content is valid without the draft (nothing else names it)."""
    try:
        temp = Path(tempfile.mkdtemp(prefix=".discard-check-"))
    except OSError:  # each temporary directory was tried, and none could be written to
        raise ProgressSiteError(
            "cannot check the content without the draft in a temporary copy (no temporary "
            "directory could be written to: is the disk full?); nothing was changed"
        ) from None
    try:
        copy = temp / "content"
        try:
            shutil.copytree(
                content_dir, copy, ignore=shutil.ignore_patterns(".*"), copy_function=_linked
            )
            for name, text in files.items():
                (copy / name).unlink()  # a link to the user's own file: never written through
                (copy / name).write_text(text, encoding="utf-8")
            for name in removed:
                (copy / name).unlink()
        except (OSError, shutil.Error) as exc:
            raise ProgressSiteError(
                "cannot check the content without the draft in a temporary copy "
                f"({_reason(exc)}); nothing was changed"
            ) from None
        try:
            load_content(copy)
        except ContentError as exc:
            raise ContentError(
                [
                    Problem(p.file.replace(str(copy), str(content_dir)), p.line, p.item, p.message)
                    for p in exc.problems
                ]
            ) from None
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def discard(content_dir: Path, release_id: str) -> str:
    """Remove draft release ``release_id``; returns a summary of what was removed."""
    if problem := release_id_problem(release_id):
        raise ProgressSiteError(problem)
    with writing(content_dir):
        path = content_dir / "releases.yaml"
        display = str(path)
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ProgressSiteError(f"{display}: cannot be read ({exc})") from None
        entry = _entry(text.removeprefix("\ufeff"), release_id, display)
        locks = read_lock(content_dir)
        if release_id in locks:
            raise _published(release_id, locks[release_id].get("published"))
        if entry.get("draft") is not True:
            raise _published(release_id, entry.get("published", "(no date given)"))
        files = {"releases.yaml": remove_release(text, release_id, display)}
        name = f"progress/{release_id}.yaml"
        progress = content_dir / name
        removed = (name,) if progress.is_file() or progress.is_symlink() else ()
        _checked(content_dir, files, removed)
        commit(content_dir, files, removed)
    what = f"its entry in releases.yaml and {progress}" if removed else "its entry in releases.yaml"
    return f"Discarded draft release {release_id}: removed {what}"
