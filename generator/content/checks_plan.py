"""Validation of plan.yaml: groups, recommendations, actions, and their lifecycle."""

from __future__ import annotations

from generator.content.checks import ContentChecks, _known
from generator.content.fields import Fields
from generator.content.ids import CaseSpace, IdSpace, Name, folder_names, page_anchors
from generator.content.model import (
    Action,
    Group,
    Lifecycle,
    Recommendation,
    Withdrawal,
    slugify,
)


class PlanChecks(ContentChecks):
    """Checks of plan.yaml, part of the validator in ``validate``."""

    # -- lifecycle (added / withdrawn / merged) --------------------------------------------

    def lifecycle(self, f: Fields, release_ids: list[str]) -> tuple[Lifecycle, str | None, int]:
        """Returns the lifecycle, the merge target (if any) and its line."""
        added = f.text("added") or None
        if added is not None and added not in release_ids:
            if self.known("releases.yaml"):
                f.error(
                    f"field 'added': unknown release '{added}' (known: {_known(release_ids)})",
                    "added",
                )
            added = None
        withdrawn = None
        target: str | None = None
        line = f.node.line
        node = f.mapping("withdrawn")
        if node is not None:
            wf = Fields(self.problems, f.file, node, f.item)
            wf.check_keys(("release", "reason", "merged_into"))
            release = wf.text("release", required=True)
            reason = wf.text("reason", required=True)
            target = wf.text("merged_into") or None
            line = node.line_of("merged_into")
            if release and release not in release_ids:
                if not self.known("releases.yaml"):
                    release = None
                else:
                    wf.error(
                        f"field 'release': unknown release '{release}' "
                        f"(known: {_known(release_ids)})",
                        "release",
                    )
            elif release and added and release_ids.index(release) < release_ids.index(added):
                wf.error(
                    f"withdrawn in release {release}, before it was added in {added}", "release"
                )
            elif release and reason:
                withdrawn = Withdrawal(release, reason, target)
        return Lifecycle(added, withdrawn), target, line

    def check_merges(
        self, kind: str, file: str, merges: dict[str, tuple[str, int]], known: set[str]
    ) -> None:
        """Merge targets must exist, and following them must never come back round."""
        for source, (target, line) in sorted(merges.items()):
            item = f"{kind} {source}"
            if target == source:
                self.problems.add(file, line, item, "is merged into itself")
            elif target not in known:
                self.problems.add(file, line, item, f"merged into unknown {kind} '{target}'")
            else:
                seen = [source]
                current = target
                while current in merges and current not in seen:
                    seen.append(current)
                    current = merges[current][0]
                if current == source:
                    cycle = " -> ".join([*seen, source])
                    self.problems.add(file, line, item, f"merges form a cycle ({cycle})")

    # -- plan.yaml -------------------------------------------------------------------------

    def plan(
        self, release_ids: list[str], kpi_ids: list[str]
    ) -> tuple[list[Group], list[Recommendation]]:
        root = self.yaml_root("plan.yaml")
        if root is None:
            return [], []
        grouping_word = self.grouping_word
        root.check_keys(("groups", "recommendations"))
        groups: list[Group] = []
        group_lines: dict[str, int] = {}
        group_space = IdSpace(self.problems, root.file, folder_names("pillars"))
        for line, node in root.items("groups", required=True):
            gid = node.raw.get("id") or node.get("id")
            f = Fields(self.problems, root.file, node, f"{grouping_word} {gid}" if gid else None)
            f.check_keys(("id", "title", "description"))
            group_id = f.ident("id", url=True)
            title = f.text("title", required=True)
            if group_id is None:
                continue
            if not f.first_time(f"{grouping_word} id", group_id, group_lines, line):
                continue
            page = {group_id: Name(f"pillars/{group_id}/", "page")}
            group_space.add(group_id, node.line_of("id"), str(f.item), page)
            groups.append(Group(group_id, title, f.text("description")))
        group_ids = [g.id for g in groups]

        recommendations: list[Recommendation] = []
        rec_lines: dict[str, int] = {}
        rec_space = IdSpace(self.problems, root.file, folder_names("recommendations"))
        action_case = CaseSpace(self.problems, root.file)
        action_lines: dict[str, int] = {}
        rec_merges: dict[str, tuple[str, int]] = {}
        action_merges: dict[str, tuple[str, int]] = {}
        for line, node in root.items("recommendations", required=True):
            rid = node.raw.get("id") or node.get("id")
            f = Fields(self.problems, root.file, node, f"recommendation {rid}" if rid else None)
            f.check_keys(("id", "text", "groups", "added", "withdrawn", "actions"))
            rec_id = f.ident("id")
            text = f.text("text", required=True)
            rec_groups, lines = f.text_list("groups", required=True)
            for group, gline in zip(rec_groups, lines, strict=True):
                if group not in group_ids:
                    f.error(
                        f"unknown {grouping_word} '{group}' (known: {_known(group_ids)})",
                        line=gline,
                    )
            if isinstance(node.get("groups"), list) and not rec_groups:
                f.error(
                    f"no {grouping_word} given (each recommendation needs at least one)", "groups"
                )
            lifecycle, target, tline = self.lifecycle(f, release_ids)
            actions = self.actions(
                f, rec_id, release_ids, kpi_ids, lifecycle, action_lines, action_merges, action_case
            )
            if rec_id is None:
                continue
            if not f.first_time("recommendation id", rec_id, rec_lines, line):
                continue
            slug = slugify(rec_id)
            page = {slug: Name(f"recommendations/{slug}/", "page")}
            rec_space.add(rec_id, node.line_of("id"), str(f.item), page)
            if target:
                rec_merges[rec_id] = (target, tline)
            recommendations.append(
                Recommendation(
                    rec_id, text, tuple(dict.fromkeys(rec_groups)), tuple(actions), lifecycle
                )
            )
        self.check_merges("recommendation", root.file, rec_merges, set(rec_lines))
        self.check_merges("action", root.file, action_merges, set(action_lines))
        return groups, recommendations

    def actions(
        self,
        rec: Fields,
        rec_id: str | None,
        release_ids: list[str],
        kpi_ids: list[str],
        rec_lifecycle: Lifecycle,
        seen: dict[str, int],
        merges: dict[str, tuple[str, int]],
        case: CaseSpace,
    ) -> list[Action]:
        actions: list[Action] = []
        reserved = page_anchors(rec_id) if rec_id else {}
        anchors = IdSpace(self.problems, rec.file, reserved)
        page = f"recommendations/{slugify(rec_id)}/" if rec_id else ""
        for line, node in rec.items("actions"):
            aid = node.raw.get("id") or node.get("id")
            f = Fields(self.problems, rec.file, node, f"action {aid}" if aid else rec.item)
            f.check_keys(
                (
                    "id",
                    "description",
                    "strategic_lead",
                    "operational_lead",
                    "resources",
                    "timescale",
                    "due",
                    "kpis",
                    "outcome",
                    "added",
                    "withdrawn",
                )
            )
            action_id = f.ident("id")
            description = f.text("description", required=True)
            kpis, lines = f.text_list("kpis")
            for kpi, kline in zip(kpis, lines, strict=True):
                if kpi not in kpi_ids and self.known("kpis.yaml"):
                    f.error(f"unknown KPI '{kpi}' (known: {_known(kpi_ids)})", line=kline)
            lifecycle, target, tline = self.lifecycle(f, release_ids)
            if lifecycle.added is None and rec_lifecycle.added is not None:
                lifecycle = Lifecycle(rec_lifecycle.added, lifecycle.withdrawn)
            action = Action(
                id=action_id or "",
                recommendation=rec_id or "",
                description=description,
                strategic_lead=f.text("strategic_lead"),
                operational_lead=f.text("operational_lead"),
                resources=f.text("resources"),
                timescale=f.text("timescale"),
                due=f.date("due"),
                kpis=tuple(dict.fromkeys(kpis)),
                outcome=f.text("outcome"),
                lifecycle=lifecycle,
            )
            if action_id is None:
                continue
            if not f.first_time("action id", action_id, seen, line):
                continue
            anchor = {slugify(action_id): Name(f"{page}#{slugify(action_id)}", "anchor")}
            if case.add(action_id, node.line_of("id"), str(f.item)):
                anchors.add(action_id, node.line_of("id"), str(f.item), anchor)
            if target:
                merges[action_id] = (target, tline)
            actions.append(action)
        return actions
