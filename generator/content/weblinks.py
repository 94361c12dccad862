"""Links to other sites written in the content, such as an inspection report's address."""

from __future__ import annotations

import re
import urllib.parse
from typing import Annotated, Any

from generator.content.fields import _required, _text, bad_value, field_kind, shown
from generator.content.mdlinks import readable_url

UNSAFE_IN_LINK = re.compile(r"[\s\x00-\x1f\x7f\"'<>\\^`{|}]")
"""Characters a plain web address never needs, and that could end an attribute or a link."""


def web_link_problem(url: str) -> str | None:
    """Why ``url`` is not a plain http(s) address with a host name, or None if it is one."""
    try:  # unbalanced IPv6 brackets, or a host name changed by Unicode normalisation
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return (
            f"{shown(url)} is not an address a browser can open: check its host name, and "
            "remove any [ or ] around it"
        )
    scheme_ok = re.match(r"https?://", url, re.IGNORECASE) is not None
    try:
        host = parts.hostname
        _ = parts.port  # raises ValueError beyond 65535
    except ValueError:
        host = None
    if readable_url(url) is not None:
        host = None
    if scheme_ok and host and "@" in parts.netloc:
        return (
            f"a web address may not name a user before its host ({shown(url)}): readers would "
            "read one site's name and be taken to another"
        )
    if scheme_ok and host and not UNSAFE_IN_LINK.search(url):
        return None
    return (
        "expected a web address starting with http:// or https:// and a host name, without "
        f"spaces, quotes, <, > or backslashes, found {shown(url)}"
    )


def _web_link(value: Any) -> str:
    url = "" if value is None else _text(value)
    if url and (problem := web_link_problem(url)):
        raise bad_value(problem)
    return url


WebLink = Annotated[str, *field_kind(_web_link, {"type": "string", "format": "uri"}, "")]
"""A web address on another site, http or https only (optional)."""

RequiredWebLink = Annotated[
    str, *field_kind(_required(_web_link), {"type": "string", "format": "uri"}, "")
]
"""A web address on another site, http or https only, that must be given."""


EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%*+/=?^_~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
"""A plain email address: nothing in it can end an attribute or a link."""


def _contact(value: Any) -> str:
    contact = "" if value is None else _text(value).strip()
    if not contact or EMAIL.fullmatch(contact):
        return contact
    if web_link_problem(contact) is None:
        return contact
    raise bad_value(
        "expected an email address such as access@example.gov.uk or a web address starting "
        f"with http:// or https://, found {shown(contact)}"
    )


Contact = Annotated[str, *field_kind(_contact, {"type": "string"}, "")]
"""An email address or a web address (http or https) where people can get in touch."""
