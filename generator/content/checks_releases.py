"""Validation of releases.yaml and progress/<release>.yaml."""

from __future__ import annotations

from dataclasses import replace

from generator.content.checks import ContentChecks, _known
from generator.content.fields import Fields
from generator.content.ids import release_id_problem
from generator.content.load import YMap
from generator.content.model import (
    Action,
    Erratum,
    Progress,
    Recommendation,
    Release,
    Reporting,
    Site,
)
from generator.content.strings import cleaned


class ReleaseChecks(ContentChecks):
    """Checks of releases.yaml, part of the validator in ``validate``."""

    # -- releases.yaml ---------------------------------------------------------------------

    def releases(self) -> list[Release]:
        root = self.yaml_root("releases.yaml")
        if root is None:
            return []
        root.check_keys(("releases",))
        releases: list[Release] = []
        lines: dict[str, int] = {}
        for line, node in root.items("releases", required=True):
            rid = node.raw.get("id") or node.get("id")
            f = Fields(self.problems, root.file, node, f"release {rid}" if rid else None)
            f.check_keys(
                ("id", "date", "title", "summary", "reported_to", "draft", "published", "errata")
            )
            release_id = f.ident("id")
            when = f.date("date", required=True)
            title = f.text("title", required=True)
            summary = f.text("summary")
            reported: list[Reporting] = []
            for _, rnode in f.items("reported_to"):
                rf = Fields(self.problems, root.file, rnode, f.item)
                rf.check_keys(("body", "date"))
                reported.append(Reporting(rf.text("body", required=True), rf.date("date")))
            draft = f.flag("draft")
            published = f.date("published")
            if draft and published:
                f.error("is marked both draft and published; keep one", "draft")
            errata = []
            for _, enode in f.items("errata"):
                ef = Fields(self.problems, root.file, enode, f"{f.item}: erratum")
                ef.check_keys(("date", "reason", "corrected"))
                fixed = ef.date("date", required=True)
                reason = ef.text("reason", required=True)
                corrected = ef.text("corrected", required=True)
                if fixed and reason and corrected:
                    errata.append(Erratum(fixed, reason, corrected))
            if errata and draft:
                f.error("a draft cannot have errata: edit it directly until it is published")
            if release_id is None:
                continue
            problem = release_id_problem(release_id)
            if problem:
                f.error(f"field 'id': {problem}", "id")
                continue
            if not f.first_time("release id", release_id, lines, line):
                continue
            self.release_lines[release_id] = line
            if when is None:
                continue
            for previous in releases:
                if previous.date == when:
                    f.error(
                        f"has the same date ({when}) as release {previous.id}; each release "
                        "needs its own date",
                        "date",
                    )
                elif previous.date > when:
                    f.error(
                        f"releases must be listed oldest first: dated {when}, but listed after "
                        f"release {previous.id} dated {previous.date}",
                        "date",
                    )
            if draft is False and releases and releases[-1].draft:
                f.error(
                    f"is published but comes after draft release {releases[-1].id}: drafts "
                    "must be the newest releases",
                    "draft",
                )
            releases.append(
                Release(
                    release_id,
                    when,
                    title,
                    summary,
                    tuple(reported),
                    draft=bool(draft),
                    published=published,
                    errata=tuple(errata),
                )
            )
        return releases

    # -- progress/<release>.yaml -----------------------------------------------------------

    def progress(
        self, site: Site, releases: list[Release], recommendations: list[Recommendation]
    ) -> list[Release]:
        release_ids = [r.id for r in releases]
        actions = {a.id: a for r in recommendations for a in r.actions}
        status_ids = [s.id for s in site.statuses]
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
        result = []
        for index, release in enumerate(releases):
            name = f"progress/{release.id}.yaml"
            root = self.yaml_root(name)
            entries: dict[str, Progress] = {}
            if root is not None:
                root.check_keys(("actions",))
                node = root.mapping("actions")
                for action_id, entry in (node or {}).items():
                    item = f"action {action_id}"
                    line = node.line_of(action_id)
                    if not isinstance(entry, YMap):
                        self.problems.add(
                            root.file,
                            line,
                            item,
                            "expected a mapping with 'status' and 'narrative'",
                        )
                        continue
                    f = Fields(self.problems, root.file, entry, item)
                    f.check_keys(("status", "narrative", "carried_forward"))
                    status = f.text("status", required=True)
                    narrative = f.text("narrative")
                    carried = bool(f.flag("carried_forward"))
                    action = actions.get(action_id)
                    if action is None:
                        if self.known("plan.yaml"):
                            f.error(f"unknown action '{action_id}' (not in plan.yaml)", line=line)
                        continue
                    problem = self._not_in_release(action, index, release_ids)
                    if problem:
                        f.error(problem, line=line)
                        continue
                    if status and status not in status_ids:
                        f.error(
                            f"unknown status '{status}' (known: {_known(status_ids)})", "status"
                        )
                        continue
                    if status:
                        entries[action_id] = Progress(status, narrative, carried)
            result.append(replace(release, progress=entries))
        return result

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
