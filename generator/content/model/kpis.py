"""kpis.yaml: the plan's KPIs (their values come from kpi-values.csv)."""

from __future__ import annotations

from typing import Annotated

from pydantic.json_schema import SkipJsonSchema

from generator.content.fields import (
    Number,
    OptionalText,
    RequiredDay,
    RequiredText,
    Text,
    UrlId,
    choice,
)
from generator.content.model.base import ContentModel, Items, Polarity


class Point(ContentModel):
    """A value on a date."""

    value: Number
    date: RequiredDay


class Kpi(ContentModel):
    """A key performance indicator: a measure of whether the plan is working."""

    ITEM = "KPI {id}"
    JOINED = frozenset({"values"})

    id: UrlId
    code: Text = ""
    """The code the council's scorecard uses, such as NI147."""
    title: RequiredText
    unit: Text = ""
    """What the values count, such as % or children; none for a plain count."""
    polarity: Annotated[Polarity | None, *choice(Polarity, required=False)] = None
    """Which way is better; none where the plan does not say, and then no value is judged
    better or worse."""
    description: Text = ""
    baseline: Point | None = None
    target: Point | None = None
    milestones: Items(Point) = ()
    added: OptionalText = None
    """The release in which the KPI was first reported."""
    values: SkipJsonSchema[tuple[Point, ...]] = ()
    """The series, oldest first, from kpi-values.csv; empty until values are published."""


class Kpis(ContentModel):
    """kpis.yaml: the plan's KPIs."""

    kpis: tuple[Kpi, ...]
