"""Check the loaded content and build the typed model, reporting every problem at once.

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

from pathlib import Path

from generator.content.checks import ContentChecks, Spot
from generator.content.checks_kpis import KpiChecks
from generator.content.checks_plan import PlanChecks
from generator.content.checks_releases import ReleaseChecks
from generator.content.glossary import read_terms
from generator.content.load import YMap
from generator.content.model import Content, Grouping, Meaning, Site
from generator.content.transaction import reading
from generator.errors import ContentError, Problems


def load_content(content_dir: Path) -> Content:
    """Load and validate a content directory; raise ContentError listing every problem.

    An interrupted ``publish`` or ``new-release`` is completed or undone first, and one running
    meanwhile is waited for (``transaction``).
    """
    problems = Problems()
    with reading(content_dir):
        content = _Validator(content_dir, problems).run()
    problems.raise_if_any()
    if content is None:  # a problem-free run always gives content
        raise ContentError([])
    return content


class _Validator(ReleaseChecks, PlanChecks, KpiChecks, ContentChecks):
    """The whole validation: each file kind is checked by its own part (``checks_*``)."""

    # -- the whole run ---------------------------------------------------------------------

    def run(self) -> Content | None:
        if not self.dir.is_dir():
            self.problems.add(str(self.dir), None, None, "content directory not found")
            return None
        site = self.site()
        self.grouping_word = site.grouping.singular.lower() if site and site.grouping else "group"
        words = site.terms.recommendation if site and site.terms else None
        self.recommendation_heading = words.singular if words else "Recommendation"
        releases = self.releases()
        release_ids = list(self.release_lines)  # includes releases with a bad date: no cascade
        kpis = self.kpis(release_ids)
        groups, recommendations, facets = self.plan(release_ids, [k.id for k in kpis])
        self.kpi_places_known([g.id for g in groups], [r.id for r in recommendations])
        if site is not None:
            releases = self.progress(site, releases, recommendations)
        terms = read_terms(self)
        if site is None or self.problems:
            return None
        return Content(
            site,
            tuple(groups),
            tuple(recommendations),
            tuple(kpis),
            tuple(releases),
            tuple(terms),
            facets,
        )

    # -- site.yaml -------------------------------------------------------------------------

    def site(self) -> Site | None:
        read = self.read("site.yaml", Site)
        if read is None:
            return None
        site, root = read
        statuses = []
        seen: dict[str, int] = {}
        for status, spot in self.items(root, "statuses", site.statuses):
            if (
                status.id
                and status.meaning
                and spot.first_time("status id", status.id, seen, spot.node.line)
            ):
                statuses.append(status)
        not_reported = [s for s in statuses if s.meaning is Meaning.NOT_REPORTED]
        if len(not_reported) > 1:
            root.error(
                "more than one status means not-reported "
                f"({', '.join(s.id for s in not_reported)}); keep one",
                "statuses",
            )
        if not site.statuses and "statuses" in root.node:
            root.error("field 'statuses' must list at least one status", "statuses")
        self.period(site, root)
        return site.model_copy(update={"statuses": tuple(statuses), **self.group_words(site, root)})

    @staticmethod
    def period(site: Site, root: Spot) -> None:
        period = site.period
        if period and period.start and period.end and period.start > period.end:
            root.error(
                f"period: start ({period.start.isoformat()}) is after end "
                f"({period.end.isoformat()})",
                "period",
            )

    def group_words(self, site: Site, root: Spot) -> dict[str, Grouping]:
        """``grouping:`` and ``terms: group`` both name the group: one is needed, and where
        both are given they must agree. The group's words are then ``site.grouping``."""
        term = site.terms.group if site.terms else None
        if term is None:
            if site.grouping is None and "grouping" not in root.node:
                terms = root.node.get("terms")
                if not (isinstance(terms, YMap) and "group" in terms):
                    root.error("missing required field 'grouping' (or terms: group)")
            return {}
        if site.grouping is not None and (site.grouping.singular, site.grouping.plural) != (
            term.singular,
            term.plural,
        ):
            root.error(
                f"grouping ({site.grouping.singular}/{site.grouping.plural}) and terms: group "
                f"({term.singular}/{term.plural}) differ; give the group's words once",
                "grouping",
            )
            return {}
        if not (term.singular and term.plural):
            return {}
        return {"grouping": Grouping(singular=term.singular, plural=term.plural)}
