"""Ids that share a folder or a page must give each item names of its own there.

An id becomes names in the built site: a release id a folder at the site root, a group id a
folder under ``pillars/``, a recommendation id (as its slug) a folder under
``recommendations/``, a KPI id a folder and two charts under ``kpis/``, an action id an
anchor on its recommendation's page. Two ids that give the same name would publish one item
over the other, and an id that gives the name of one of the site's own files would replace
it. ``IdSpace`` records the names of every id in one folder or page and reports each clash,
naming both items, or the site's own file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify as heading_slug

from generator.content.strings import cleaned
from generator.errors import Problems

URL_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
"""An id that is part of a web address: releases, groups and KPIs."""
MAX_ID_CHARS = 64
"""Ids become folder names and anchors: they are kept well below any file system's limit."""

ROOT_NAMES = {
    "index": "the site's own index.html (the site's home page)",
    "index.html": "the site's own index.html (the site's home page)",
    "versions.json": "the site's own versions.json (the list of versions)",
    "feed.xml": "the site's own feed.xml (the Atom feed)",
    "history.json": "the site's own history.json (the record that verify checks)",
    "feeds": "the site's own feeds/ folder (the feed of each recommendation)",
    "latest": "the site's own latest/ folder (links to the newest release)",
    "assets": "the site's own assets/ folder",
    "search": "the site's own search/ folder",
    "sitemap.xml": "the site's own sitemap.xml",
    "sitemap.xml.gz": "the site's own sitemap.xml.gz",
    "404.html": "the site's own 404.html (the page for addresses not found)",
    "robots.txt": "the robots.txt file that web hosts read",
    "favicon.ico": "the favicon.ico file that browsers read",
    "cname": "the CNAME file that names the site's domain",
}
"""What the build writes at the site root, beside the release folders (and what web hosts
read there), by the name a release id would take."""

INDICATORS_PART = "indicators"
OTHER_PART = "other-recommendations"
"""The names of the parts of a long printable report that are not a group's: its indicators
(``report/indicators/``) and the recommendations under no group; a group's part takes the
group's id (``report/<group-id>/``)."""


def folder_names(folder: str) -> dict[str, str]:
    """The names the build itself writes in a folder of pages (``pillars``, ``kpis``...)."""
    return {name: f"the site's own page {folder}/index.html" for name in ("index", "index.html")}


PAGE_HEADINGS = ("Outcome", "Targets", "Indicators", "Progress", "Status history", "Actions")
"""The fixed headings of a recommendation page (``recommendation.md.j2``)."""


def page_anchors(rec_id: str, heading: str = "Recommendation") -> dict[str, str]:
    """The anchors a recommendation page's own headings take (``toc``'s slugs); ``heading``
    is the plan's word for a recommendation, which titles the page."""
    slugs = (heading_slug(h, "-") for h in (f"{heading} {rec_id}", *PAGE_HEADINGS))
    return {slug: f"the page's own heading anchor #{slug}" for slug in slugs}


@dataclass(frozen=True)
class Name:
    """One name an item takes: ``path`` as shown in messages, and what the item keeps there."""

    path: str
    role: str


@dataclass(frozen=True)
class _Holder:
    id: str
    line: int
    item: str
    role: str


class IdSpace:
    """The ids that share one folder or page (``where``), in ``file``."""

    def __init__(self, problems: Problems, file: str, reserved: dict[str, str]) -> None:
        self.problems = problems
        self.file = file
        self.reserved = reserved
        self.names: dict[str, _Holder] = {}

    def add(self, item_id: str, line: int, item: str, names: dict[str, Name]) -> bool:
        """Record ``item_id`` (of ``item``, on ``line``) and its names; False if one clashes."""
        for name, where in names.items():
            problem = self._clash(item_id, name, where)
            if problem:
                self.problems.add(self.file, line, item, problem)
                return False
        for name, where in names.items():
            self.names[name] = _Holder(item_id, line, item, where.role)
        return True

    def _clash(self, item_id: str, name: str, where: Name) -> str | None:
        if name in self.reserved:
            return f"id '{item_id}' would replace {self.reserved[name]}; choose another id"
        other = self.names.get(name)
        if other is None:
            return None
        if other.id.lower() == item_id.lower():
            return (
                f"id '{item_id}' collides with {other.item} (line {other.line}): ids must differ "
                "by more than letter case"
            )
        if other.role == where.role:
            return (
                f"id '{item_id}' collides with {other.item} (line {other.line}): both would be "
                f"published as {where.path}"
            )
        return (
            f"id '{item_id}' collides with {other.item} (line {other.line}): its {where.role} "
            f"and the {other.role} of {other.item} would both be {where.path}"
        )


class CaseSpace:
    """Ids that are looked up by name across files: they must differ by more than case."""

    def __init__(self, problems: Problems, file: str) -> None:
        self.problems = problems
        self.file = file
        self.seen: dict[str, tuple[str, int, str]] = {}

    def add(self, item_id: str, line: int, item: str) -> bool:
        folded = item_id.casefold()
        other = self.seen.get(folded)
        if other is not None and other[0] != item_id:
            self.problems.add(
                self.file,
                line,
                item,
                f"id '{item_id}' collides with {other[2]} (line {other[1]}): ids must differ by "
                "more than letter case",
            )
            return False
        self.seen.setdefault(folded, (item_id, line, item))
        return True


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def release_id_problem(release_id: str) -> str | None:
    """Why ``release_id`` cannot name a release folder at the site root, or None."""
    if len(release_id) > MAX_ID_CHARS:
        return (
            f"a release id may be at most {MAX_ID_CHARS} characters long, found "
            f"{len(release_id)} characters"
        )
    if not URL_ID_RE.fullmatch(release_id):
        return (
            "a release id becomes part of the URL: use lower-case letters, digits, '.', '-' or "
            f"'_', starting with a letter or digit, found '{_one_line(cleaned(release_id))}'"
        )
    if release_id in ROOT_NAMES:
        return (
            f"release id '{release_id}' would replace {ROOT_NAMES[release_id]}; choose another id"
        )
    return None
