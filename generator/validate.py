"""Stage 2: check the loaded content and build the typed model, reporting every problem at once.

Content layout (all paths relative to the content directory)::

    site.yaml              title, organisation, grouping names, status vocabulary, inspection
    plan.yaml              groups, recommendations and their actions
    kpis.yaml              KPI definitions (optional)
    kpi-values.csv         KPI series: kpi,date,value (optional)
    releases.yaml          releases, oldest first
    progress/<id>.yaml     per release: status and narrative of each action
    glossary.yaml          acronyms and their meanings (optional)
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .errors import Problems
from .fields import Fields, parse_date, parse_number
from .glossary import read_terms
from .load import YMap, inside, load_csv, load_yaml
from .model import (
    Action,
    Content,
    Erratum,
    Group,
    Grouping,
    Inspection,
    Kpi,
    Lifecycle,
    Meaning,
    Point,
    Polarity,
    Progress,
    Recommendation,
    Release,
    Reporting,
    Site,
    StatusDef,
    Withdrawal,
    slugify,
)

RELEASE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
RESERVED_RELEASE_IDS = ("latest", "assets", "search")
MEANINGS = tuple(m.value for m in Meaning)
POLARITIES = tuple(p.value for p in Polarity)


def load_content(content_dir: Path) -> Content:
    """Load and validate a content directory; raise ContentError listing every problem."""
    problems = Problems()
    content = _Validator(content_dir, problems).run()
    problems.raise_if_any()
    assert content is not None
    return content


def _known(ids: list[str] | tuple[str, ...]) -> str:
    return ", ".join(ids) if ids else "none defined"


class _Validator:
    def __init__(self, content_dir: Path, problems: Problems) -> None:
        self.dir = content_dir
        self.problems = problems
        self.grouping_word = "group"
        self.unreadable: set[str] = set()
        """Files reported as unreadable: references into them are not reported again."""
        self.release_lines: dict[str, int] = {}
        """Every release id defined, with its line, even where the rest of the release is bad."""

    # -- files -----------------------------------------------------------------------------

    def display(self, name: str) -> str:
        return str(self.dir / name)

    def _path(self, name: str, required: bool) -> Path | None:
        path = self.dir / name
        display = self.display(name)
        if not path.exists():
            if required:
                self.problems.add(display, None, None, "required file is missing")
                self.unreadable.add(name)
            return None
        if not inside(self.dir, path):
            self.problems.add(display, None, None, "points outside the content directory")
            self.unreadable.add(name)
            return None
        return path

    def yaml_root(self, name: str, required: bool = True) -> Fields | None:
        path = self._path(name, required)
        if path is None:
            return None
        display = self.display(name)
        data = load_yaml(path, display, self.problems)
        if data is None:
            self.unreadable.add(name)
            return None
        if not isinstance(data, YMap):
            self.problems.add(
                display, getattr(data, "line", 1), None, "expected a mapping of fields"
            )
            self.unreadable.add(name)
            return None
        return Fields(self.problems, display, data, None)

    def known(self, name: str) -> bool:
        """Whether references into ``name`` can be checked (it was read without problems)."""
        return name not in self.unreadable

    # -- the whole run ---------------------------------------------------------------------

    def run(self) -> Content | None:
        if not self.dir.is_dir():
            self.problems.add(str(self.dir), None, None, "content directory not found")
            return None
        site = self.site()
        self.grouping_word = site.grouping.singular.lower() if site else "group"
        releases = self.releases()
        release_ids = list(self.release_lines)  # includes releases with a bad date: no cascade
        kpis = self.kpis(release_ids)
        groups, recommendations = self.plan(release_ids, [k.id for k in kpis])
        if site is not None:
            releases = self.progress(site, releases, recommendations)
        glossary_root = self.yaml_root("glossary.yaml", required=False)
        terms = read_terms(glossary_root) if glossary_root else []
        if site is None or self.problems:
            return None
        return Content(
            site,
            tuple(groups),
            tuple(recommendations),
            tuple(kpis),
            tuple(releases),
            tuple(terms),
        )

    # -- site.yaml -------------------------------------------------------------------------

    def site(self) -> Site | None:
        root = self.yaml_root("site.yaml")
        if root is None:
            return None
        root.check_keys(
            ("title", "organisation", "grouping", "statuses", "inspection", "plan_summary")
        )
        title = root.text("title", required=True)
        organisation = root.text("organisation", required=True)
        grouping = Grouping("Group", "Groups")
        node = root.mapping("grouping", required=True)
        if node is not None:
            f = Fields(self.problems, root.file, node, "grouping")
            f.check_keys(("singular", "plural"))
            grouping = Grouping(f.text("singular", required=True), f.text("plural", required=True))
        inspection = None
        node = root.mapping("inspection")
        if node is not None:
            f = Fields(self.problems, root.file, node, "inspection")
            f.check_keys(("body", "title", "published", "judgement", "findings"))
            inspection = Inspection(
                body=f.text("body", required=True),
                title=f.text("title", required=True),
                published=f.date("published"),
                judgement=f.text("judgement"),
                findings=f.text("findings"),
            )
        statuses: list[StatusDef] = []
        seen: dict[str, int] = {}
        for line, node in root.items("statuses", required=True):
            status_id = node.raw.get("id") or node.get("id")
            f = Fields(
                self.problems, root.file, node, f"status '{status_id}'" if status_id else None
            )
            f.check_keys(("id", "label", "meaning", "description"))
            sid = f.ident("id")
            label = f.text("label", required=True)
            meaning = f.choice("meaning", MEANINGS, required=True)
            if sid is None or meaning is None:
                continue
            if sid in seen:
                f.error(f"duplicate status id '{sid}' (first defined on line {seen[sid]})", "id")
                continue
            seen[sid] = line
            statuses.append(StatusDef(sid, label, Meaning(meaning), f.text("description")))
        not_reported = [s for s in statuses if s.meaning is Meaning.NOT_REPORTED]
        if len(not_reported) > 1:
            root.error(
                "more than one status means not-reported "
                f"({', '.join(s.id for s in not_reported)}); keep one",
                "statuses",
            )
        if not statuses and "statuses" in root.node:
            root.error("field 'statuses' must list at least one status", "statuses")
        return Site(
            title, organisation, grouping, tuple(statuses), inspection, root.text("plan_summary")
        )

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
            if not RELEASE_ID_RE.match(release_id) or release_id in RESERVED_RELEASE_IDS:
                f.error(
                    "field 'id': a release id becomes part of the URL: use lower-case letters, "
                    f"digits, '.', '-' or '_' (not {', '.join(RESERVED_RELEASE_IDS)}), "
                    f"found '{release_id}'",
                    "id",
                )
                continue
            if release_id in lines:
                f.error(
                    f"duplicate release id '{release_id}' (first defined on line "
                    f"{lines[release_id]})",
                    "id",
                )
                continue
            lines[release_id] = line
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
        for line, node in root.items("groups", required=True):
            gid = node.raw.get("id") or node.get("id")
            f = Fields(self.problems, root.file, node, f"{grouping_word} {gid}" if gid else None)
            f.check_keys(("id", "title", "description"))
            group_id = f.ident("id", url=True)
            title = f.text("title", required=True)
            if group_id is None:
                continue
            if group_id in group_lines:
                f.error(
                    f"duplicate {grouping_word} id '{group_id}' (first defined on line "
                    f"{group_lines[group_id]})",
                    "id",
                )
                continue
            group_lines[group_id] = line
            groups.append(Group(group_id, title, f.text("description")))
        group_ids = [g.id for g in groups]

        recommendations: list[Recommendation] = []
        rec_lines: dict[str, int] = {}
        slugs: dict[str, str] = {}
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
                f, rec_id, release_ids, kpi_ids, lifecycle, action_lines, action_merges
            )
            if rec_id is None:
                continue
            if rec_id in rec_lines:
                f.error(
                    f"duplicate recommendation id '{rec_id}' (first defined on line "
                    f"{rec_lines[rec_id]})",
                    "id",
                )
                continue
            slug = slugify(rec_id)
            if slug in slugs:
                f.error(
                    f"id '{rec_id}' gives the same web address ('{slug}') as recommendation "
                    f"{slugs[slug]}",
                    "id",
                )
                continue
            rec_lines[rec_id] = line
            slugs[slug] = rec_id
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
    ) -> list[Action]:
        actions: list[Action] = []
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
            if action_id in seen:
                f.error(
                    f"duplicate action id '{action_id}' (first defined on line {seen[action_id]})",
                    "id",
                )
                continue
            seen[action_id] = line
            if target:
                merges[action_id] = (target, tline)
            actions.append(action)
        return actions

    # -- kpis.yaml and kpi-values.csv ------------------------------------------------------

    def point(self, f: Fields, key: str) -> Point | None:
        node = f.mapping(key)
        if node is None:
            return None
        pf = Fields(self.problems, f.file, node, f.item)
        pf.check_keys(("value", "date"))
        value = pf.number("value", required=True)
        when = pf.date("date", required=True)
        if value is None or when is None:
            return None
        return Point(when, value)

    def kpis(self, release_ids: list[str]) -> list[Kpi]:
        root = self.yaml_root("kpis.yaml", required=False)
        if root is None:
            return []
        root.check_keys(("kpis",))
        defined: list[tuple[Fields, dict]] = []
        lines: dict[str, int] = {}
        for line, node in root.items("kpis", required=True):
            kid = node.raw.get("id") or node.get("id")
            f = Fields(self.problems, root.file, node, f"KPI {kid}" if kid else None)
            f.check_keys(
                (
                    "id",
                    "code",
                    "title",
                    "unit",
                    "polarity",
                    "description",
                    "baseline",
                    "target",
                    "milestones",
                    "added",
                )
            )
            kpi_id = f.ident("id", url=True)
            fields = dict(
                code=f.text("code"),
                title=f.text("title", required=True),
                unit=f.text("unit", required=True),
                polarity=f.choice("polarity", POLARITIES, required=True),
                description=f.text("description"),
                baseline=self.point(f, "baseline"),
                target=self.point(f, "target"),
                milestones=[],
                added=f.text("added") or None,
            )
            for _, mnode in f.items("milestones"):
                mf = Fields(self.problems, root.file, mnode, f.item)
                mf.check_keys(("value", "date"))
                value, when = mf.number("value", required=True), mf.date("date", required=True)
                if value is not None and when is not None:
                    fields["milestones"].append(Point(when, value))
            added = fields["added"]
            if added and added not in release_ids and self.known("releases.yaml"):
                f.error(
                    f"field 'added': unknown release '{fields['added']}' "
                    f"(known: {_known(release_ids)})",
                    "added",
                )
            if kpi_id is None:
                continue
            if kpi_id in lines:
                f.error(
                    f"duplicate KPI id '{kpi_id}' (first defined on line {lines[kpi_id]})", "id"
                )
                continue
            lines[kpi_id] = line
            defined.append((f, {"id": kpi_id, **fields}))
        series = self.kpi_values(list(lines))
        kpis = []
        for _, fields in defined:
            if fields["polarity"] is None:
                continue
            kpis.append(
                Kpi(
                    id=fields["id"],
                    code=fields["code"],
                    title=fields["title"],
                    unit=fields["unit"],
                    polarity=Polarity(fields["polarity"]),
                    description=fields["description"],
                    baseline=fields["baseline"],
                    target=fields["target"],
                    milestones=tuple(sorted(fields["milestones"], key=lambda p: p.date)),
                    values=tuple(sorted(series.get(fields["id"], []), key=lambda p: p.date)),
                    added=fields["added"],
                )
            )
        return kpis

    def kpi_values(self, kpi_ids: list[str]) -> dict[str, list[Point]]:
        path = self._path("kpi-values.csv", required=False)
        if path is None:
            return {}
        display = self.display("kpi-values.csv")
        table = load_csv(path, display, self.problems)
        if table is None:
            return {}
        missing = [c for c in ("kpi", "date", "value") if c not in table.header]
        if missing:
            self.problems.add(
                display,
                1,
                None,
                f"missing column(s) {', '.join(missing)} (expected: kpi, date, value)",
            )
            return {}
        series: dict[str, list[Point]] = {}
        seen: dict[tuple[str, str], int] = {}
        for row in table.rows:
            kpi, when_text, value_text = row.values["kpi"], row.values["date"], row.values["value"]
            item = f"KPI {kpi}" if kpi else None
            ok = True
            if kpi not in kpi_ids:
                if self.known("kpis.yaml"):
                    self.problems.add(
                        display, row.line, item, f"unknown KPI '{kpi}' (known: {_known(kpi_ids)})"
                    )
                ok = False
            when, reason = parse_date(when_text)
            if reason:
                self.problems.add(display, row.line, item, f"column 'date': {reason}")
                ok = False
            if not value_text:
                self.problems.add(
                    display,
                    row.line,
                    item,
                    "column 'value': missing value (leave the row out if nothing was reported)",
                )
                ok = False
                value = None
            else:
                value = parse_number(value_text)
                if value is None:
                    self.problems.add(
                        display,
                        row.line,
                        item,
                        f"column 'value': expected a number, found '{value_text}'",
                    )
                    ok = False
            key = (kpi, when_text)
            if key in seen:
                self.problems.add(
                    display,
                    row.line,
                    item,
                    f"a value for {when_text} was already given on line {seen[key]}",
                )
                ok = False
            seen.setdefault(key, row.line)
            if ok and when is not None and value is not None:
                series.setdefault(kpi, []).append(Point(when, value))
        return series

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
                        f"no release '{path.stem}' in releases.yaml "
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
