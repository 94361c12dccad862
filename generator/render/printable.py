"""The printable report: anchors inside its pages, and what it shows besides the views."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import markupsafe

from generator.content.model import Kpi, slugify
from generator.facts.derive import ActionView, GroupView, KpiView, RecommendationView, ReleaseView
from generator.facts.printable import PrintableEntry, PrintableSection
from generator.render.format import long_date
from generator.render.printable_parts import ReportPart, part_title
from generator.render.urls import Linker, page_path, page_url

Md = markupsafe.Markup


def anchor_id(target: Any) -> Md:
    """The id of an item's heading in the report; prefixed, so kinds of item never collide."""
    if isinstance(target, GroupView):
        return Md(f"group-{slugify(target.group.id)}")
    if isinstance(target, RecommendationView):
        return Md(f"rec-{target.recommendation.slug}")
    if isinstance(target, ActionView):
        return Md(f"action-{target.action.anchor}")
    if isinstance(target, KpiView | Kpi):
        kpi = target.kpi if isinstance(target, KpiView) else target
        return Md(f"kpi-{slugify(kpi.id)}")
    raise TypeError(f"no heading in the report for {target!r}")


def holders(parts: Sequence[Sequence[ReportPart]]) -> dict[str, ReportPart]:
    """The page of the report's parts that holds each heading, by its anchor."""
    found: dict[str, ReportPart] = {}
    for pages in parts:
        for part in pages:
            if isinstance(part.of, PrintableSection) and part.of.group and part.page == 1:
                found[anchor_id(part.of.group)] = part
            for item in part.items:
                if isinstance(item, KpiView):
                    found[anchor_id(item)] = part
                elif isinstance(item, PrintableEntry) and item.set_out_under is None:
                    rec = item.recommendation
                    found[anchor_id(rec)] = part
                    found.update((anchor_id(a), part) for a in rec.actions)
    return found


def anchors(view: ReleaseView, where: dict[str, ReportPart], current: str) -> Callable[[Any], Md]:
    """The link from the report's page ``current`` to an item's heading: ``#anchor`` on the same
    page, else the part's page that holds it (``where``, from ``holders``) with the anchor."""
    linker = Linker(current, view.release.id)

    def anchor_of(target: Any) -> Md:
        anchor = anchor_id(target)
        holder = where[anchor] if where else None
        if holder is None or page_path(holder) == current:
            return Md(f"#{anchor}")
        return linker.href(holder, anchor)

    return anchor_of


def report_context(
    view: ReleaseView,
    sections: tuple[PrintableSection, ...],
    parts: Sequence[Sequence[ReportPart]],
    current: str,
    where: dict[str, ReportPart],
) -> dict[str, Any]:
    """What each page of the report is given: ``current`` is the page's path, ``parts`` the
    report's parts (none where it is one page) and ``where`` the part holding each heading."""
    site_url = view.content.site.url
    online = f"{site_url}{view.release.id}/{page_url(page_path('report'))}" if site_url else ""
    return {
        "sections": sections,
        "parts": parts,
        "part_count": sum(len(pages) for pages in parts),
        "part_title": part_title,
        "anchor_of": anchors(view, where, current),
        "anchor_id": anchor_id,
        "online": online,
        "online_href": Md(markupsafe.escape(online)),
    }


def css_string(text: str) -> str:
    """Text as a quoted CSS string with every character escaped (as six hexadecimal digits, so
    no space after an escape is taken as part of it): inert in a stylesheet and inside an HTML
    <style> element, and no part of the text appears in the page's source as written."""
    return '"' + "".join(f"\\{ord(char):06x}" for char in " ".join(text.split())) + '"'


def print_header(view: ReleaseView) -> str:
    """The header of every printed page of the report, as a CSS string."""
    release = view.release
    return css_string(
        f"{view.content.site.title}: {release.title} (progress as at {long_date(release.date)})"
    )
