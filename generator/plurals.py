"""A count in words: ``1 release``, ``3 releases``, for every message and page."""

from __future__ import annotations


def plural(count: int, singular: str, plural: str | None = None) -> str:
    """The word for ``count`` things: ``singular`` for one, else ``plural`` (by default the
    singular with an s)."""
    return singular if count == 1 else plural or f"{singular}s"


def counted(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` things in words: ``1 status change``, ``0 indicators``, ``2 indicators``."""
    return f"{count} {plural(count, singular, plural_form)}"
