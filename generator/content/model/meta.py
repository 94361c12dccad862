"""What readers and tools need to know about a field, declared beside it in the model.

A field of an item shown on the pages carries one ``Meta`` in its annotation::

    resources: Annotated[Text, Meta("Resources", PLAIN, headers=("resources",), column=17)] = ""

From it follow the action block's list of details on the recommendation page and in the
printable report, the open-data columns and their documentation on the Data page, the
headers ``import`` recognises, the lead columns of the tracker, the texts the glossary
searches for acronyms, the fields the hostile-input tests attack and the content-format
reference. Adding a field to an action with its ``Meta`` is all it takes for each of them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

MARKDOWN: Literal["markdown"] = "markdown"
PLAIN: Literal["plain"] = "plain"


@dataclass(frozen=True)
class Meta:
    """A field's label, kind of text, import headers and open-data column."""

    label: str = ""
    """How readers see the field named beside its value (``Strategic lead``); empty for a
    field not shown under a label, such as the heading or the description."""
    text: Literal["markdown", "plain", ""] = ""
    """``markdown`` for prose read as Markdown, ``plain`` for text shown as written, empty for
    ids, dates, choices and lists. Every text is attacked by the hostile-input tests unless
    ``attacked`` is False."""
    listed: bool = True
    """Shown in the action block's list of details under its label (False for a field the
    block shows in its own way: the status, the planned start, the timescale, the KPIs)."""
    lead: bool = False
    """The field names a lead: a person or team accountable (listed on the Leads pages and
    in the tracker's lead columns, and not prose the glossary searches)."""
    headers: tuple[str, ...] = ()
    """The headers ``import`` recognises for the field, written as a reader would (matched
    ignoring case, spaces and punctuation); none when the field is never imported."""
    examples: str = ""
    """The headers named for the field where no header row is found (by default the first)."""
    column: int | bool = False
    """Whether the field is a column of the open data (actions.csv and .json): True, or its
    place among the columns, which keeps the columns published before it where they are. A
    column given as True follows every placed column."""
    meaning: str = ""
    """The column's documentation on the Data page (by default the field's description);
    ``{action}`` and ``{recommendation}`` are the plan's words for them."""
    name: str = ""
    """The column's name, where it is not the field's."""
    attacked: bool = True

    @property
    def markdown(self) -> bool:
        return self.text == MARKDOWN


@dataclass(frozen=True)
class Declared:
    """A field of a model with its ``Meta``."""

    name: str
    meta: Meta

    @property
    def column_name(self) -> str:
        return self.meta.name or self.name


def meta_of(model: type[BaseModel], name: str) -> Meta | None:
    """The ``Meta`` declared on a model's field, or None."""
    info = model.model_fields[name]
    return next((m for m in info.metadata if isinstance(m, Meta)), None)


@functools.cache
def declared(model: type[BaseModel]) -> tuple[Declared, ...]:
    """The model's fields that carry a ``Meta``, in the model's order (a class's fields are
    fixed once it is made: worked out once per class)."""
    fields = ((name, meta_of(model, name)) for name in model.model_fields)
    return tuple(Declared(name, meta) for name, meta in fields if meta is not None)


def undeclared(model: type[BaseModel]) -> tuple[str, ...]:
    """The model's fields that carry no ``Meta``."""
    return tuple(name for name in model.model_fields if meta_of(model, name) is None)


@functools.cache
def listed(model: type[BaseModel]) -> tuple[Declared, ...]:
    """The fields shown in an item's list of details, each under its label."""
    return tuple(d for d in declared(model) if d.meta.label and d.meta.listed)


def details(item: BaseModel) -> list[tuple[Declared, str]]:
    """An item's listed fields that hold a value, with the value (of the item's own class,
    so that a field a subclass adds is shown too)."""
    pairs = ((d, getattr(item, d.name)) for d in listed(type(item)))
    return [(d, value) for d, value in pairs if isinstance(value, str) and value.strip()]


def leads(model: type[BaseModel]) -> tuple[Declared, ...]:
    """The fields that name a lead, in the model's order."""
    return tuple(d for d in declared(model) if d.meta.lead)


def prose(model: type[BaseModel]) -> tuple[str, ...]:
    """The text fields that are prose (not leads' names), for the glossary."""
    return tuple(d.name for d in declared(model) if d.meta.text and not d.meta.lead)


def imported(model: type[BaseModel]) -> tuple[Declared, ...]:
    """The fields ``import`` reads from a table's columns, in the model's order."""
    return tuple(d for d in declared(model) if d.meta.headers)


def published(model: type[BaseModel]) -> tuple[Declared, ...]:
    """The fields published as open-data columns, in the model's order."""
    return tuple(d for d in declared(model) if d.meta.column is not False)


def columns(model: type[BaseModel], others: dict[str, int]) -> tuple[str, ...]:
    """The open-data columns: the model's published fields and ``others`` (columns that are
    not fields, by place), in order of place; then the fields published with no place."""
    fields = published(model)
    placed = {d.column_name: int(d.meta.column) for d in fields if d.meta.column is not True}
    order = {**others, **placed}
    last = tuple(d.column_name for d in fields if d.meta.column is True)
    return (*sorted(order, key=lambda name: order[name]), *last)


def _models(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    for sub in root.__subclasses__():
        yield sub
        yield from _models(sub)


def _keys(models: Any, test: Any) -> frozenset[str]:
    return frozenset(d.name for m in models for d in declared(m) if test(d.meta))


def text_keys(models: Any) -> frozenset[str]:
    """The keys of every free-text field of ``models``: what the hostile-input tests attack."""
    return _keys(models, lambda meta: bool(meta.text) and meta.attacked)


def markdown_keys(models: Any) -> frozenset[str]:
    """The keys of every field of ``models`` read as Markdown."""
    return _keys(models, lambda meta: meta.markdown and meta.attacked)


def all_models(root: type[BaseModel]) -> tuple[type[BaseModel], ...]:
    """``root``'s subclasses, at every depth."""
    return tuple(dict.fromkeys(_models(root)))
