"""The kinds of field content files are made of: text, ids, dates, numbers, flags, choices.

Each kind is an annotated type that the models in ``model`` declare their fields with. Its
validator reads the value as written (``Written`` keeps the text of plain YAML scalars, so
``1.10`` stays ``1.10``) and explains a bad value: what was expected and what was found.
``read`` adds the file, line, item and field name. Each kind also says how it is described
in the JSON Schema.
"""

from __future__ import annotations

import ipaddress
import math
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from generator.content.ids import MAX_ID_CHARS, URL_ID_RE, release_id_problem
from generator.content.mdlinks import link_problem
from generator.content.strings import cleaned

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Written:
    """A plain YAML scalar that YAML read as a number or a true/false value, with its text as
    written: ids and text fields keep ``1.10`` and ``2014``, numbers are read from the text."""

    value: Any
    text: str


def describe(value: Any) -> str:
    """How a found value is named in messages."""
    if isinstance(value, Written):
        value = value.value
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a true/false value ({str(value).lower()})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"a number ({value})"
    text = cleaned(str(value))
    if len(text) > 40:
        text = text[:37] + "..."
    return f"'{text}'"


EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)
"""Dates outside these are typing mistakes (``0214-06-30``, ``2104-06-30``), never plan dates."""

NUMBER_RE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
MAX_NUMBER = 1e12
"""The largest magnitude of any number in the content: far above any count or rate."""
NUMBER_FORMAT = "write numbers with a decimal point and no thousands separators, e.g. 30.5 or 1234"


def date_problem(value: date) -> str | None:
    """Why a real date cannot be a content date (it is outside the sane range), or None."""
    if EARLIEST <= value <= LATEST:
        return None
    return (
        f"{value.isoformat()} is outside the dates this site accepts "
        f"({EARLIEST.isoformat()} to {LATEST.isoformat()}); check the year"
    )


def parse_date(text: str) -> tuple[date | None, str | None]:
    """Parse YYYY-MM-DD within the accepted range; on failure return the reason."""
    if not DATE_RE.fullmatch(text):
        return None, f"expected a date as YYYY-MM-DD, found '{cleaned(text)}'"
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return None, f"'{text}' is not a real date"
    problem = date_problem(value)
    return (None, problem) if problem else (value, None)


def number_problem(text: str) -> str | None:
    """Why ``text`` is not a number as the content writes numbers, or None if it is one.

    Only plain decimal notation is read: a comma, a space or an apostrophe could be a decimal
    comma or a thousands separator (``30,5``, ``1,234``, ``1 234``), so it is never guessed.
    """
    text = text.strip()
    if NUMBER_RE.fullmatch(text):
        number = float(text)
        if math.isfinite(number) and abs(number) <= MAX_NUMBER:
            return None
        return (
            f"{describe(text)} is too large: numbers must lie between -{MAX_NUMBER:.0f} and "
            f"{MAX_NUMBER:.0f}"
        )
    found = describe(text)
    if re.match(r"^[+-]?[\d.,\s'\u00a0\u202f]*\d[\d.,\s'\u00a0\u202f]*$", text):
        return f"expected a number, found {found}: {NUMBER_FORMAT}"
    return f"expected a number, found {found}"


def parse_number(text: str) -> float | None:
    """The number written in ``text``, or None if it is not one (see ``number_problem``)."""
    return None if number_problem(text) else float(text.strip())


# -- the kinds of field ------------------------------------------------------------------------

LENIENT = "lenient"
"""Validation context key: return a stand-in for a bad value instead of failing, so that the
checks across files still run on the rest of the content (``read``)."""


def _lenient(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get(LENIENT))


def bad_value(message: str) -> PydanticCustomError:
    """A bad value; ``read`` prefixes the field's name."""
    return PydanticCustomError("value", "{message}", {"message": message})


REQUIRED = PydanticCustomError("required", "missing required field")
EMPTY = PydanticCustomError("empty", "must not be empty")


def field_kind(
    read: Callable[[Any], Any], schema: dict[str, Any], fallback: Any = None
) -> tuple[PlainValidator, WithJsonSchema]:
    """A field kind: ``read`` turns a found value into the field's value or raises ``_bad``."""

    def validate(value: Any, info: ValidationInfo) -> Any:
        try:
            return read(value)
        except PydanticCustomError:
            if _lenient(info):
                return fallback
            raise

    return PlainValidator(validate), WithJsonSchema(schema)


def _text(value: Any) -> str:
    if isinstance(value, dict | list):
        raise bad_value(f"expected text, found {describe(value)}")
    if isinstance(value, Written):
        return value.text.strip()
    text = (value if isinstance(value, str) else str(value)).strip()
    if problem := link_problem(text):  # any text may be shown as Markdown
        raise bad_value(problem)
    return text


def _optional(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else read(value)


def _required(read: Callable[[str], Any]) -> Callable[[Any], Any]:
    """A field that must be given and not be empty, then read from its text by ``read``."""

    def check(value: Any) -> Any:
        if value is None:
            raise REQUIRED
        text = _text(value)
        if not text:
            raise EMPTY
        return read(text)

    return check


TEXT_SCHEMA: dict[str, Any] = {"type": ["string", "number"]}
ID_SCHEMA: dict[str, Any] = {
    "type": ["string", "number"],
    "description": "An id as written, such as 1.1 or 13/14",
}
DATE_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}$",
    "description": "YYYY-MM-DD",
}

Text = Annotated[str, *field_kind(lambda v: "" if v is None else _text(v), TEXT_SCHEMA, "")]
"""Text; a plain scalar that YAML reads as a number keeps its written form."""
RequiredText = Annotated[str, *field_kind(_required(str), TEXT_SCHEMA, "")]
"""Text that must be given and not be empty."""
OptionalText = Annotated[
    str | None, *field_kind(lambda v: None if v is None else _text(v) or None, TEXT_SCHEMA)
]
"""Text that is None when absent or empty (references to releases and items)."""


def id_problem(text: str, url: bool = False) -> str | None:
    """Why ``text`` cannot be an id (of an action, a recommendation), or None."""
    if len(text) > MAX_ID_CHARS:
        return (
            f"an id may be at most {MAX_ID_CHARS} characters long, found {len(text)} "
            f"characters ({describe(text)})"
        )
    if url and not URL_ID_RE.fullmatch(text):
        return (
            "this id is part of a web address: use lower-case letters, digits, '.', '-' or "
            f"'_', found '{text}'"
        )
    if not ID_RE.match(text):
        return f"expected an id of letters, digits, '.', '-', '_' or '/', found '{text}'"
    return None


def _id(text: str, url: bool = False) -> str:
    problem = id_problem(text, url)
    if problem:
        raise bad_value(problem)
    return text


def _release_id(text: str) -> str:
    problem = release_id_problem(_id(text))
    if problem:
        raise bad_value(problem)
    return text


Id = Annotated[str, *field_kind(_required(_id), ID_SCHEMA, "")]
"""An id, such as 1.1 or 13/14."""
UrlId = Annotated[str, *field_kind(_required(lambda t: _id(t, url=True)), ID_SCHEMA, "")]
"""An id that is part of a web address, so kept lower-case."""
ReleaseId = Annotated[str, *field_kind(_required(_release_id), ID_SCHEMA, "")]
"""A release id: the name of the release's folder at the site root."""


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = value.text if isinstance(value, Written) else value
    if not isinstance(text, str):
        raise bad_value(f"expected a date as YYYY-MM-DD, found {describe(value)}")
    parsed, reason = parse_date(text.strip())
    if reason:
        raise bad_value(reason)
    return parsed  # type: ignore[return-value]


def _required_value(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is None:
            raise REQUIRED
        return read(value)

    return check


_ISO_DAY = PlainSerializer(date.isoformat, when_used="json-unless-none")
"""A date in JSON is YYYY-MM-DD, as the content writes it."""
Day = Annotated[date | None, *field_kind(_optional(_date), DATE_SCHEMA), _ISO_DAY]
"""A date, YYYY-MM-DD."""
RequiredDay = Annotated[date, *field_kind(_required_value(_date), DATE_SCHEMA), _ISO_DAY]
"""A date, YYYY-MM-DD, that must be given."""


def _number(value: Any) -> float:
    """A number as written: YAML's own readings (``1_000``, ``0x1F``, ``1:30``) are not used."""
    found = value.value if isinstance(value, Written) else value
    if isinstance(found, bool) or not isinstance(found, int | float | str):
        raise bad_value(f"expected a number, found {describe(value)}")
    text = value.text if isinstance(value, Written) else str(value)
    problem = number_problem(text)
    if problem:
        raise bad_value(problem)
    return float(text)


Number = Annotated[float, *field_kind(_required_value(_number), {"type": "number"})]
"""A number, written with a decimal point and no thousands separators."""


def _amount(value: Any) -> float:
    number = _number(value)
    if number < 0:
        raise bad_value(f"expected a number of zero or more, found {describe(value)}")
    return number


Amount = Annotated[float | None, *field_kind(_optional(_amount), {"type": "number", "minimum": 0})]
"""A number of zero or more, such as a tolerance; None when absent."""


def _flag(value: Any) -> bool:
    found = value.value if isinstance(value, Written) else value
    if isinstance(found, bool):
        return found
    raise bad_value(f"expected true or false, found {describe(value)}")


Flag = Annotated[bool, *field_kind(_optional(_flag), {"type": "boolean"})]
"""true or false."""


def choice(
    kind: type[Enum], required: bool = True
) -> tuple[PlainValidator, WithJsonSchema, PlainSerializer]:
    """A field whose text is one of the values of ``kind`` (optional: None when absent)."""
    values = tuple(str(m.value) for m in kind)

    def read(text: str) -> Enum:
        if text not in values:
            raise bad_value(f"expected one of {', '.join(values)}, found '{text}'")
        return kind(text)

    def optional(value: Any) -> Enum | None:
        text = "" if value is None else _text(value)
        return read(text) if text else None

    check = _required(read) if required else optional
    validator, schema = field_kind(check, {"enum": list(values)})
    return validator, schema, PlainSerializer(lambda member: getattr(member, "value", member))


def _item_text(value: Any) -> str:
    if isinstance(value, dict | list) or value is None:
        raise bad_value(f"expected text, found {describe(value)}")
    return _text(value)


def _as_list(value: Any, info: ValidationInfo) -> Any:
    """A list of texts may be written as a single text."""
    if value is None or isinstance(value, list):
        return value or []
    if isinstance(value, dict):
        if _lenient(info):
            return []
        raise bad_value(f"expected a list, found {describe(value)}")
    return [value]


def _without_bad(items: tuple[str | None, ...]) -> tuple[str, ...]:
    return tuple(item for item in items if item is not None)


TextList = Annotated[
    tuple[Annotated[str, *field_kind(_item_text, TEXT_SCHEMA)], ...],
    BeforeValidator(_as_list),
    AfterValidator(_without_bad),
    WithJsonSchema({"anyOf": [{"type": "array", "items": TEXT_SCHEMA}, TEXT_SCHEMA]}),
]
"""A list of ids or short texts, or a single one."""


def none_as_empty(value: Any) -> Any:
    """An optional list written with nothing after its key is an empty list."""
    return [] if value is None else value


# -- the site's address ------------------------------------------------------------------------

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
SITE_URL = re.compile(
    rf"^https?://{_LABEL}(?:\.{_LABEL})*\.?(?::[0-9]{{1,5}})?"
    r"(?:/(?:[A-Za-z0-9._~!$+,;=:@-]|%[0-9A-Fa-f]{2})*)*$",
    re.IGNORECASE,
)
"""The site's public address: it becomes every page's canonical link and MkDocs' site_url, so
nothing in it can end an attribute, a string or a URL early."""


def web_address(url: str) -> bool:
    """Whether ``url`` is a plain web address that browsers also accept: a port up to 65535,
    and a host ending in a number only if it is an IPv4 address (browsers read it as one)."""
    if not SITE_URL.match(url):
        return False
    parts = urllib.parse.urlsplit(url)
    try:
        _ = parts.port  # raises ValueError beyond 65535
    except ValueError:
        return False
    host = (parts.hostname or "").rstrip(".")
    if re.fullmatch(r"[0-9]+|0x[0-9a-f]*", host.rsplit(".", 1)[-1], re.IGNORECASE):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return False
    return True


def shown(value: str, limit: int = 60) -> str:
    """A found value quoted for a message, with invisible characters spelled out."""
    text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in value)
    return "'" + (text[: limit - 3] + "..." if len(text) > limit else text) + "'"


def _site_url(value: Any) -> str:
    url = "" if value is None else _text(value)
    if url and not web_address(url):
        raise bad_value(
            "expected an address such as https://example.gov.uk/plan/ (http or https, a host "
            "name, then a path without spaces, quotes, <, >, & or a query), found "
            f"{shown(url)}"
        )
    return url + "/" if url and not url.endswith("/") else url


SiteUrl = Annotated[str, *field_kind(_site_url, {"type": "string", "format": "uri"}, "")]
"""A web address, http or https."""


UNUSABLE_IN_TERM = re.compile(r"[\[\]\\\r\n]")
"""Characters that cannot be written in a Markdown abbreviation definition."""


def _term(text: str) -> str:
    if UNUSABLE_IN_TERM.search(text):
        raise bad_value(
            "a term cannot contain '[', ']', a backslash or a line break (it is matched word "
            "for word on every page)"
        )
    return text


GlossaryTerm = Annotated[str, *field_kind(_required(_term), TEXT_SCHEMA, "")]
"""An acronym or a piece of jargon, matched word for word on every page."""


def one_line(value: Any, limit: int, not_one_line: str, too_long: str) -> str:
    """``value`` as text when it is one line of at most ``limit`` characters. Otherwise the
    value is refused with ``not_one_line`` (``{found}``: the text as found) or ``too_long``
    (``{length}``: its number of characters)."""
    text = "" if value is None else _text(value)
    if "\n" in text or "\r" in text:
        raise bad_value(not_one_line.format(found=shown(text)))
    if len(text) > limit:
        raise bad_value(too_long.format(length=len(text)))
    return text
