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
from generator.content.model.meta import MARKDOWN, PLAIN, Meta
from generator.content.plaintext import ShortName


class Withdrawal(ContentModel):
    """An item taken out of the plan in a release, possibly merged into another."""

    release: RequiredText
    """The release in which the item left the plan."""
    reason: Annotated[RequiredText, Meta(text=PLAIN)]
    """Why it was withdrawn, as readers are told."""
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
    title: Annotated[RequiredText, Meta(text=PLAIN)]
    """The group's name, as headings and menus show it."""
    description: Annotated[Text, Meta(text=MARKDOWN)] = ""
    """What the group covers (Markdown), shown at the top of its page."""


class FacetValue(ContentModel):
    """One value of a facet, such as To be undertaken immediately."""

    ITEM = "{parent}: value {id}"

    id: UrlId
    title: Annotated[RequiredText, Meta(text=PLAIN)]
    """The value's name, as readers see it."""
    description: Annotated[Text, Meta(text=MARKDOWN)] = ""
    """What the value means (Markdown), shown on its page."""


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
    singular: Annotated[RequiredText, Meta(text=PLAIN)]
    """What one value is called, such as Timeframe."""
    plural: Annotated[RequiredText, Meta(text=PLAIN)]
    """The facet's name for more than one value ("Themes"), used in headings."""
    values: tuple[FacetValue, ...]
    """The values a recommendation can take, in the order pages list them."""


class Target(ContentModel):
    """A target the plan states in words, such as By 2019 50% of care leavers will achieve
    level 2 or 3 qualifications."""

    text: Annotated[RequiredText, Meta(text=PLAIN)]
    """The target, as the plan words it (Markdown)."""
    due: Day = None
    kpis: TextList = ()
    """The ids of the KPIs that measure it."""


class MergedText(ContentModel):
    """The text of a recommendation as it stood before it was merged into another."""

    id: Id
    text: Annotated[RequiredText, Meta(text=MARKDOWN)]
    """The text of a recommendation that was merged into this one."""


class Action(ContentModel):
    """An action the council takes towards a recommendation."""

    ITEM = "action {id}"
    JOINED = frozenset({"recommendation"})

    id: Annotated[
        Id,
        Meta(
            headers=(
                *("Action", "Action ID", "Action no", "Action number", "Action ref", "Ref"),
                *("Reference", "ID", "No", "Number"),
            ),
            examples="Action, Ref, No",
            column=2,
            name="action",
            meaning="The {action}'s number",
        ),
    ]
    title: Annotated[
        ShortName,
        Meta(
            text=PLAIN,
            headers=("Title", "Action title", "Action name", "Name", "Short name"),
            examples="Title, Name",
            column=3,
            meaning="The {action}'s short name, where the plan gives one",
        ),
    ] = ""
    """A short name, in plain text on one line: the action's heading wherever it is shown
    (optional)."""
    description: Annotated[
        Text,
        Meta(
            text=MARKDOWN,
            headers=(
                *("Description", "Action description", "Task"),
                *("Actions", "Action taken", "Completed already in progress"),
            ),
            examples="Description, Task",
            column=4,
            meaning="What the {action} is",
        ),
    ] = ""
    """What will be done (Markdown: paragraphs and lists are kept); required unless the action
    is withdrawn."""
    lead: Annotated[
        Text,
        Meta(
            "Lead",
            PLAIN,
            lead=True,
            headers=("Lead", "Lead officer", "Lead officers", "Lead officer(s)", "Lead person"),
            examples="Lead, Lead officer",
            column=16,
            meaning="The one lead, where the plan names a single lead",
        ),
    ] = ""
    """The one person or team accountable, where the plan names a single lead."""
    strategic_lead: Annotated[
        Text,
        Meta(
            "Strategic lead",
            PLAIN,
            lead=True,
            headers=("Strategic lead", "Accountable", "Executive lead"),
            examples="Strategic Lead, Accountable",
            column=14,
            meaning="Who is accountable",
        ),
    ] = ""
    """The senior person or body accountable for the action."""
    operational_lead: Annotated[
        Text,
        Meta(
            "Operational lead",
            PLAIN,
            lead=True,
            headers=("Operational lead", "Responsible", "Owner", "Responsible officer"),
            examples="Operational Lead, Responsible, Owner",
            column=15,
            meaning="Who delivers it",
        ),
    ] = ""
    """The person or team who carries the action out."""
    resources: Annotated[
        Text,
        Meta(
            "Resources",
            PLAIN,
            headers=("Resources", "Resource", "Resources required", "Resource implications"),
            examples="Resources",
            column=17,
            meaning="The resources the plan sets aside for it",
        ),
    ] = ""
    """What the action needs (money, staff), as the plan states it."""
    timescale: Annotated[
        Text,
        Meta(
            "Timescale",
            PLAIN,
            listed=False,
            headers=("Timescale", "Timescale by when", "By when", "Deadline", "Due date", "When"),
            examples="Timescale, By when, Deadline",
            column=13,
            meaning="The timescale in the plan's own words",
        ),
    ] = ""
    """The timescale as the plan words it, such as March 2015 or Ongoing."""
    start: Annotated[
        Day,
        Meta(
            "Planned start",
            listed=False,
            headers=(
                *("Start", "Start date", "Planned start", "Launch", "Launch date"),
                "Planned launch",
            ),
            examples="Start date, Launch date",
            column=12,
            meaning="The planned start, where the plan gives one",
        ),
    ] = None
    """The planned start: an action not started by then is late to start (optional)."""
    due: Annotated[
        Day,
        Meta(
            headers=("Due",),
            column=11,
            meaning="The due date, where the plan gives one",
        ),
    ] = None
    kpis: Annotated[
        TextList,
        Meta(
            "Measured by",
            listed=False,
            column=19,
            meaning="The indicators that measure it, separated by spaces",
        ),
    ] = ()
    """The ids of the KPIs that measure this action."""
    outcome: Annotated[
        Text,
        Meta(
            "Outcome and evidence",
            MARKDOWN,
            headers=(
                *("Performance outcome", "Outcome", "Performance", "Success measure"),
                "Measure",
            ),
            examples="Outcome, Success measure",
            column=18,
            meaning="The outcome and evidence the plan expects, in Markdown",
        ),
    ] = ""
    """What the action should achieve, or how success is judged (Markdown)."""
    added: Annotated[OptionalText, Meta()] = None
    """The release in which the action joined the plan (by default its recommendation's)."""
    withdrawn: Annotated[Withdrawal | None, Meta()] = None
    """Set when the action is withdrawn: pages keep it, marked withdrawn with the reason."""
    recommendation: Annotated[
        SkipJsonSchema[str],
        Meta(column=1, meaning="The {recommendation} the {action} answers"),
    ] = ""
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

    id: Annotated[Id, Meta()]
    text: Annotated[Text, Meta(text=MARKDOWN)] = ""
    """The recommendation as the inspection worded it (Markdown); required unless it is
    withdrawn."""
    groups: Annotated[TextList, Meta()] = ()
    """The ids of the groups it belongs to (at least one, unless it is withdrawn)."""
    facets: Annotated[dict[str, TextList], BeforeValidator(none_as_empty), Meta()] = {}
    """For each facet of the plan, the id of its value here, or a list of ids."""
    outcome: Annotated[Text, Meta(text=MARKDOWN)] = ""
    """The outcome the plan states for this recommendation (Markdown)."""
    targets: Annotated[Items(Target), Meta()] = ()
    """What the recommendation aims for, each as the plan words it."""
    merged_from: Annotated[Items(MergedText), Meta()] = ()
    """The recommendations this one merged, with their own texts."""
    added: Annotated[OptionalText, Meta()] = None
    """The release in which the recommendation joined the plan."""
    withdrawn: Annotated[Withdrawal | None, Meta()] = None
    """Set when the recommendation is withdrawn: pages keep it, marked withdrawn with the reason."""
    actions: Annotated[Items(Action), Meta()] = ()
    """The actions that answer the recommendation, in the plan's order."""

    @property
    def lifecycle(self) -> Lifecycle:
        return Lifecycle(self.added, self.withdrawn)

    @property
    def slug(self) -> str:
        return slugify(self.id)


class Plan(ContentModel):
    """plan.yaml: the plan's groups and its recommendations."""

    groups: tuple[Group, ...]
    """The plan's groups (pillars, themes, priorities), in the order readers meet them."""
    recommendations: tuple[Recommendation, ...]
    """Every recommendation of the plan, each naming its group or groups."""
    facets: Items(Facet) = ()
    """Other ways the plan groups its recommendations."""
