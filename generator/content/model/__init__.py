"""The content model: every field of every content file, declared once.

Each class is one kind of item in the content files, and each field is one key, with its kind
(``fields``) and, under it, what it means. Validation (``read``, ``validate``), the JSON
Schema (``schema``) and every later stage use these declarations. Everything is immutable
and, once ``validate`` has checked it, consistent: templates and derived facts rely on it.

``ITEM`` says how problems name an item of a class (``action 1.1``), and ``JOINED`` lists the
fields filled from another file (a KPI's values come from ``kpi-values.csv``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.content.model.base import ContentModel, Meaning, Polarity, slugify
from generator.content.model.kpis import Kpi, Kpis, Point, Tolerance, Value
from generator.content.model.plan import (
    RECOMMENDATION_COLUMNS,
    RECOMMENDATION_LAST_COLUMNS,
    RESERVED_FACET_IDS,
    Action,
    Facet,
    FacetValue,
    Group,
    Lifecycle,
    MergedText,
    Plan,
    Recommendation,
    Target,
    Withdrawal,
)
from generator.content.model.releases import (
    Assessment,
    Erratum,
    Evidence,
    Glossary,
    Progress,
    ProgressReport,
    RecommendationProgress,
    Release,
    Releases,
    Reporting,
    Term,
)
from generator.content.model.site import (
    NOT_REPORTED,
    Grouping,
    Inspection,
    Period,
    Site,
    StatusDef,
    Terms,
    Words,
)
from generator.errors import ProgressSiteError

__all__ = [
    "FILES",
    "NOT_REPORTED",
    "RECOMMENDATION_COLUMNS",
    "RECOMMENDATION_LAST_COLUMNS",
    "RESERVED_FACET_IDS",
    "Action",
    "Assessment",
    "Content",
    "ContentModel",
    "Erratum",
    "Evidence",
    "Facet",
    "FacetValue",
    "MergedText",
    "RecommendationProgress",
    "Target",
    "Glossary",
    "Group",
    "Grouping",
    "Inspection",
    "Kpi",
    "Kpis",
    "Lifecycle",
    "Meaning",
    "Plan",
    "Point",
    "Tolerance",
    "Value",
    "Polarity",
    "Progress",
    "ProgressReport",
    "Recommendation",
    "Release",
    "Releases",
    "Reporting",
    "Site",
    "StatusDef",
    "Term",
    "Terms",
    "Words",
    "Period",
    "Withdrawal",
    "slugify",
]


@dataclass(frozen=True)
class Content:
    site: Site
    groups: tuple[Group, ...]
    recommendations: tuple[Recommendation, ...]
    kpis: tuple[Kpi, ...]
    releases: tuple[Release, ...]
    """Oldest first."""
    glossary: tuple[Term, ...] = ()
    facets: tuple[Facet, ...] = ()
    """Other ways the plan groups its recommendations, beside its groups."""

    def release(self, release_id: str) -> Release:
        for release in self.releases:
            if release.id == release_id:
                return release
        raise KeyError(release_id)

    def require_release(self, release_id: str) -> Release:
        """The release with this id, or an error for the user listing the known ids."""
        for release in self.releases:
            if release.id == release_id:
                return release
        known = ", ".join(r.id for r in self.releases) or "none"
        raise ProgressSiteError(f"unknown release {release_id!r}. Known releases: {known}")

    def release_index(self, release_id: str) -> int:
        return [r.id for r in self.releases].index(release_id)

    def without_drafts(self) -> Content:
        """The content as the public sees it: draft releases left out."""
        return replace(self, releases=tuple(r for r in self.releases if not r.draft))


FILES: dict[str, type[ContentModel]] = {
    "site.yaml": Site,
    "plan.yaml": Plan,
    "kpis.yaml": Kpis,
    "releases.yaml": Releases,
    "progress": ProgressReport,
    "glossary.yaml": Glossary,
}
"""The model of each content file (``progress`` stands for every progress/<release>.yaml)."""
