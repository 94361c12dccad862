"""Zensical's scan of a page's Markdown for links, with runs of plain text stepped over at once.

Zensical 0.0.73 finds the links in each page (``zensical.collectors.references``) by reading
it one byte at a time in Python: about 0.7 microseconds a byte, 2 seconds for a version of
300 pages. Most bytes are plain text: the scan's loop only moves past them, one call of
``Cursor.advance`` each. ``SteppingCursor`` is Zensical's cursor whose ``advance`` then steps
over every such byte that follows at once, in one regular-expression match.

A byte is passed over by the loop, unread, when both:

- its line has something other than spaces and tabs before it (so the loop does not look
  for what starts a line: a snippet, a comment, a fence, a list marker, ``*[abbr]:``);
- it is none of ``\\ ` $ < { ! [``, each of which starts something the loop looks for
  (the rest, ``~ * - +``, only at the start of a line).

The line break ending such a run is passed over too. Every call of ``advance`` in the scan
is followed by the loop's next turn, or by the return of a function whose result is built
from its own offsets, never the cursor's, so stepping there changes nothing but the time.
The scan is Zensical's own (its ``_scan``, given this cursor; the parts of a page it scans
apart, such as an HTML block, keep Zensical's cursor). Only the files this was read against
are sped up (``stepping_references`` checks their digests), and a test holds the two to the same
results.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

SCAN_MODULE = "zensical.collectors.references"
CURSOR_MODULE = "zensical.collectors.references.cursor"
READ_AGAINST = {
    SCAN_MODULE: "ebca3848949df2e8a6a2e427a3e52bdf46bfc401428357e324b47b51cf6f2d90",
    CURSOR_MODULE: "ed98ec902d39a24a307bc545ba2373ba5cbce38db088d0487d1f306ff247912c",
}
"""The SHA-256 of each module of Zensical 0.0.73's link scan (the function Zensical calls,
and the cursor and loop it runs), whose scan is described above."""

_PLAIN_RUN = re.compile(rb"[^\\`$<{!\[\r\n]*")
_LINE_BREAKS = (ord("\n"), ord("\r"))


def _module() -> Any | None:
    """Zensical's cursor module if the scan's modules are the ones read against, else None."""
    modules = {}
    try:
        for name, digest in READ_AGAINST.items():
            modules[name] = importlib.import_module(name)
            source = Path(modules[name].__file__ or "").read_bytes()
            if hashlib.sha256(source).hexdigest() != digest:
                return None
    except (ImportError, OSError):
        return None
    return modules[CURSOR_MODULE]


def _stepping(cursor_class: type) -> type:
    class SteppingCursor(cursor_class):  # type: ignore[valid-type,misc]
        """Zensical's cursor; ``advance`` then steps over the plain text that follows."""

        __slots__ = ()

        def advance(self, n: int = 1) -> None:
            data, pos = self.data, self.pos
            end = min(pos + n, self.end)
            if end > pos:  # as Zensical's: the column restarts after either line break
                last = max(data.rfind(b"\n", pos, end), data.rfind(b"\r", pos, end))
                self.col = end - last - 1 if last >= 0 else self.col + end - pos
                self.pos = pos = end
            if pos < self.end and not self.at_line_start():
                stop = _PLAIN_RUN.match(data, pos).end()  # type: ignore[union-attr]
                self.col += stop - pos
                if stop < self.end and data[stop] in _LINE_BREAKS:
                    stop, self.col = stop + 1, 0
                self.pos = stop

    return SteppingCursor


def stepping_references(scan: Callable[..., Any]) -> Callable[..., Iterator[Any]]:
    """``scan`` (Zensical's ``references``), with its cursor stepping over plain text: if it
    is Zensical's own and its modules the ones read against; else ``scan`` itself."""
    module = _module()
    own = importlib.import_module(SCAN_MODULE)
    if module is None or scan is not getattr(own, "references", None):
        return scan
    stepping, scan_with = _stepping(module.Cursor), module._scan

    def references(markdown: bytes, shift: int = 0) -> Iterator[Any]:
        if not isinstance(markdown, bytes):  # Zensical gives bytes; anything else as it was
            return scan(markdown, shift)
        return scan_with(stepping(markdown, shift))

    return references
