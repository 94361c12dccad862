"""Links written in Markdown text: each must lead to an address that the Markdown engine, the
site builder and a browser all read the same way.

A text such as ``Done, see [evidence](https://[zz/)`` is Markdown whose link no browser can
open, and whose address ``urllib.parse`` (used by MkDocs on every link) cannot even split.
Every text field is checked when it is read (``link_problem``), so validation refuses it with
the file and line; the pages, which must never fail on a text, show such a link as typed
(``readable_url``).

Only inline links (``[text](address)``) need the check: reference definitions, images and
autolinks (``<https://...>``) are always shown as typed on the pages.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator

_LINK_OPEN = re.compile(r"\]\(")
_FORBIDDEN_IN_HOST = re.compile(r"[\s#/<>?@\[\\\]^|\"'`{}]")
"""Characters that a browser refuses in a host name (after any IPv6 brackets are removed)."""
MAX_SHOWN = 60


_DESTINATION = re.compile(
    r"[ \t\n]*(?:<(?P<angle>[^<>\n]*)>"
    r"|(?P<bare>(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))"
)
"""A link's address, as Python-Markdown reads it: ``<...>``, or characters up to a space or
an unbalanced ``)`` (one level of brackets inside it). Each match stops at the next ``(``
that it cannot balance, so reading every link of a text takes time proportional to it."""


def destination_at(text: str, start: int) -> str:
    """The address of the inline link whose ``](`` ends at ``start``."""
    match = _DESTINATION.match(text, start)
    assert match is not None  # the pattern matches the empty string
    return match["angle"] if match["angle"] is not None else match["bare"]


_TITLE = re.compile(r"""[ \t\n]*(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\))?[ \t\n]*\)""")
"""What may follow a link's address: spaces, an optional title in quotes or brackets on one
line, then the closing bracket."""


def link_closed(text: str, start: int) -> bool:
    """Whether the inline link whose ``](`` ends at ``start`` is closed right after its
    address (and title). An unclosed one would send Python-Markdown to the end of the text
    looking for its ``)``, once for every such link."""
    match = _DESTINATION.match(text, start)
    return match is not None and _TITLE.match(text, match.end()) is not None


def destinations(text: str) -> Iterator[str]:
    """The address of every inline link (``[text](address)``) written in ``text``."""
    for match in _LINK_OPEN.finditer(text):
        yield destination_at(text, match.end())


def readable_url(url: str) -> str | None:
    """Why a browser or ``urllib.parse`` cannot read ``url``; None if both can.

    ``urllib.parse.urlsplit`` refuses unbalanced IPv6 brackets and host names that change
    under Unicode normalisation; a port must be a number up to 65535; a web address needs a
    host name a browser accepts.
    """
    try:
        parts = urllib.parse.urlsplit(url)
        _ = parts.port
    except ValueError as exc:
        return str(exc)
    if parts.scheme.lower() in ("http", "https"):
        host = parts.hostname or ""
        if not host:
            return "it has no host name"
        if _FORBIDDEN_IN_HOST.search(host):
            return "its host name holds a character no host name can hold"
    return None


def shown_url(url: str) -> str:
    """An address quoted for a message, cut short if long, invisible characters spelled out."""
    text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in url)
    return "'" + (text[: MAX_SHOWN - 3] + "..." if len(text) > MAX_SHOWN else text) + "'"


def link_problem(text: str) -> str | None:
    """Why a link written in the Markdown ``text`` cannot be opened, naming the first such
    address; None when every link can."""
    if "](" not in text:
        return None
    for match in _LINK_OPEN.finditer(text):
        if not link_closed(text, match.end()):
            continue  # shown as typed: it is not a link
        url = destination_at(text, match.end())
        reason = readable_url(url)
        if reason is not None:
            return (
                f"the link to {shown_url(url)} cannot be opened ({reason}): correct the "
                "address, or write it without the [text](address) link"
            )
    return None
