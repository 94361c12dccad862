"""Cutting a long list into pages, so that no page grows with the size of the plan."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from generator.facts.terms import PlanTerm

T = TypeVar("T")


def cut(
    items: Sequence[T], weight: Callable[[T], float], limit: float, first: float = 0
) -> list[tuple[T, ...]]:
    """``items`` in order, cut into pages whose weights add up to at most ``limit``; an item
    heavier than ``limit`` has a page to itself. ``first`` is what the first page holds
    before the items. There is always at least one page."""
    pages: list[tuple[T, ...]] = []
    page: list[T] = []
    size = first
    for item in items:
        heavy = weight(item)
        if (page or size) and size + heavy > limit:
            pages.append(tuple(page))
            page, size = [], 0
        page.append(item)
        size += heavy
    pages.append(tuple(page))
    return pages


def page_suffix(number: int) -> str:
    """What follows a paged list's address for its page ``number``: nothing for the first."""
    return "" if number == 1 else f"/{number}"


@dataclass(frozen=True)
class Paged(Generic[T]):
    """One page of a paged list: ``of`` is the whole (a group or a lead), ``items`` this page's
    part of it."""

    of: Any
    items: tuple[T, ...]
    page: int
    pages: int
    label: str
    """What the page holds, such as "recommendations 3 to 9"."""


def ids_label(ids: Sequence[str], noun: str | PlanTerm = "recommendation") -> str:
    """ "recommendation 3" or "recommendations 3 to 9" (or another ``noun``, or the plan's
    own word for its items); "" for none."""
    if not ids:
        return ""
    one, many = (noun.one, noun.many) if isinstance(noun, PlanTerm) else (noun, f"{noun}s")
    return f"{one} {ids[0]}" if len(ids) == 1 else f"{many} {ids[0]} to {ids[-1]}"


def paged(
    of: Any,
    items: Sequence[T],
    weight: Callable[[T], float],
    limit: float,
    ids: Callable[[T], str],
    first: float = 0,
    noun: str | PlanTerm = "recommendation",
) -> list[Paged[T]]:
    """The pages of ``of``, its ``items`` ``cut`` by weight; ``ids`` names each item in the
    pages' labels, as ``noun``s."""
    parts = cut(items, weight, limit, first)
    return [
        Paged(of, part, n, len(parts), ids_label([ids(i) for i in part], noun))
        for n, part in enumerate(parts, start=1)
    ]


EVERY_PAGE_LISTED = 12
"""A paged list of up to this many pages lists every page on each of them. A longer one
lists every page on its first page only, and on the others the first, the last and those
near the page, so that the list of pages does not grow with the plan on every page."""

NEAR = 2
"""How many pages either side of a page it lists, in a long list."""


P = TypeVar("P")


@dataclass(frozen=True)
class Listed(Generic[P]):
    """An entry of the pages a page lists: a page, or the pages left out between two."""

    page: P | None = None
    left_out: tuple[int, int] | None = None
    """The first and last page numbers left out here."""


def every_page_listed(number: int, count: int) -> bool:
    """Whether the page ``number`` of a list of ``count`` pages lists every page."""
    return count <= EVERY_PAGE_LISTED or number == 1


@dataclass(frozen=True)
class PageList(Generic[P]):
    """The pages one page of a paged list lists (iterated, its entries: templates written
    before ``every`` iterate over what ``listed_pages`` gives)."""

    every: bool
    """Whether it lists every page (and its list is the one the others point to)."""
    entries: tuple[Listed[P], ...]

    def __iter__(self) -> Iterator[Listed[P]]:
        return iter(self.entries)


def listed_pages(number: int, pages: Sequence[P]) -> PageList[P]:
    """The pages the page ``number`` of ``pages`` lists, in order. A single page left out
    between two listed is listed instead: naming it takes no more room than the gap."""
    count = len(pages)
    if every_page_listed(number, count):
        return PageList(True, tuple(Listed(page) for page in pages))
    shown = {1, count, *range(number - NEAR, number + NEAR + 1)}
    shown |= {n for n in range(2, count) if n - 1 in shown and n + 1 in shown}
    entries: list[Listed[P]] = []
    gap_from = 0
    for n in range(1, count + 1):
        if n not in shown:
            gap_from = gap_from or n
            continue
        if gap_from:
            entries.append(Listed(left_out=(gap_from, n - 1)))
            gap_from = 0
        entries.append(Listed(pages[n - 1]))
    return PageList(False, tuple(entries))
