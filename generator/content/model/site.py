"""site.yaml: the site, the plan's vocabulary and the inspection it answers."""

from __future__ import annotations

from typing import Annotated

from generator.content.fields import Day, Id, RequiredText, SiteUrl, Text, choice
from generator.content.model.base import ContentModel, Meaning


class StatusDef(ContentModel):
    """A status the council uses in its progress reports."""

    ITEM = "status '{id}'"

    id: Id
    label: RequiredText
    """The status as the council writes it, such as Green (on track)."""
    meaning: Annotated[Meaning, *choice(Meaning)]
    """What the status means, whatever the council calls it."""
    description: Text = ""


NOT_REPORTED = StatusDef(
    id="not-reported",
    label="Not reported",
    meaning=Meaning.NOT_REPORTED,
    description="The progress report gave no status for this action.",
)


class Grouping(ContentModel):
    """What the plan calls its groups of recommendations, such as Area for improvement."""

    ITEM = "grouping"

    singular: RequiredText
    plural: RequiredText


class Inspection(ContentModel):
    """The inspection that the plan answers."""

    ITEM = "inspection"

    body: Text = ""
    """Who inspected, such as Ofsted."""
    title: Text = ""
    published: Day = None
    judgement: Text = ""
    """The judgement as the inspectorate wrote it."""
    findings: Text = ""


class Site(ContentModel):
    """site.yaml: the site's title, the plan's vocabulary and the inspection it answers."""

    title: RequiredText
    organisation: RequiredText
    grouping: Grouping
    statuses: tuple[StatusDef, ...]
    inspection: Inspection | None = None
    plan_summary: Text = ""
    url: SiteUrl = ""
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
