"""plan.yaml: the plan's groups, its recommendations and their actions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BeforeValidator
from pydantic.json_schema import SkipJsonSchema

from generator.content.fields import (
    Day,
    Id,
    OptionalText,
    RequiredText,
    Text,
    TextList,
    UrlId,
    none_as_empty,
)
from generator.content.model.base import ContentModel, Items, slugify
from generator.content.plaintext import ShortName


class Withdrawal(ContentModel):
    """An item taken out of the plan in a release, possibly merged into another."""

    release: RequiredText
    """The release in which the item left the plan."""
    reason: RequiredText
    merged_into: OptionalText = None
    """The id of the item it was merged into, if any."""


@dataclass(frozen=True)
class Lifecycle:
    """When an item joined the plan and when it left: its ``added`` and ``withdrawn``."""

    added: str | None = None
    withdrawn: Withdrawal | None = None


class Group(ContentModel):
    """One of the plan's groups of recommendations (a pillar, a priority, a theme)."""

    ITEM = "{grouping} {id}"

    id: UrlId
    title: RequiredText
    description: Text = ""


class FacetValue(ContentModel):
    """One value of a facet, such as To be undertaken immediately."""

    ITEM = "{parent}: value {id}"

    id: UrlId
    title: RequiredText
    description: Text = ""


RECOMMENDATION_COLUMNS = ("recommendation", "text", "outcome", "groups")
"""The columns of the open data recommendations.csv (and .json) before the facets' columns."""
RECOMMENDATION_LAST_COLUMNS = ("targets", "merged_from", "narrative", "state")
"""The columns after the facets' columns."""
RESERVED_FACET_IDS = (*RECOMMENDATION_COLUMNS, *RECOMMENDATION_LAST_COLUMNS)
"""Ids a facet cannot take: the open data names a column after each facet, beside these."""


class Facet(ContentModel):
    """Another way the plan groups its recommendations, beside its groups: a timeframe, a
    priority band, a theme."""

    ITEM = "facet {id}"

    id: UrlId
    singular: RequiredText
    """What one value is called, such as Timeframe."""
    plural: RequiredText
    values: tuple[FacetValue, ...]


class Target(ContentModel):
    """A target the plan states in words, such as By 2019 50% of care leavers will achieve
    level 2 or 3 qualifications."""

    text: RequiredText
    due: Day = None
    kpis: TextList = ()
    """The ids of the KPIs that measure it."""


class MergedText(ContentModel):
    """The text of a recommendation as it stood before it was merged into another."""

    id: Id
    text: RequiredText


class Action(ContentModel):
    """An action the council takes towards a recommendation."""

    ITEM = "action {id}"
    JOINED = frozenset({"recommendation"})

    id: Id
    title: ShortName = ""
    """A short name, in plain text on one line: the action's heading wherever it is shown
    (optional)."""
    description: Text = ""
    """What will be done (Markdown: paragraphs and lists are kept); required unless the action
    is withdrawn."""
    lead: Text = ""
    """The one person or team accountable, where the plan names a single lead."""
    strategic_lead: Text = ""
    operational_lead: Text = ""
    resources: Text = ""
    timescale: Text = ""
    """The timescale as the plan words it, such as March 2015 or Ongoing."""
    start: Day = None
    """The planned start: an action not started by then is late to start (optional)."""
    due: Day = None
    kpis: TextList = ()
    """The ids of the KPIs that measure this action."""
    outcome: Text = ""
    added: OptionalText = None
    """The release in which the action joined the plan (by default its recommendation's)."""
    withdrawn: Withdrawal | None = None
    recommendation: SkipJsonSchema[str] = ""
    """The id of the recommendation the action belongs to."""

    @property
    def lifecycle(self) -> Lifecycle:
        return Lifecycle(self.added, self.withdrawn)

    @property
    def anchor(self) -> str:
        return slugify(self.id)

    @property
    def heading(self) -> str:
        """How the action is named in headings and lists: its title where it has one."""
        return f"{self.id}: {self.title}" if self.title else self.id


class Recommendation(ContentModel):
    """A recommendation of the inspection, with the actions that answer it."""

    ITEM = "recommendation {id}"

    id: Id
    text: Text = ""
    """The recommendation as the inspection worded it (Markdown); required unless it is
    withdrawn."""
    groups: TextList = ()
    """The ids of the groups it belongs to (at least one, unless it is withdrawn)."""
    facets: Annotated[dict[str, TextList], BeforeValidator(none_as_empty)] = {}
    """For each facet of the plan, the id of its value here, or a list of ids."""
    outcome: Text = ""
    """The outcome the plan states for this recommendation (Markdown)."""
    targets: Items(Target) = ()
    merged_from: Items(MergedText) = ()
    """The recommendations this one merged, with their own texts."""
    added: OptionalText = None
    """The release in which the recommendation joined the plan."""
    withdrawn: Withdrawal | None = None
    actions: Items(Action) = ()

    @property
    def lifecycle(self) -> Lifecycle:
        return Lifecycle(self.added, self.withdrawn)

    @property
    def slug(self) -> str:
        return slugify(self.id)


class Plan(ContentModel):
    """plan.yaml: the plan's groups and its recommendations."""

    groups: tuple[Group, ...]
    recommendations: tuple[Recommendation, ...]
    facets: Items(Facet) = ()
    """Other ways the plan groups its recommendations."""
