"""releases.yaml, progress/<release>.yaml and glossary.yaml."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BeforeValidator
from pydantic.json_schema import SkipJsonSchema

from generator.content.fields import (
    TEXT_SCHEMA,
    Day,
    Flag,
    GlossaryTerm,
    Id,
    ReleaseId,
    RequiredDay,
    RequiredText,
    Text,
    _required,
    field_kind,
)
from generator.content.model.base import ContentModel, Items
from generator.content.model.meta import MARKDOWN, PLAIN, Meta
from generator.content.weblinks import RequiredWebLink, WebLink

NotEmptyText = Annotated[
    str, *field_kind(lambda v: "" if v is None else _required(str)(v), TEXT_SCHEMA, "")
]
"""Text that may be left out (it is then "") but, where it is written, not empty: a field
required unless something else stands in for it."""


class Evidence(ContentModel):
    """A document, news story or paper that shows the progress reported, linked from it."""

    ITEM = "{parent}: evidence"

    title: Annotated[RequiredText, Meta(text=PLAIN)]
    """The document's or story's title, as the link's text."""
    url: RequiredWebLink
    """Where it is published: an http or https address."""
    date: Day = None
    """When it was published (optional); not after the release it is reported in."""


class Reporting(ContentModel):
    """A body the progress report went to, such as a committee."""

    body: Annotated[RequiredText, Meta(text=PLAIN)]
    """The committee or board the report was taken to."""
    date: Day = None


class Erratum(ContentModel):
    """A correction to a published release, made openly: when, why and what was corrected."""

    ITEM = "{parent}: erratum"

    date: RequiredDay
    reason: Annotated[RequiredText, Meta(text=PLAIN)]
    """Why the published release was corrected, as readers are told."""
    corrected: Annotated[RequiredText, Meta(text=PLAIN)]
    """What was corrected, in words readers understand."""


class Progress(ContentModel):
    """One action's progress in a release."""

    ITEM = "action {key}"
    NOT_A_MAPPING = "expected a mapping with 'status' and 'narrative'"

    status: NotEmptyText = ""
    """A status id from site.yaml; required unless the entry gives evidence alone, when the
    action keeps its status from the release before."""
    narrative: Annotated[Text, Meta(text=MARKDOWN)] = ""
    """What was done, as the report words it (Markdown)."""
    evidence: Items(Evidence) = ()
    """Documents that show the progress, each with a title, an address and a date; they belong
    to this release and are not carried forward."""
    as_at: Day = None
    """When the narrative was written, where that is earlier than the release (by default the
    report's ``as_at``): the action is judged overdue at this date."""
    carried_forward: Flag = False
    """Copied from the previous release by ``new-release`` and not yet edited."""


class Assessment(ContentModel):
    """An independent body's own judgement of a recommendation's progress, such as the findings
    of an inspectorate's monitoring visit, shown beside the council's own statuses."""

    ITEM = "assessment of recommendation {id}"
    ITEM_KEY = "recommendation"

    recommendation: Id
    """The id of the recommendation assessed."""
    body: Annotated[RequiredText, Meta(text=PLAIN)]
    """Who made the assessment, such as Ofsted."""
    date: RequiredDay
    """When the assessment was made or published."""
    verdict: Annotated[RequiredText, Meta(text=PLAIN)]
    """The body's own words, such as Insufficient progress."""
    text: Annotated[Text, Meta(text=MARKDOWN)] = ""
    """What the body said, in Markdown (optional)."""
    url: WebLink = ""
    """Where the assessment is published: an http or https address (optional)."""


class RecommendationProgress(ContentModel):
    """A recommendation's progress in a release, beside its actions'."""

    ITEM = "recommendation {key}"

    narrative: Annotated[NotEmptyText, Meta(text=MARKDOWN)] = ""
    """What was done for the recommendation as a whole (Markdown); required unless the entry
    gives evidence alone."""
    evidence: Items(Evidence) = ()
    """Documents that show the progress, as for an action's."""
    as_at: Day = None
    """When the narrative was written (by default the report's ``as_at``)."""
    carried_forward: Flag = False
    """Copied from the previous release by ``new-release`` or ``import-tracker`` and not yet
    edited."""


class Release(ContentModel):
    """A progress report: one version of the site."""

    ITEM = "release {id}"
    JOINED = frozenset({"progress", "recommendations", "as_at", "assessments"})

    id: ReleaseId
    date: RequiredDay
    title: Annotated[RequiredText, Meta(text=PLAIN)]
    """The release's name, as the version selector and headings show it."""
    summary: Annotated[Text, Meta(text=MARKDOWN)] = ""
    """A short summary of the report (Markdown), shown on its home page and in the feed."""
    reported_to: Items(Reporting) = ()
    """The meetings the report was taken to, each with its date."""
    draft: Flag = False
    """Not yet published: shown by ``serve`` only."""
    published: Day = None
    errata: Items(Erratum) = ()
    """Corrections made after publication, each dated with its reason (``erratum``)."""
    progress: SkipJsonSchema[dict[str, Progress]] = {}
    """Each action's progress, keyed by action id, from progress/<release>.yaml."""
    recommendations: SkipJsonSchema[dict[str, RecommendationProgress]] = {}
    """Each recommendation's progress, keyed by recommendation id, from the same file."""
    as_at: SkipJsonSchema[date | None] = None
    """When the report's progress was written, from the same file."""
    assessments: SkipJsonSchema[tuple[Assessment, ...]] = ()
    """Independent assessments made public with this release, from progress/<release>.yaml."""


class Releases(ContentModel):
    """releases.yaml: the releases, oldest first."""

    releases: tuple[Release, ...]
    """Every release, oldest first: one per progress report."""


class ProgressReport(ContentModel):
    """progress/<release>.yaml: each action's progress in the release."""

    as_at: Day = None
    """When the progress was written, where that is earlier than the release's date."""
    recommendations: Annotated[
        dict[str, RecommendationProgress], BeforeValidator(lambda v: {} if v is None else v)
    ] = {}
    """Progress for whole recommendations, keyed by recommendation id."""
    actions: Annotated[dict[str, Progress], BeforeValidator(lambda v: {} if v is None else v)] = {}
    """Each action's progress in this release, keyed by action id."""
    assessments: Items(Assessment) = ()
    """Independent assessments of recommendations made public with this release."""


class Term(ContentModel):
    """A glossary entry: an acronym or a piece of jargon, and what it means in plain words."""

    ITEM = "term '{id}'"
    ITEM_KEY = "term"

    term: GlossaryTerm
    """The acronym or word explained."""
    meaning: RequiredText
    """What it stands for or means, shown where it is used."""
    description: Annotated[Text, Meta(text=MARKDOWN)] = ""
    """A longer explanation (Markdown), shown in the glossary."""


class Glossary(ContentModel):
    """glossary.yaml: the acronyms and jargon the site explains."""

    terms: tuple[Term, ...]
    """The plan's own terms, added to the built-in glossary."""
