"""Checks of plan.yaml across items: ids, references to groups and KPIs, the lifecycle."""

from __future__ import annotations

from generator.content.checks import ContentChecks, Spot, _known
from generator.content.ids import (
    INDICATORS_PART,
    OTHER_PART,
    CaseSpace,
    IdSpace,
    Name,
    folder_names,
    page_anchors,
)
from generator.content.model import (
    RESERVED_FACET_IDS,
    Action,
    Facet,
    FacetValue,
    Group,
    Plan,
    Recommendation,
    Withdrawal,
)

Merges = dict[str, tuple[str, int]]
"""Each merged item's id, with the id it was merged into and the line saying so."""


def _required_unless_withdrawn(spot: Spot, key: str, value: str) -> None:
    """Text an item must have while it is in the plan: a withdrawn item may leave it out."""
    if value or "withdrawn" in spot.node:
        return
    written = spot.node.get(key)
    if isinstance(written, str) and written.strip():
        return  # written, but refused by the field's own check (already reported)
    if key in spot.node and spot.node[key] is not None:
        spot.error(f"field '{key}' must not be empty", key)
    else:
        spot.error(f"missing required field '{key}'")


class _ActionIds:
    """Action ids are unique across the plan, and each is an anchor on its page."""

    def __init__(self, checks: ContentChecks, file: str) -> None:
        self.lines: dict[str, int] = {}
        self.merges: Merges = {}
        self.case = CaseSpace(checks.problems, file)


class PlanChecks(ContentChecks):
    """Checks of plan.yaml, part of the validator in ``validate``."""

    # -- lifecycle (added / withdrawn / merged) --------------------------------------------

    def lifecycle(
        self, item: Recommendation | Action, spot: Spot, release_ids: list[str]
    ) -> tuple[str | None, Withdrawal | None, tuple[str, int] | None]:
        """The item's checked ``added`` and ``withdrawn``, and its merge target with its line."""
        added = item.added
        if added is not None and added not in release_ids:
            if self.known("releases.yaml"):
                spot.error(
                    f"field 'added': unknown release '{added}' (known: {_known(release_ids)})",
                    "added",
                )
            added = None
        withdrawn = item.withdrawn
        within = spot.within("withdrawn", Withdrawal)
        if withdrawn is None or within is None:
            return added, None, None
        release = withdrawn.release
        target = withdrawn.merged_into
        merge = (target, within.node.line_of("merged_into")) if target else None
        if release and release not in release_ids:
            if self.known("releases.yaml"):
                within.error(
                    f"field 'release': unknown release '{release}' (known: {_known(release_ids)})",
                    "release",
                )
            return added, None, merge
        if release and added and release_ids.index(release) < release_ids.index(added):
            within.error(
                f"withdrawn in release {release}, before it was added in {added}", "release"
            )
            return added, None, merge
        return added, withdrawn if release and withdrawn.reason else None, merge

    def check_merges(self, kind: str, file: str, merges: Merges, known: set[str]) -> None:
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
    ) -> tuple[list[Group], list[Recommendation], tuple[Facet, ...]]:
        read = self.read("plan.yaml", Plan)
        if read is None:
            return [], [], ()
        plan, root = read
        groups = self.groups(plan, root)
        group_ids = [g.id for g in groups]
        facets = self.facets(plan, root)
        recommendations: list[Recommendation] = []
        rec_lines: dict[str, int] = {}
        rec_space = IdSpace(self.problems, root.file, folder_names("recommendations"))
        action_ids = _ActionIds(self, root.file)
        rec_merges: Merges = {}
        for rec, spot in self.items(root, "recommendations", plan.recommendations):
            self.group_references(rec, spot, group_ids)
            self.facet_references(rec, spot, facets)
            self.target_references(rec, spot, kpi_ids)
            _required_unless_withdrawn(spot, "text", rec.text)
            added, withdrawn, merge = self.lifecycle(rec, spot, release_ids)
            rec = rec.model_copy(update={"added": added, "withdrawn": withdrawn})
            actions = self.actions(rec, spot, release_ids, kpi_ids, action_ids)
            if not rec.id or not spot.first_time(
                "recommendation id", rec.id, rec_lines, spot.node.line
            ):
                continue
            page = {rec.slug: Name(f"recommendations/{rec.slug}/", "page")}
            rec_space.add(rec.id, spot.node.line_of("id"), str(spot.item), page)
            if merge:
                rec_merges[rec.id] = merge
            groups_once = tuple(dict.fromkeys(rec.groups))
            recommendations.append(
                rec.model_copy(update={"groups": groups_once, "actions": tuple(actions)})
            )
        self.check_merges("recommendation", root.file, rec_merges, set(rec_lines))
        self.check_merges("action", root.file, action_ids.merges, set(action_ids.lines))
        return groups, recommendations, tuple(facets.values())

    def groups(self, plan: Plan, root: Spot) -> list[Group]:
        groups: list[Group] = []
        lines: dict[str, int] = {}
        # a group's id also names its part of a long comparison, changes/<group-id>/, and of
        # a long printable report, report/<group-id>/
        reserved = folder_names("pillars") | {
            name: f"the site's own page {page}/index.html"
            for name, page in (
                ("baseline", "changes/baseline"),
                (INDICATORS_PART, f"report/{INDICATORS_PART}"),
                (OTHER_PART, f"report/{OTHER_PART}"),
            )
        }
        space = IdSpace(self.problems, root.file, reserved)
        for group, spot in self.items(root, "groups", plan.groups):
            if not group.id or not spot.first_time(
                f"{self.grouping_word} id", group.id, lines, spot.node.line
            ):
                continue
            page = {group.id: Name(f"pillars/{group.id}/", "page")}
            space.add(group.id, spot.node.line_of("id"), str(spot.item), page)
            groups.append(group)
        return groups

    def facets(self, plan: Plan, root: Spot) -> dict[str, Facet]:
        """The plan's facets by id, each id and each value id within a facet defined once."""
        facets: dict[str, Facet] = {}
        lines: dict[str, int] = {}
        space = IdSpace(self.problems, root.file, folder_names("facets"))
        for facet, spot in self.items(root, "facets", plan.facets):
            values: list[FacetValue] = []
            value_lines: dict[str, int] = {}
            value_space = IdSpace(self.problems, root.file, folder_names(f"facets/{facet.id}"))
            for value, vspot in self.items(spot, "values", facet.values):
                if value.id and vspot.first_time(
                    f"{facet.singular.lower() or 'value'} id",
                    value.id,
                    value_lines,
                    vspot.node.line,
                ):
                    page = {value.id: Name(f"facets/{facet.id}/{value.id}/", "page")}
                    if value_space.add(value.id, vspot.node.line_of("id"), str(vspot.item), page):
                        values.append(value)
            if "values" in spot.node and not facet.values:
                spot.error("field 'values' must list at least one value", "values")
            if not facet.id or not spot.first_time("facet id", facet.id, lines, spot.node.line):
                continue
            if facet.id in RESERVED_FACET_IDS:
                spot.error(
                    f"id '{facet.id}' is taken: recommendations.csv and recommendations.json "
                    "name a column after each facet, and they already have a column "
                    f"'{facet.id}' ({', '.join(RESERVED_FACET_IDS)}); choose another id",
                    "id",
                )
                continue
            page = {facet.id: Name(f"facets/{facet.id}/", "page")}
            space.add(facet.id, spot.node.line_of("id"), str(spot.item), page)
            facets[facet.id] = facet.model_copy(update={"values": tuple(values)})
        return facets

    def facet_references(self, rec: Recommendation, spot: Spot, facets: dict[str, Facet]) -> None:
        within = spot.node.get("facets")
        if not isinstance(within, dict):
            return
        for facet_id, value_ids in rec.facets.items():
            facet = facets.get(facet_id)
            if facet is None:
                spot.error(
                    f"unknown facet '{facet_id}' (known: {_known(list(facets))})",
                    line=within.line_of(facet_id),
                )
                continue
            known = [v.id for v in facet.values]
            for value_id in value_ids:
                if value_id not in known:
                    spot.error(
                        f"unknown {facet.singular.lower()} '{value_id}' (known: {_known(known)})",
                        line=within.line_of(facet_id),
                    )

    def target_references(self, rec: Recommendation, spot: Spot, kpi_ids: list[str]) -> None:
        for target, tspot in self.items(spot, "targets", rec.targets):
            for kpi, line in zip(target.kpis, tspot.key_lines("kpis"), strict=False):
                if kpi not in kpi_ids and self.known("kpis.yaml"):
                    tspot.error(f"unknown KPI '{kpi}' (known: {_known(kpi_ids)})", line=line)

    def group_references(self, rec: Recommendation, spot: Spot, group_ids: list[str]) -> None:
        for group, line in zip(rec.groups, spot.key_lines("groups"), strict=False):
            if group not in group_ids:
                spot.error(
                    f"unknown {self.grouping_word} '{group}' (known: {_known(group_ids)})",
                    line=line,
                )
        if spot.node.get("groups") is None and "withdrawn" not in spot.node:
            spot.error("missing required field 'groups'")
        if isinstance(spot.node.get("groups"), list) and not rec.groups:
            spot.error(
                f"no {self.grouping_word} given (each recommendation needs at least one)", "groups"
            )

    def actions(
        self,
        rec: Recommendation,
        rec_spot: Spot,
        release_ids: list[str],
        kpi_ids: list[str],
        ids: _ActionIds,
    ) -> list[Action]:
        actions: list[Action] = []
        anchors = IdSpace(
            self.problems,
            rec_spot.file,
            page_anchors(rec.id, self.recommendation_heading) if rec.id else {},
        )
        page = f"recommendations/{rec.slug}/" if rec.id else ""
        for action, spot in self.items(rec_spot, "actions", rec.actions):
            _required_unless_withdrawn(spot, "description", action.description)
            if action.start and action.due and action.start > action.due:
                spot.error(
                    f"starts on {action.start.isoformat()}, after it is due "
                    f"({action.due.isoformat()}); check the two dates",
                    "start",
                )
            for kpi, line in zip(action.kpis, spot.key_lines("kpis"), strict=False):
                if kpi not in kpi_ids and self.known("kpis.yaml"):
                    spot.error(f"unknown KPI '{kpi}' (known: {_known(kpi_ids)})", line=line)
            added, withdrawn, merge = self.lifecycle(action, spot, release_ids)
            action = action.model_copy(
                update={
                    "recommendation": rec.id,
                    "added": added or rec.added,
                    "withdrawn": withdrawn,
                    "kpis": tuple(dict.fromkeys(action.kpis)),
                }
            )
            if not action.id or not spot.first_time(
                "action id", action.id, ids.lines, spot.node.line
            ):
                continue
            anchor = {action.anchor: Name(f"{page}#{action.anchor}", "anchor")}
            line = spot.node.line_of("id")
            if ids.case.add(action.id, line, str(spot.item)):
                anchors.add(action.id, line, str(spot.item), anchor)
            if merge:
                ids.merges[action.id] = merge
            actions.append(action)
        return actions
