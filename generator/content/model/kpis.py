"""kpis.yaml: the plan's KPIs (their values come from kpi-values.csv)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from generator.content.fields import (
    Amount,
    Day,
    Flag,
    Number,
    OptionalText,
    RequiredDay,
    RequiredText,
    Text,
    TextList,
    UrlId,
    choice,
)
from generator.content.model.base import ContentModel, Items, Polarity
from generator.content.model.meta import MARKDOWN, PLAIN, Meta


class Point(ContentModel):
    """A value on a date."""

    value: Number
    """The figure, in the KPI's unit."""
    date: RequiredDay


class Value(Point):
    """A reported value: one row of kpi-values.csv."""

    note: Text = ""
    """A note on this value (column ``note``), such as "definition changed" or "partial
    month": shown in the data table and as a numbered marker on the chart."""
    starts_segment: Flag = Field(default=False, alias="break")
    """Column ``break``: true where the series breaks (a new definition or source), so this
    value starts a new segment. The chart does not join across a break, and direction of
    travel and progress toward the target are judged within the latest segment only."""
    period: Text = ""
    """Column ``period``: the period the value covers as the plan names it, such as 2023-24,
    2025 Q3 or FY2024. The ``date`` is the end of the period and places the value on the
    chart; pages, tables, chart ticks and headlines show the period."""
    published: Day = None
    """Column ``published``: when the value was made public. A release shows only the values
    published on or before its date; without it a value counts as published on its date. A
    second row for the same date with a later ``published`` is a revision of that value."""

    @property
    def made_public(self) -> date:
        """When the value was made public: its ``published`` date, else its own date."""
        return self.published or self.date


class Tolerance(ContentModel):
    """How far a KPI may move from one value to the next and still be "no significant
    change", as in the criteria for change of Scotland's National Performance Framework.
    Give one of the two."""

    NOT_A_MAPPING = "field 'tolerance': expected {absolute: N} or {percent: N}"

    absolute: Amount = None
    """A move of at most this much, in the KPI's unit, is no significant change."""
    percent: Amount = None
    """A move of at most this percentage of the earlier value is no significant change."""

    def allows(self, previous: float, latest: float) -> bool:
        """Whether the move from ``previous`` to ``latest`` is within the tolerance."""
        moved = abs(latest - previous)
        if self.absolute is not None:
            return moved <= self.absolute
        if self.percent is not None:
            return moved <= abs(previous) * self.percent / 100
        return False


class Kpi(ContentModel):
    """A key performance indicator: a measure of whether the plan is working."""

    ITEM = "KPI {id}"
    JOINED = frozenset({"values"})

    id: UrlId
    code: Annotated[Text, Meta(text=PLAIN)] = ""
    """The code the council's scorecard uses, such as NI147."""
    title: Annotated[RequiredText, Meta(text=PLAIN)]
    """The indicator's name, as headings and charts show it."""
    unit: Annotated[Text, Meta(text=PLAIN)] = ""
    """What the values count, such as % or children; none for a plain count."""
    polarity: Annotated[Polarity | None, *choice(Polarity, required=False)] = None
    """Which way is better; none where the plan does not say, and then no value is judged
    better or worse."""
    description: Annotated[Text, Meta(text=MARKDOWN)] = ""
    """What the indicator measures and why (Markdown), shown on its page."""
    baseline: Point | None = None
    """The value the plan started from, drawn on the chart."""
    target: Point | None = None
    """The value the plan aims to reach, and by when, drawn on the chart."""
    milestones: Items(Point) = ()
    """Values to reach along the way, each dated, drawn on the chart."""
    tolerance: Tolerance | None = None
    """A move within it is "no significant change": ``{absolute: 5}`` or ``{percent: 2}``.
    Without one, any move from one value to the next is a change."""
    added: OptionalText = None
    """The release in which the KPI was first reported."""
    groups: TextList = ()
    """The ids of the groups whose pages list this KPI among their measures."""
    recommendations: TextList = ()
    """The ids of the recommendations whose pages list this KPI among their measures."""
    headline: Flag = False
    """A headline measure: listed first on the home page. Without headline measures the home
    page lists every KPI."""
    values: SkipJsonSchema[tuple[Value, ...]] = ()
    """The series, oldest first, from kpi-values.csv; empty until values are published. A
    revised value follows the value it revises (see ``Value.published``)."""


class Kpis(ContentModel):
    """kpis.yaml: the plan's KPIs."""

    kpis: tuple[Kpi, ...]
    """Every indicator the plan reports."""
