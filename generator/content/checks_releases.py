"""Validation of releases.yaml and progress/<release>.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.checks import ContentChecks, Spot, _known
from generator.content.load import YMap
from generator.content.model import (
    Action,
    Progress,
    ProgressReport,
    Recommendation,
    Release,
    Releases,
    Site,
)
from generator.content.strings import cleaned


@dataclass(frozen=True)
class _Known:
    """What progress entries refer to: the plan's actions and the site's status ids."""

    actions: dict[str, Action]
    statuses: list[str]


class ReleaseChecks(ContentChecks):
    """Checks of releases.yaml and progress files, part of the validator in ``validate``."""

    # -- releases.yaml ---------------------------------------------------------------------

    def releases(self) -> list[Release]:
        read = self.read("releases.yaml", Releases)
        if read is None:
            return []
        model, root = read
        releases: list[Release] = []
        lines: dict[str, int] = {}
        for release, spot in self.items(root, "releases", model.releases):
            if release.draft and release.published:
                spot.error("is marked both draft and published; keep one", "draft")
            errata = tuple(e for e in release.errata if e.date and e.reason and e.corrected)
            if errata and release.draft:
                spot.error("a draft cannot have errata: edit it directly until it is published")
            if not release.id or not spot.first_time(
                "release id", release.id, lines, spot.node.line
            ):
                continue
            self.release_lines[release.id] = spot.node.line
            if release.date is None:
                continue
            self.release_order(release, spot, releases)
            releases.append(
                release.model_copy(update={"draft": bool(release.draft), "errata": errata})
            )
        return releases

    @staticmethod
    def release_order(release: Release, spot: Spot, releases: list[Release]) -> None:
        """Releases are listed oldest first, each with its own date, drafts last."""
        for previous in releases:
            if previous.date == release.date:
                spot.error(
                    f"has the same date ({release.date}) as release {previous.id}; each release "
                    "needs its own date",
                    "date",
                )
            elif previous.date > release.date:
                spot.error(
                    f"releases must be listed oldest first: dated {release.date}, but listed "
                    f"after release {previous.id} dated {previous.date}",
                    "date",
                )
        explicit = "draft" in release.model_fields_set and release.draft is False
        if explicit and releases and releases[-1].draft:
            spot.error(
                f"is published but comes after draft release {releases[-1].id}: drafts "
                "must be the newest releases",
                "draft",
            )

    # -- progress/<release>.yaml -----------------------------------------------------------

    def progress(
        self, site: Site, releases: list[Release], recommendations: list[Recommendation]
    ) -> list[Release]:
        release_ids = [r.id for r in releases]
        known = _Known(
            {a.id: a for r in recommendations for a in r.actions}, [s.id for s in site.statuses]
        )
        progress_dir = self.dir / "progress"
        if progress_dir.is_dir():
            for path in sorted(progress_dir.iterdir()):
                if (
                    path.suffix in (".yaml", ".yml")
                    and path.stem not in self.release_lines
                    and self.known("releases.yaml")
                ):
                    self.problems.add(
                        self.display(f"progress/{path.name}"),
                        None,
                        None,
                        f"no release '{cleaned(path.stem)}' in releases.yaml "
                        f"(known: {_known(list(self.release_lines))})",
                    )
        return [
            release.model_copy(
                update={"progress": self.progress_report(release, index, release_ids, known)}
            )
            for index, release in enumerate(releases)
        ]

    def progress_report(
        self, release: Release, index: int, release_ids: list[str], known: _Known
    ) -> dict[str, Progress]:
        """The progress of each action in ``release``, checked against the plan and site."""
        read = self.read(f"progress/{release.id}.yaml", ProgressReport)
        if read is None:
            return {}
        report, root = read
        entries: dict[str, Progress] = {}
        node = root.node.get("actions")
        if not isinstance(node, YMap):
            return {}
        for action_id, entry in report.actions.items():
            if not isinstance(node.get(action_id), YMap):
                continue
            spot = Spot(self.problems, root.file, node, f"action {action_id}")
            line = node.line_of(action_id)
            action = known.actions.get(action_id)
            if action is None:
                if self.known("plan.yaml"):
                    spot.error(f"unknown action '{action_id}' (not in plan.yaml)", line=line)
                continue
            problem = self._not_in_release(action, index, release_ids)
            if problem:
                spot.error(problem, line=line)
                continue
            if entry.status and entry.status not in known.statuses:
                spot.error(
                    f"unknown status '{entry.status}' (known: {_known(known.statuses)})",
                    line=node[action_id].line_of("status"),
                )
                continue
            if entry.status:
                entries[action_id] = entry.model_copy(
                    update={"carried_forward": bool(entry.carried_forward)}
                )
        return entries

    @staticmethod
    def _not_in_release(action: Action, index: int, release_ids: list[str]) -> str | None:
        life = action.lifecycle
        if life.added and release_ids.index(life.added) > index:
            return f"is not in the plan yet at this release (added in {life.added})"
        if life.withdrawn and release_ids.index(life.withdrawn.release) <= index:
            return (
                f"was withdrawn in release {life.withdrawn.release} and cannot have "
                "progress reported"
            )
        return None
