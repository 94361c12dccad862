"""Embeds: a KPI's chart or a group's status bar on a page with no header, navigation or
footer, for other sites to show in an iframe; and the snippet that does it."""

from __future__ import annotations

import html
from typing import Any

import markupsafe

from generator.facts.derive import GroupView, KpiView, ReleaseView
from generator.render.urls import Embed, page_path, page_url

Md = markupsafe.Markup

IFRAME_HEIGHT = 560
"""Tall enough for the chart and a few rows of its table on a phone; the page scrolls."""


def embed_address(view: ReleaseView, target: KpiView | GroupView) -> str:
    """The embed page's permanent address: absolute when the site's ``url`` is known,
    otherwise from the site root."""
    path = f"{view.release.id}/{page_url(page_path(Embed(target)))}"
    return f"{view.content.site.url}{path}"


def iframe_snippet(view: ReleaseView, kpi: KpiView) -> str:
    """The HTML a partner pastes into their page."""
    title = " ".join(f"{kpi.kpi.title} ({view.content.site.title})".split())
    src = html.escape(embed_address(view, kpi), quote=True)
    return (
        f'<iframe src="{src}" title="{html.escape(title, quote=True)}" width="100%" '
        f'height="{IFRAME_HEIGHT}" style="border: 0" loading="lazy"></iframe>'
    )


def embed_context(view: ReleaseView, kpi: KpiView) -> dict[str, Any]:
    """What the KPI page and the KPI's embed page show about embedding it."""
    snippet = iframe_snippet(view, kpi)
    return {
        "embed": Embed(kpi),
        "embed_absolute": bool(view.content.site.url),
        "iframe": Md(f'<pre class="ps-snippet"><code>{html.escape(snippet)}</code></pre>'),
    }
