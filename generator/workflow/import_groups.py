"""The levels above an action in an imported table: groups (a heading row matched by the
group pattern, or a column such as Pillar) and the recommendations in them (a column such as
Focus area or Recommendation, or the heading itself when the table has no such column).

A cell names its item by id, by text, or both: ``P1``, ``Pillar 1: Student achievement``,
``1.4 Early literacy``, ``Early literacy``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.model import slugify

ID_ONLY = re.compile(r"^(?=\D*\d)[A-Za-z0-9][\w./-]{0,15}$")
_LEADING_ID = re.compile(
    r"^(?:(?P<id>[A-Za-z]{0,3}\d[\w.]{0,15}?)[.:)]|(?P<bare>(?:[A-Za-z]{1,3}\d|\d+\.\d)[\w.]{0,15}?))"
    r"\s+(?:[-–—:]\s+)?(?P<text>\S.*)$"
)
"""An id leading the text: '1. ...', 'P1 ...', '1.4 ...'; a bare number needs its '.' or ':'."""
_NAMED_ID = re.compile(
    r"^(?P<word>[A-Za-z][A-Za-z ]{0,30}?)\s+(?P<id>[A-Za-z]{0,3}\d[\w.]{0,15}?)"
    r"(?:(?:\.\s+|\s*[:)–—-]\s*)(?P<text>\S.*)|\.)?$"
)


@dataclass(eq=False)
class Group:
    id: str
    title: str
    row: int | None = None
    heading: bool = False
    """Made by a heading row (the group pattern), rather than by a group column."""


def split_label(cell: str) -> tuple[str | None, str]:
    """A cell's id (None when it gives none) and its text (empty when it gives only an id)."""
    text = " ".join(cell.split())
    if ID_ONLY.match(text):
        return text.rstrip("."), ""
    named = _NAMED_ID.match(text)
    if named:
        return named["id"], named["text"] or ""
    leading = _LEADING_ID.match(text)
    if leading:
        return leading["id"] or leading["bare"], leading["text"]
    return None, text


def group_from(cell: str, row: int, groups: list[Group], title_cell: str = "") -> Group:
    """The group a group column's cell names: an earlier one with its id, or a new one; its
    title is the group title column's, where the table has one."""
    label_id, text = split_label(cell)
    title = " ".join(title_cell.split()) or text or " ".join(cell.split())
    group_id = label_id or slug_id(title)
    for group in groups:
        if group.id == group_id and not group.heading:
            if group.title == group.id and title != group_id:
                group.title = title
            return group
    groups.append(Group(group_id, title, row))
    return groups[-1]


def slug_id(text: str) -> str:
    """An id made from a title: its slug, cut at a word to at most 40 characters."""
    slug = slugify(text)
    return slug if len(slug) <= 40 else slug[:40].rsplit("-", 1)[0]


def prefix(action_id: str) -> str:
    """The recommendation an action id names: '1.2' -> '1', '3b' -> '3', 'P1.F4.A2' -> 'P1.F4'."""
    if "." in action_id:
        return action_id.rsplit(".", 1)[0]
    match = re.match(r"^(.*?\d+)[a-z]?$", action_id, re.IGNORECASE)
    return match[1] if match else action_id


def group_ids(groups: list[Group], alone: set[int]) -> dict[int, str]:
    """The content's id of each group, by ``id(group)``: a heading that is its group's only
    recommendation keeps the id imports have always given it (aip-1); others their own, made
    unique where two read the same in a web address (P1 and p1)."""
    result: dict[int, str] = {}
    for group in groups:
        slug = slugify(group.id)
        base = f"aip-{slug}" if group.heading and id(group) in alone else slug
        unique, n = base, 1
        while unique in result.values():
            n += 1
            unique = f"{base}-{n}"
        result[id(group)] = unique
    return result
