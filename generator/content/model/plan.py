"""plan.yaml: the plan's groups, its recommendations and their actions."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic.json_schema import SkipJsonSchema

from generator.content.fields import Day, Id, OptionalText, RequiredText, Text, TextList, UrlId
from generator.content.model.base import ContentModel, Items, slugify


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


class Action(ContentModel):
    """An action the council takes towards a recommendation."""

    ITEM = "action {id}"
    JOINED = frozenset({"recommendation"})

    id: Id
    description: RequiredText
    strategic_lead: Text = ""
    operational_lead: Text = ""
    resources: Text = ""
    timescale: Text = ""
    """The timescale as the plan words it, such as March 2015 or Ongoing."""
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


class Recommendation(ContentModel):
    """A recommendation of the inspection, with the actions that answer it."""

    ITEM = "recommendation {id}"

    id: Id
    text: RequiredText
    groups: TextList
    """The ids of the groups it belongs to (at least one)."""
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
