"""The printable report: anchors inside its one page, and what it shows besides the views."""

from __future__ import annotations

from typing import Any

import markupsafe

from generator.content.model import slugify
from generator.facts.derive import ActionView, GroupView, KpiView, RecommendationView, ReleaseView
from generator.facts.leads import named_leads, tidy
from generator.facts.paper import paper_sections
from generator.render.format import long_date
from generator.render.urls import page_path, page_url

Md = markupsafe.Markup


def anchor_id(target: Any) -> Md:
    """The id of an item's heading in the report; prefixed, so kinds of item never collide."""
    if isinstance(target, GroupView):
        return Md(f"group-{slugify(target.group.id)}")
    if isinstance(target, RecommendationView):
        return Md(f"rec-{target.recommendation.slug}")
    if isinstance(target, ActionView):
        return Md(f"action-{target.action.anchor}")
    if isinstance(target, KpiView):
        return Md(f"kpi-{slugify(target.kpi.id)}")
    raise TypeError(f"no heading in the report for {target!r}")


def anchor_href(target: Any) -> Md:
    return Md(f"#{anchor_id(target)}")


def leads_of(action: ActionView) -> list[tuple[str, str]]:
    """(role, name) of each lead an action names, with spacing tidied."""
    return [(role, tidy(name)) for role, name in named_leads(action.action)]


def report_context(view: ReleaseView) -> dict[str, Any]:
    site_url = view.content.site.url
    online = f"{site_url}{view.release.id}/{page_url(page_path('report'))}" if site_url else ""
    return {
        "sections": paper_sections(view),
        "anchor_of": anchor_href,
        "anchor_id": anchor_id,
        "leads_of": leads_of,
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
