"""``new-release``: start a draft release from the latest one.

The draft's entry is added to releases.yaml in the file's own layout
(``releases_file.append_release``) and its progress file is pre-filled; both are written
together or not at all (``transaction``).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from generator.content.ids import release_id_problem
from generator.content.load import parse_yaml
from generator.content.model import Content, Evidence, RecommendationProgress, Release
from generator.content.transaction import commit, writing
from generator.content.validate import load_content
from generator.errors import Problems, ProgressSiteError
from generator.facts.derive import State, release_view
from generator.workflow.plan_file import yaml_json
from generator.workflow.release_ids import check_new_id, default_title, release_date
from generator.workflow.releases_file import append_release


def _block_scalar(text: str, indent: str) -> str:
    lines = text.strip("\n").splitlines() or [""]
    return "|-\n" + "".join(f"{indent}{line}\n" if line.strip() else "\n" for line in lines)


def _narrative(text: str) -> str:
    """The narrative as a block scalar when it reads back exactly, else double-quoted."""
    block = _block_scalar(text, "      ").rstrip("\n")
    problems = Problems()
    if parse_yaml(f"narrative: {block}\n", "narrative", problems) == {"narrative": text}:
        return block
    return json.dumps(text, ensure_ascii=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def evidence_lines(evidence: tuple[Evidence, ...]) -> list[str]:
    """An entry's ``evidence:`` list, one item a line (none when there is none)."""
    items = [
        {"title": e.title, "url": e.url} | ({"date": e.date.isoformat()} if e.date else {})
        for e in evidence
    ]
    return ["    evidence:", *("      - " + yaml_json(i) for i in items)] if items else []


def recommendation_lines(
    content: Content,
    base: Release,
    entries: Mapping[str, RecommendationProgress],
    evidence: Mapping[str, tuple[Evidence, ...]] | None = None,
) -> list[str]:
    """The ``recommendations:`` block of a draft progress file: each active recommendation's
    progress in plan order, an unedited one marked carried forward with its own as_at. The
    entries' evidence is never carried forward: ``evidence`` is what the draft itself gives."""
    view = release_view(content, base.id)
    lines = []
    for rec in view.active_recommendations:
        entry = entries.get(rec.recommendation.id)
        own = (evidence or {}).get(rec.recommendation.id, ())
        if (entry is None or not entry.narrative) and not own:
            continue
        lines.append(f"  {json.dumps(rec.recommendation.id, ensure_ascii=False)}:")
        if entry is not None and entry.narrative:
            if entry.carried_forward:
                lines.append("    carried_forward: true")
            if entry.as_at:
                lines.append(f"    as_at: {entry.as_at.isoformat()}")
            lines.append("    narrative: " + _narrative(entry.narrative))
        lines += evidence_lines(own)
    return ["recommendations:", *lines] if lines else []


def progress_yaml(content: Content, latest: Release, new_id: str, title: str) -> str:
    """The draft progress file: the latest release's statuses and narratives, carried forward."""
    view = release_view(content, latest.id)
    lines = [
        f"# Draft progress for {_one_line(title)} ({new_id}).",
        f"# Statuses and narratives are carried forward from {_one_line(latest.title)}.",
        "# Update each action: once its status or narrative is edited it is no longer shown as",
        "# carried forward. To confirm an action had no change, delete its 'carried_forward'",
        "# line.",
        *recommendation_lines(
            content,
            latest,
            {
                k: v.model_copy(update={"carried_forward": True})
                for k, v in latest.recommendations.items()
            },
        ),
        "actions:",
    ]
    for rec in view.recommendations:
        for a in rec.actions:
            if a.state is not State.ACTIVE or a.action.id not in latest.progress:
                continue
            progress = latest.progress[a.action.id]
            lines.append(f"  {a.action.id}:")
            lines.append(f"    status: {progress.status}")
            lines.append("    carried_forward: true")
            if progress.narrative:
                lines.append("    narrative: " + _narrative(progress.narrative))
    return "\n".join(lines) + "\n"


def _check_title(title: str) -> None:
    if not title.strip():
        raise ProgressSiteError("--title: must not be empty")
    for char in title:
        if unicodedata.category(char) in ("Cc", "Cs", "Cn", "Zl", "Zp"):
            raise ProgressSiteError(
                f"--title: contains a character that cannot be used in a title "
                f"(U+{ord(char):04X}); remove it"
            )


def new_release(
    content_dir: Path,
    release_id: str,
    when: date | None,
    title: str | None = None,
    any_id: bool = False,
) -> Path:
    """Add a draft release after the latest one and pre-fill its progress file.

    Without ``when``, an id that names a month is dated on its last day (``release_ids``).
    """
    if problem := release_id_problem(release_id):
        raise ProgressSiteError(problem)
    if title is not None:
        _check_title(title)
    with writing(content_dir):
        content = load_content(content_dir)
        if any(r.id == release_id for r in content.releases):
            raise ProgressSiteError(f"release {release_id} already exists in releases.yaml")
        check_new_id(release_id, [r.id for r in content.releases], any_id)
        when = release_date(release_id, when)  # after the id: a typo is named as a typo
        title = default_title(when) if title is None else title
        if not content.releases:
            raise ProgressSiteError("releases.yaml has no release to carry forward from")
        latest = content.releases[-1]
        if when <= latest.date:
            raise ProgressSiteError(
                f"the new release must be dated after the latest one ({latest.id}, "
                f"{latest.date.isoformat()}); got {when.isoformat()}"
            )
        name = f"progress/{release_id}.yaml"
        progress_path = content_dir / name
        if progress_path.exists() or progress_path.is_symlink():
            raise ProgressSiteError(f"{progress_path} already exists; move it away first")
        releases_path = content_dir / "releases.yaml"
        releases = append_release(
            releases_path.read_bytes().decode("utf-8"), release_id, when, title, str(releases_path)
        )
        progress = progress_yaml(content, latest, release_id, title)
        commit(content_dir, {"releases.yaml": releases, name: progress})
    return progress_path
