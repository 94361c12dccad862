"""The typed model that sits between validation and rendering.

Everything here is immutable and already checked: templates and derived facts can rely on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from generator.errors import ProgressSiteError


class Meaning(StrEnum):
    """What a status means to the generator, whatever a council calls it."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    COMPLETE = "complete"
    NOT_REPORTED = "not-reported"


class Polarity(StrEnum):
    """Which way a KPI should move."""

    HIGHER = "higher"
    LOWER = "lower"
    NEUTRAL = "neutral"


def slugify(text: str) -> str:
    """A URL-safe, stable slug: ``13/14`` -> ``13-14``, ``1.1`` -> ``1.1``."""
    slug = re.sub(r"[^a-z0-9._-]+", "-", text.strip().lower()).strip("-.")
    return slug or "item"


@dataclass(frozen=True)
class StatusDef:
    id: str
    label: str
    meaning: Meaning
    description: str = ""


NOT_REPORTED = StatusDef(
    "not-reported",
    "Not reported",
    Meaning.NOT_REPORTED,
    "The progress report gave no status for this action.",
)


@dataclass(frozen=True)
class Grouping:
    singular: str
    plural: str


@dataclass(frozen=True)
class Inspection:
    body: str
    title: str
    published: date | None
    judgement: str
    findings: str


@dataclass(frozen=True)
class Site:
    title: str
    organisation: str
    grouping: Grouping
    statuses: tuple[StatusDef, ...]
    inspection: Inspection | None
    plan_summary: str
    url: str = ""
    """Where the site is published, such as https://example.gov.uk/improvement/ (optional):
    makes the feed's links absolute and gives every page its canonical address."""

    def status(self, status_id: str) -> StatusDef:
        for status in self.statuses:
            if status.id == status_id:
                return status
        raise KeyError(status_id)

    @property
    def not_reported(self) -> StatusDef:
        for status in self.statuses:
            if status.meaning is Meaning.NOT_REPORTED:
                return status
        return NOT_REPORTED


@dataclass(frozen=True)
class Withdrawal:
    """An item taken out of the plan in a release, possibly merged into another."""

    release: str
    reason: str
    merged_into: str | None = None


@dataclass(frozen=True)
class Lifecycle:
    added: str | None = None
    withdrawn: Withdrawal | None = None


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Action:
    id: str
    recommendation: str
    description: str
    strategic_lead: str
    operational_lead: str
    resources: str
    timescale: str
    due: date | None
    kpis: tuple[str, ...]
    outcome: str
    lifecycle: Lifecycle = Lifecycle()

    @property
    def anchor(self) -> str:
        return slugify(self.id)


@dataclass(frozen=True)
class Recommendation:
    id: str
    text: str
    groups: tuple[str, ...]
    actions: tuple[Action, ...]
    lifecycle: Lifecycle = Lifecycle()

    @property
    def slug(self) -> str:
        return slugify(self.id)


@dataclass(frozen=True)
class Point:
    date: date
    value: float


@dataclass(frozen=True)
class Kpi:
    id: str
    code: str
    title: str
    unit: str
    polarity: Polarity
    description: str
    baseline: Point | None
    target: Point | None
    milestones: tuple[Point, ...]
    values: tuple[Point, ...]
    added: str | None = None


@dataclass(frozen=True)
class Reporting:
    body: str
    date: date | None


@dataclass(frozen=True)
class Progress:
    status: str
    narrative: str
    carried_forward: bool = False
    """Copied from the previous release by ``new-release`` and not yet edited."""


@dataclass(frozen=True)
class Release:
    id: str
    date: date
    title: str
    summary: str
    reported_to: tuple[Reporting, ...]
    progress: dict[str, Progress] = field(default_factory=dict, hash=False)
    draft: bool = False
    published: date | None = None
    errata: tuple[Erratum, ...] = ()


@dataclass(frozen=True)
class Erratum:
    """A correction to a published release, made openly: when, why and what was corrected."""

    date: date
    reason: str
    corrected: str


@dataclass(frozen=True)
class Term:
    """A glossary entry: an acronym or a piece of jargon, and what it means in plain words."""

    term: str
    meaning: str
    description: str = ""


@dataclass(frozen=True)
class Content:
    site: Site
    groups: tuple[Group, ...]
    recommendations: tuple[Recommendation, ...]
    kpis: tuple[Kpi, ...]
    releases: tuple[Release, ...]
    """Oldest first."""
    glossary: tuple[Term, ...] = ()

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
