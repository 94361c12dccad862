"""site.yaml: the site, the plan's vocabulary and the inspection it answers."""

from __future__ import annotations

from typing import Annotated

from generator.content.fields import Day, Id, RequiredText, SiteUrl, Text, choice
from generator.content.model.base import ContentModel, Meaning
from generator.content.model.meta import MARKDOWN, PLAIN, Meta
from generator.content.weblinks import Contact, RequiredWebLink


class StatusDef(ContentModel):
    """A status the council uses in its progress reports."""

    ITEM = "status '{id}'"

    id: Id
    """The status's id, which progress files give each action."""
    label: Annotated[RequiredText, Meta(text=PLAIN)]
    """The status as the council writes it, such as Green (on track)."""
    meaning: Annotated[Meaning, *choice(Meaning)]
    """What the status means, whatever the council calls it."""
    description: Annotated[Text, Meta(text=MARKDOWN)] = ""
    """What the status means, in words shown beside it on the site."""


NOT_REPORTED = StatusDef(
    id="not-reported",
    label="Not reported",
    meaning=Meaning.NOT_REPORTED,
    description="The progress report gave no status for this action.",
)


class Grouping(ContentModel):
    """What the plan calls its groups of recommendations, such as Area for improvement."""

    ITEM = "grouping"

    singular: Annotated[RequiredText, Meta(text=PLAIN)]
    """One group, as headings and links name it, such as Area for improvement."""
    plural: Annotated[RequiredText, Meta(text=PLAIN)]
    """Several groups, such as Areas for improvement."""


class Words(ContentModel):
    """One of the plan's own words for a level of the plan, such as Focus area/Focus areas."""

    ITEM = "terms"

    singular: Annotated[RequiredText, Meta(text=PLAIN)]
    """One item, as headings and links name it, such as Focus area."""
    plural: Annotated[RequiredText, Meta(text=PLAIN)]
    """Several items, such as Focus areas."""


class GroupWords(Words):
    """What the plan calls its groups, such as Pillar/Pillars."""

    ITEM = "terms: group"


class RecommendationWords(Words):
    """What the plan calls its recommendations, such as Focus area/Focus areas."""

    ITEM = "terms: recommendation"


class ActionWords(Words):
    """What the plan calls its actions, such as Commitment/Commitments."""

    ITEM = "terms: action"


class Terms(ContentModel):
    """The plan's own words for its three levels (each optional: absent, today's words)."""

    ITEM = "terms"

    group: GroupWords | None = None
    """What the plan calls its groups, such as Pillar/Pillars (grouping: also names it)."""
    recommendation: RecommendationWords | None = None
    """What the plan calls its recommendations, such as Focus area/Focus areas."""
    action: ActionWords | None = None
    """What the plan calls its actions, such as Action/Actions or Commitment/Commitments."""


class Period(ContentModel):
    """The period the plan covers."""

    ITEM = "period"

    start: Day = None
    """The day the plan starts."""
    end: Day = None
    """The day the plan ends."""


class Inspection(ContentModel):
    """The inspection that the plan answers."""

    ITEM = "inspection"

    body: Annotated[Text, Meta(text=PLAIN)] = ""
    """Who inspected, such as Ofsted."""
    title: Annotated[Text, Meta(text=PLAIN)] = ""
    """The inspection report's title."""
    published: Day = None
    """When the inspection report was published."""
    judgement: Annotated[Text, Meta(text=PLAIN)] = ""
    """The judgement as the inspectorate wrote it."""
    findings: Annotated[Text, Meta(text=MARKDOWN)] = ""
    """What the inspection found, in Markdown."""


class Licence(ContentModel):
    """The licence under which the site's data and words may be reused."""

    ITEM = "licence"

    name: RequiredText
    """The licence's name, such as Open Government Licence v3.0."""
    url: RequiredWebLink
    """Where the licence is published, such as
    https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/."""


class Accessibility(ContentModel):
    """The accessibility statement: who to contact about the site's accessibility, and when
    the statement was prepared."""

    ITEM = "accessibility"

    contact: Contact = ""
    """An email address or web address for reporting accessibility problems (optional)."""
    prepared: Day = None
    """The day the statement was prepared or last reviewed (optional)."""


class Site(ContentModel):
    """site.yaml: the site's title, the plan's vocabulary and the inspection it answers."""

    title: Annotated[RequiredText, Meta(text=PLAIN)]
    """The plan's name, shown at the top of every page."""
    organisation: Annotated[RequiredText, Meta(text=PLAIN)]
    """The council or body that owns the plan."""
    grouping: Grouping | None = None
    """What the plan calls its groups of recommendations (or give terms: group)."""
    terms: Terms | None = None
    """The plan's own words for its groups, recommendations and actions (optional)."""
    statuses: tuple[StatusDef, ...]
    """The words the plan uses for an action's status, and what each means."""
    inspection: Inspection | None = None
    """The inspection that the plan answers (optional)."""
    plan_summary: Annotated[Text, Meta(text=MARKDOWN)] = ""
    """How the plan answers the inspection, in Markdown, shown on the home page (optional)."""
    purpose: Text = ""
    """What the plan is for, in Markdown: opens the home page and the report where the plan
    answers no inspection (optional)."""
    period: Period | None = None
    """The period the plan covers: its start and end days (optional)."""
    url: SiteUrl = ""
    """Where the site is published, such as https://example.gov.uk/improvement/ (optional):
    makes the feed's links absolute and gives every page its canonical address."""
    licence: Licence | None = None
    """The licence under which the data and words may be reused (optional): shown on the
    data page, in the open-data JSON and in the feeds."""
    accessibility: Accessibility | None = None
    """Who to contact about accessibility, and when the statement was prepared (optional):
    every version has an accessibility statement either way."""

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
