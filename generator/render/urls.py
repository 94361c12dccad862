"""Where each page and file of a release is published, and links between them.

Links inside a version are relative Markdown links that the engine checks; links into other
versions are permanent URLs from the site root (``Linker``). All are Markdown links written
relative to the Markdown file, which both engines turn into links relative to the published
page (MkDocs, for links out of the version, with generator.render.outside_links).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import markupsafe

from generator.content.model import Group, Kpi, slugify
from generator.facts.derive import ActionView, GroupView, KpiView, RecommendationView
from generator.facts.facets import FacetValueView, FacetView
from generator.facts.leads import LeadView
from generator.facts.printable import PrintableSection
from generator.render.changes import GroupChanges
from generator.render.format import escape_text
from generator.render.paging import Paged, page_suffix
from generator.render.printable_parts import Indicators, part_name

Md = markupsafe.Markup


@dataclass(frozen=True)
class Embed:
    """The chrome-less page of a KPI's chart or a group's status bar, for other sites' iframes."""

    target: KpiView | GroupView


def page_path(target: Any) -> str:
    """The docs-relative Markdown path of a model object's page."""
    if isinstance(target, Embed):
        inner = target.target
        if isinstance(inner, KpiView):
            return f"embed/kpis/{inner.kpi.id}.md"
        return f"embed/pillars/{inner.group.id}.md"
    if isinstance(target, Paged):
        whole = page_path(target.of)
        return whole if target.page == 1 else f"{whole[:-3]}{page_suffix(target.page)}.md"
    if isinstance(target, PrintableSection | Indicators):
        return f"report/{part_name(target)}.md"
    if isinstance(target, LeadView):
        return f"leads/{target.slug}.md"
    if isinstance(target, GroupChanges):
        folder = "changes/baseline" if target.baseline else "changes"
        return f"{folder}/{target.group.group.id}{page_suffix(target.page)}.md"
    if isinstance(target, RecommendationView):
        return f"recommendations/{target.recommendation.slug}.md"
    if isinstance(target, ActionView):
        return f"recommendations/{slugify(target.action.recommendation)}.md"
    if isinstance(target, FacetView):
        return f"facets/{target.facet.id}/index.md"
    if isinstance(target, FacetValueView):
        return f"facets/{target.facet.id}/{target.value.id}.md"
    target = target.group if isinstance(target, GroupView) else target
    target = target.kpi if isinstance(target, KpiView) else target
    if isinstance(target, Kpi):
        return f"kpis/{target.id}.md"
    if isinstance(target, Group):
        return f"pillars/{target.id}.md"
    pages = {
        "home": "index.md",
        "pillars": "pillars/index.md",
        "recommendations": "recommendations/index.md",
        "kpis": "kpis/index.md",
        "releases": "releases.md",
        "changes": "changes/index.md",
        "baseline": "changes/baseline.md",
        "glossary": "glossary.md",
        "methods": "methods.md",
        "data": "data.md",
        "report": "report.md",
        "leads": "leads/index.md",
        "assessments": "assessments.md",
        "accessibility": "accessibility.md",
    }
    return pages[target]


def page_url(path: str) -> str:
    """The URL (relative to the version root) at which MkDocs publishes a Markdown path."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def _anchor(target: Any, anchor: str | None) -> str:
    if isinstance(target, ActionView):
        return target.action.anchor
    return anchor or ""


@functools.lru_cache(maxsize=1 << 14)
def _relative(path: str, current: str) -> str:
    """``path`` relative to the folder of the page ``current`` (both are normal paths inside
    docs/, as ``page_path`` makes them): ``posixpath.relpath``'s answer, without its work of
    making both absolute."""
    here, there = current.split("/")[:-1], path.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


@dataclass(frozen=True)
class Linker:
    """Links from one page: within its own version (checked by MkDocs) and into other versions.

    With ``current`` None, links are written relative to the site root instead, for Markdown
    read outside the site (``progress-site diff``).
    """

    current: str | None
    release_id: str

    def href(self, target: Any, anchor: str | None = None) -> Md:
        if self.current is None:
            return self.version_href(self.release_id, target, anchor)
        rel = _relative(page_path(target), self.current)
        fragment = _anchor(target, anchor)
        return Md(f"{rel}#{fragment}" if fragment else rel)

    def version_href(self, release_id: str, target: Any = "home", anchor: str | None = None) -> Md:
        """The permanent URL of a page in any release."""
        fragment = _anchor(target, anchor)
        url = self.root_href(f"{release_id}/{page_url(page_path(target))}")
        return Md(f"{url}#{fragment}" if fragment else url)

    def root_href(self, path: str) -> Md:
        """A link to a file at the root of the whole site (above every version), for a
        Markdown link: relative to the Markdown file, one folder above the version's docs."""
        up = "" if self.current is None else "../" * (self.current.count("/") + 1)
        return Md(up + path)

    def file(self, path: str) -> Md:
        """A link to any file inside this version's docs, such as a chart."""
        if self.current is None:
            raise ValueError("files inside a version are linked only from its own pages")
        return Md(_relative(path, self.current))

    def link(self, text: str, release_id: str, target: Any, anchor: str | None = None) -> Md:
        """A link to ``target`` as published in ``release_id``."""
        label = escape_text(text)
        if release_id == self.release_id and self.current is not None:
            return Md(f"[{label}]({self.href(target, anchor)})")
        return Md(f"[{label}]({self.version_href(release_id, target, anchor)})")


def chart_path(kpi: KpiView, kind: str = "chart") -> str:
    """Where a KPI's chart (``chart``), sparkline (``trend``) or the chart's data (``data``,
    inside the folder of the KPI's own page, so no other name can take it) is written inside
    docs/."""
    kpi_id = kpi.kpi.id
    if kind == "data":
        return f"kpis/{kpi_id}/{kpi_id}.csv"
    return f"kpis/{kpi_id}.svg" if kind == "chart" else f"kpis/{kpi_id}-trend.svg"
