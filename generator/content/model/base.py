"""What every kind of content item shares, and the vocabularies the content uses."""

from __future__ import annotations

import functools
import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from generator.content.fields import none_as_empty


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


@functools.lru_cache(maxsize=1 << 14)
def slugify(text: str) -> str:
    """A URL-safe, stable slug: ``13/14`` -> ``13-14``, ``1.1`` -> ``1.1``."""
    slug = re.sub(r"[^a-z0-9._-]+", "-", text.strip().lower()).strip("-.")
    return slug or "item"


def Items(kind: type) -> Any:  # noqa: N802 - reads as a type in the declarations below
    """An optional list of ``kind``: absent or written as nothing, it is empty."""
    return Annotated[tuple[kind, ...], BeforeValidator(none_as_empty)]


class ContentModel(BaseModel):
    """What every kind of content item shares."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    ITEM: ClassVar[str | None] = None
    """How problems name an item: formatted with ``id`` (the value of ``ITEM_KEY``), ``key``
    (its key in a mapping), ``parent`` (the enclosing item) and ``grouping``; None, or an
    item without the key, is named as its parent."""
    ITEM_KEY: ClassVar[str] = "id"
    JOINED: ClassVar[frozenset[str]] = frozenset()
    NOT_A_MAPPING: ClassVar[str | None] = None
    """The message for an item written as something other than a mapping, where the generic
    one would not say enough."""

    @field_validator("*", mode="before")
    @classmethod
    def _not_written_here(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name in cls.JOINED:
            raise PydanticCustomError("extra_forbidden", "not written in this file")
        return value

    @classmethod
    def file_fields(cls) -> tuple[str, ...]:
        """The keys an item of this kind may have in its file, in the order documented."""
        return tuple(name for name in cls.model_fields if name not in cls.JOINED)
