"""Validation of releases.yaml and progress/<release>.yaml."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from generator.content.as_at import as_at_problem, earlier_problem
from generator.content.checked import REPORTS
from generator.content.checks import ContentChecks, Spot, _known
from generator.content.files import read_limited
from generator.content.load import YMap, inside
from generator.content.model import (
    Action,
    Assessment,
    Evidence,
    Progress,
    ProgressReport,
    Recommendation,
    RecommendationProgress,
    Release,
    Releases,
    Site,
)
from generator.content.strings import cleaned

E = TypeVar("E")


@dataclass(frozen=True)
class _Known:
    """What progress entries refer to: the plan's items and the site's status ids."""

    actions: dict[str, Action]
    recommendations: dict[str, Recommendation]
    statuses: list[str]


@dataclass(frozen=True)
class _When:
    """The release a progress file reports, among all releases, and its ``as_at`` date."""

    release: Release
    index: int
    release_ids: list[str]
    as_at: date | None
    previous: tuple[str, date] | None = None
    """The release before it, id and date: progress newly reported is written after it."""


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
        self.releases_before = {
            later.id: (earlier.id, earlier.date)
            for earlier, later in zip(releases, releases[1:], strict=False)
        }
        known = _Known(
            {a.id: a for r in recommendations for a in r.actions},
            {r.id: r for r in recommendations},
            [s.id for s in site.statuses],
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
        found: list[Release] = []
        kept: dict[str, Progress] = {}
        # what every report is checked against (see ``checked``); nothing is remembered, or
        # used, once a problem is found: what is checked may then stand on a file not read.
        # A report is checked against the releases up to its own, which its key's chain holds
        # (each release's own key adds it), and not the releases after it: those only decide
        # whether a release the plan names comes after the report's, and with no problem
        # found, every release the plan names is one of them. So a new release leaves the
        # keys of the reports before it as they were.
        chain = (
            b""
            if self.problems
            else REPORTS.key(
                repr(recommendations),
                repr(site.statuses),
                str(self.dir),
                self.grouping_word,
                self.recommendation_heading,
            )
        )
        for index, release in enumerate(releases):
            chain, data = self._report_key(release, index, chain)
            update = REPORTS.get(chain) if chain and not self.problems else None
            if update is None:
                update = self.progress_report(release, index, release_ids, known, kept)
                if chain and not self.problems and self._unchanged(release, data):
                    REPORTS.keep(chain, update)
            found.append(release.model_copy(update=update))
            kept = update.get("progress", {})
        REPORTS.finish()
        return found

    def _report_path(self, release: Release) -> Path | None:
        """The release's progress file, where the memo can read it: not through a link."""
        path = self.dir / "progress" / f"{release.id}.yaml"
        if path.is_symlink() or not inside(self.dir, path):
            return None
        return path

    def _report_key(self, release: Release, index: int, chain: bytes) -> tuple[bytes, bytes]:
        """The key of the release's progress report checked after the one keyed ``chain``,
        and the bytes it was made from: empty (not kept) if there is none, or its file cannot
        be read as it is."""
        path = self._report_path(release)
        if not chain or path is None:
            return b"", b""
        data, _ = read_limited(path)
        if data is None:
            return b"", b""
        before = repr(self.releases_before.get(release.id))
        return REPORTS.key(chain, data, repr(release), str(index), before), data

    def _unchanged(self, release: Release, data: bytes) -> bool:
        """Whether the release's progress file still holds ``data``, the bytes its key was
        made from: a file saved again while it was checked is not remembered."""
        path = self._report_path(release)
        return path is not None and read_limited(path)[0] == data

    def progress_report(
        self,
        release: Release,
        index: int,
        release_ids: list[str],
        known: _Known,
        kept: Mapping[str, Progress] | None = None,
    ) -> dict[str, Any]:
        """The fields of ``release`` read from its progress file, checked against the plan."""
        read = self.read(f"progress/{release.id}.yaml", ProgressReport)
        if read is None:
            return {}
        report, root = read
        before = self.releases_before.get(release.id)
        as_at = self._as_at(report.as_at, release, root, before, hint="")
        when = _When(release, index, release_ids, as_at, before)
        return {
            "as_at": as_at,
            "progress": self.action_progress(report, root, when, known, kept or {}),
            "recommendations": self.recommendation_progress(report, root, when, known),
            "assessments": self.assessments(report, root, when, known),
        }

    @staticmethod
    def _as_at(
        as_at: date | None,
        release: Release,
        spot: Spot,
        previous: tuple[str, date] | None = None,
        hint: str = " (mark it carried_forward if an earlier release reported it)",
    ) -> date | None:
        """An ``as_at`` date, which cannot be after the release it is reported in, nor (for
        progress newly reported, given ``previous``) before the release before it."""
        problem = as_at_problem(as_at, release.id, release.date)
        if problem is None and (problem := earlier_problem(as_at, release.id, previous)):
            problem += hint
        if problem:
            spot.error(f"field 'as_at': {problem}", "as_at")
            return None
        return as_at

    def reported(
        self,
        root: Spot,
        key: str,
        entries: Mapping[str, E],
        items: Mapping[str, Action | Recommendation],
        when: _When,
        known: _Known,
    ) -> Iterator[tuple[str, E, Spot]]:
        """Each entry under ``key`` that reports on an item of the plan at this release."""
        node = root.node.get(key)
        if not isinstance(node, YMap):
            return
        kind = key.removesuffix("s")
        for item_id, entry in entries.items():
            if not isinstance(node.get(item_id), YMap):
                continue
            spot = Spot(self.problems, root.file, node[item_id], f"{kind} {item_id}")
            line = node.line_of(item_id)
            item = items.get(item_id)
            if item is None:
                if self.known("plan.yaml"):
                    spot.error(
                        f"unknown {kind} '{item_id}' (not in plan.yaml)"
                        + _merged_from(item_id, known) * (kind == "recommendation"),
                        line=line,
                    )
                continue
            problem = _not_in_release(item, when, known)
            if problem:
                spot.error(problem, line=line)
                continue
            yield item_id, entry, spot

    def recommendation_progress(
        self, report: ProgressReport, root: Spot, when: _When, known: _Known
    ) -> dict[str, RecommendationProgress]:
        found = {}
        for rec_id, entry, spot in self.reported(
            root, "recommendations", report.recommendations, known.recommendations, when, known
        ):
            evidence = self.evidence(entry.evidence, spot, when)
            if not entry.narrative and not entry.evidence:
                if "narrative" not in spot.node:
                    spot.error("missing required field 'narrative'")
                continue
            previous = _new(entry.carried_forward, when)
            as_at = self._as_at(entry.as_at, when.release, spot, previous) or when.as_at
            found[rec_id] = entry.model_copy(update={"as_at": as_at, "evidence": evidence})
        return found

    def evidence(
        self, entries: tuple[Evidence, ...], spot: Spot, when: _When
    ) -> tuple[Evidence, ...]:
        """The evidence of one progress entry, each item dated no later than its release."""
        found = []
        for item, item_spot in self.items(spot, "evidence", entries):
            if item.date and item.date > when.release.date:
                item_spot.error(
                    f"dated {item.date.isoformat()}, after this release's date "
                    f"({when.release.date.isoformat()}): evidence is reported with the first "
                    "release dated on or after it",
                    "date",
                )
            elif item.title and item.url:
                found.append(item)
        return tuple(found)

    def assessments(
        self, report: ProgressReport, root: Spot, when: _When, known: _Known
    ) -> tuple[Assessment, ...]:
        """The release's independent assessments, each of a recommendation in the plan."""
        found = []
        for assessment, spot in self.items(root, "assessments", report.assessments):
            rec = known.recommendations.get(assessment.recommendation)
            if rec is None:
                if assessment.recommendation and self.known("plan.yaml"):
                    spot.error(
                        f"unknown recommendation '{assessment.recommendation}' (not in plan.yaml)",
                        "recommendation",
                    )
                continue
            added = rec.lifecycle.added
            if added in when.release_ids and when.release_ids.index(added) > when.index:
                spot.error(
                    f"recommendation {rec.id} is not in the plan yet at this release (added in "
                    f"{added})",
                    "recommendation",
                )
                continue
            gone = rec.lifecycle.withdrawn
            if gone and gone.release in when.release_ids[: when.index]:
                spot.error(
                    f"recommendation {rec.id} left the plan in {gone.release}, before this "
                    "release, so it cannot be assessed in it",
                    "recommendation",
                )
                continue
            if assessment.date and assessment.date > when.release.date:
                spot.error(
                    f"dated {assessment.date.isoformat()}, after this release's date "
                    f"({when.release.date.isoformat()}): an assessment is published with the "
                    "first release dated on or after it",
                    "date",
                )
                continue
            if assessment.body and assessment.date and assessment.verdict:
                found.append(assessment)
        return tuple(found)

    def action_progress(
        self,
        report: ProgressReport,
        root: Spot,
        when: _When,
        known: _Known,
        kept: Mapping[str, Progress],
    ) -> dict[str, Progress]:
        """The progress of each action in the release, checked against the plan and site. An
        entry giving evidence alone keeps the status the action had in the release before."""
        entries: dict[str, Progress] = {}
        for action_id, entry, spot in self.reported(
            root, "actions", report.actions, known.actions, when, known
        ):
            evidence = self.evidence(entry.evidence, spot, when)
            status = entry.status
            if not status and "status" not in spot.node:
                if not entry.evidence:
                    spot.error("missing required field 'status'")
                    continue
                if action_id not in kept:
                    spot.error(
                        "has evidence but no status, and no status was reported for it in the "
                        "release before to keep: give its status"
                    )
                    continue
                status = kept[action_id].status
            if status and status not in known.statuses:
                spot.error(f"unknown status '{status}' (known: {_known(known.statuses)})", "status")
            elif status:
                previous = _new(entry.carried_forward, when)
                as_at = self._as_at(entry.as_at, when.release, spot, previous) or when.as_at
                entries[action_id] = entry.model_copy(
                    update={
                        "status": status,
                        "carried_forward": bool(entry.carried_forward),
                        "as_at": as_at,
                        "evidence": evidence,
                    }
                )
        return entries


def _new(carried_forward: bool | None, when: _When) -> tuple[str, date] | None:
    """The release before, for an entry newly reported (a carried-forward one keeps the
    as_at it was reported with)."""
    return None if carried_forward else when.previous


def _not_in_release(item: Action | Recommendation, when: _When, known: _Known) -> str | None:
    """Why ``item`` cannot have progress reported in this release, if it cannot.

    An item merged into another has its progress reported under that one, and so do the
    actions of a recommendation that was withdrawn or merged.
    """
    kind = "action" if isinstance(item, Action) else "recommendation"
    life = item.lifecycle
    if life.added and when.release_ids.index(life.added) > when.index:
        return f"is not in the plan yet at this release (added in {life.added})"
    withdrawn = life.withdrawn
    if withdrawn is None or when.release_ids.index(withdrawn.release) > when.index:
        parent = known.recommendations.get(item.recommendation) if kind == "action" else None
        problem = _not_in_release(parent, when, known) if parent else None
        return f"its recommendation {parent.id} {problem}" if parent and problem else None
    if withdrawn.merged_into:
        return (
            f"was merged into {kind} {withdrawn.merged_into} in release {withdrawn.release} "
            f"and cannot have progress reported; report it under {kind} {withdrawn.merged_into}"
        )
    return f"was withdrawn in release {withdrawn.release} and cannot have progress reported"


def _merged_from(item_id: str, known: _Known) -> str:
    """Where the progress of a recommendation that only lives in a ``merged_from`` goes."""
    for rec in known.recommendations.values():
        if any(m.id == item_id for m in rec.merged_from):
            return (
                f": it is merged into recommendation {rec.id} (merged_from), so its progress "
                f"is reported under recommendation {rec.id}"
            )
    return ""
