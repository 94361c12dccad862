"""The pages of one release, the links between them, and its MkDocs configuration.

``pages`` lists every page with its template and the objects it presents; ``render_release``
writes them as Markdown beside the charts, downloads and glossary snippet; ``mkdocs_config``
writes the per-version mkdocs.yml. Links inside a version are relative Markdown links that
MkDocs checks; links into other versions are permanent URLs (``Linker``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import yaml

from generator import TEMPLATES_DIR
from generator.content.model import Target
from generator.facts.compare import Diff, compare, status_history
from generator.facts.derive import (
    KpiView,
    RecommendationView,
    ReleaseView,
    State,
    release_view,
)
from generator.facts.facets import facet_views, facets_of
from generator.facts.glossary import site_glossary
from generator.facts.leads import leads
from generator.facts.printable import PrintableSection, printable_sections
from generator.facts.terms import plan_terms
from generator.render.changes import split
from generator.render.charts.draw import write_charts
from generator.render.embed import embed_context
from generator.render.emoji import icon_dirs
from generator.render.format import ICONS, abbreviations, html_text, long_date
from generator.render.labels import nav_label
from generator.render.look import theme_config
from generator.render.opendata import write_open_data
from generator.render.paging import paged
from generator.render.printable import holders, print_header, report_context
from generator.render.printable_parts import split as split_report
from generator.render.recfeed import feed_path
from generator.render.template import environment, render_page
from generator.render.urls import Embed, Linker, page_path

Md = markupsafe.Markup


@dataclass(frozen=True)
class Page:
    path: str
    """Path of the Markdown file inside docs/, e.g. ``recommendations/7.md``."""
    template: str
    context: dict[str, Any]


def pages(view: ReleaseView, earlier: Sequence[ReleaseView] = ()) -> list[Page]:
    """Every page of one release, with the template and the objects it presents.

    ``earlier`` holds the views of every earlier release, oldest first: the changes pages
    compare with them and the recommendation pages show the status history through them.
    """
    changes = compare(earlier[-1], view) if earlier else None
    facets = facet_views(view)
    result = [
        Page(
            "index.md",
            "home.md.j2",
            {"changes": changes, "facets": facets, "has_leads": bool(leads(view))},
        ),
        Page("pillars/index.md", "groups.md.j2", {}),
        Page("releases.md", "releases.md.j2", {}),
    ]
    result += index_pages(view)
    result += report_pages(view)
    result += lead_pages(view)
    result.append(Page(page_path("assessments"), "assessments.md.j2", {}))
    result.append(Page(page_path("methods"), "methods.md.j2", {}))
    result.append(Page(page_path("data"), "data.md.j2", {}))
    result.append(Page(page_path("accessibility"), "accessibility.md.j2", {}))
    result.append(
        Page(page_path("glossary"), "glossary.md.j2", {"glossary": site_glossary(view.content)})
    )
    if changes:
        result += changes_pages(changes, baseline=False)
        result += changes_pages(compare(earlier[0], view), baseline=True)
    history = status_history([*earlier, view])
    result += group_pages(view)
    result += [
        Page(
            page_path(r),
            "recommendation.md.j2",
            {
                "rec": r,
                "history": history,
                "rec_facets": facets_of(r, facets),
                "targets": _targets(r, view),
                "feed": feed_path(r.recommendation),
                "merged_into": view.merged_into(r),
            },
        )
        for r in view.recommendations
    ]
    for facet in facets:
        result.append(Page(page_path(facet), "facets.md.j2", {"facet": facet}))
        result += [Page(page_path(v), "facet.md.j2", {"value": v}) for v in facet.values]
    if view.kpis:
        result.append(Page("kpis/index.md", "kpis.md.j2", {}))
        result += [
            Page(page_path(k), "kpi.md.j2", {"kpi": k, **embed_context(view, k)}) for k in view.kpis
        ]
    result += embed_pages(view)
    return result


def changes_pages(diff: Diff, baseline: bool) -> list[Page]:
    """A comparison's page, and its detail by group where it is long (``changes.split``)."""
    parts = split(diff, baseline)
    context = {"diff": diff, "baseline": baseline, "parts": parts}
    result = [Page(page_path("baseline" if baseline else "changes"), "changes.md.j2", context)]
    result += [
        Page(
            page_path(part),
            "changes_group.md.j2",
            {"diff": part.diff, "part": part, "group_pages": group},
        )
        for group in parts
        for part in group
    ]
    return result


def report_pages(view: ReleaseView) -> list[Page]:
    """The printable report, and its detail in parts where it is long."""
    sections = printable_sections(view)
    parts = split_report(view, sections)
    front = page_path("report")
    where = holders(parts)
    result = [Page(front, "printable.md.j2", report_context(view, sections, parts, front, where))]
    every = [(part, pages) for pages in parts for part in pages]
    for number, (part, pages) in enumerate(every, start=1):
        path = page_path(part)
        context = {
            **report_context(view, sections, parts, path, where),
            "part": part,
            "part_pages": pages,
            "number": number,
            "section": part.of if isinstance(part.of, PrintableSection) else None,
        }
        result.append(Page(path, "printable_part.md.j2", context))
    return result


def lead_pages(view: ReleaseView) -> list[Page]:
    """The list of leads and a page for each (none where the plan names no leads)."""
    found = leads(view)
    if not found:  # no page, and no link to one, where the plan names no leads
        return []
    result = [Page(page_path("leads"), "leads.md.j2", {"leads": found})]
    for lead in found:
        pages = paged(
            lead,
            lead.recommendations,
            lambda r: len(r.actions) + 1,
            LEAD_ROWS,
            lambda r: r.recommendation.recommendation.id,
            first=len(lead.overdue) / 3,
            noun=plan_terms(view.content.site).recommendation,
        )
        result += [
            Page(page_path(part), "lead.md.j2", {"lead": lead, "part": part, "pages": pages})
            for part in pages
        ]
    return result


INDEX_ROWS = 50
"""The recommendations index lists this many; the rest continue on numbered pages."""


def index_pages(view: ReleaseView) -> list[Page]:
    """The index of every recommendation, continued on numbered pages in a large plan."""
    pages = paged(
        "recommendations",
        view.recommendations,
        lambda r: 1,
        INDEX_ROWS,
        lambda r: r.recommendation.id,
        noun=plan_terms(view.content.site).recommendation,
    )
    return [
        Page(page_path(part), "recommendations.md.j2", {"part": part, "pages": pages})
        for part in pages
    ]


GROUP_RECOMMENDATIONS = 20
"""A group's page lists this many recommendations; the rest continue on numbered pages."""
LEAD_ROWS = 40
"""A lead's page lists about this many actions (an overdue one counts a third, a
recommendation's heading one); the rest continue on numbered pages."""


def group_pages(view: ReleaseView) -> list[Page]:
    """Each group's page, continued on numbered pages where it has many recommendations."""
    result = []
    for group in view.groups:
        pages = paged(
            group,
            group.recommendations,
            lambda r: 1,
            GROUP_RECOMMENDATIONS,
            lambda r: r.recommendation.id,
            first=len(group.kpis) / 2,  # its indicators: each about half a recommendation
            noun=plan_terms(view.content.site).recommendation,
        )
        result += [
            Page(page_path(part), "group.md.j2", {"group": group, "part": part, "pages": pages})
            for part in pages
        ]
    return result


def embed_pages(view: ReleaseView) -> list[Page]:
    """Chrome-less pages of each KPI's chart and each group's status bar, for iframes."""
    result = [
        Page(page_path(Embed(k)), "embed_kpi.md.j2", {"kpi": k, **embed_context(view, k)})
        for k in view.kpis
    ]
    result += [Page(page_path(Embed(g)), "embed_group.md.j2", {"group": g}) for g in view.groups]
    return result


NOT_IN_NAV = (
    "/leads/*\n!/leads/index.md\n/embed/\n/assessments.md\n/pillars/*/\n"
    "/changes/*\n!/changes/index.md\n!/changes/baseline.md\n/recommendations/index/\n/report/\n"
)
"""Pages reached from others, not listed in the navigation: each lead's pages, the embeds,
the independent assessments page of a release with none (listed when there are some), a
group's numbered pages, the parts of a long comparison or a long printable report and the
recommendations index's numbered pages."""


def _targets(rec: RecommendationView, view: ReleaseView) -> list[tuple[Target, list[KpiView]]]:
    """Each target of a recommendation with the KPIs measuring it that this release publishes."""
    kpis = {k.kpi.id: k for k in view.kpis}
    return [(t, [kpis[k] for k in t.kpis if k in kpis]) for t in rec.recommendation.targets]


def nav_title(title: str, state: State = State.ACTIVE) -> str:
    """A page's title in the navigation; a withdrawn or merged item says so."""
    return html_text(title if state is State.ACTIVE else f"{title} ({state.value})")


NAV_LIMIT = 40
"""A section of the navigation lists its pages one by one up to this many; beyond, only its
index page, which lists them all. Every page carries the navigation, so listing 150
recommendations on each would make every page several times the size of its content."""


def _listed(entries: list[dict[str, str]]) -> list[dict[str, str]]:
    return entries if len(entries) <= NAV_LIMIT else []


def not_in_nav(view: ReleaseView) -> list[str]:
    """The pages left out of the navigation (see ``NAV_LIMIT``), as MkDocs' ``not_in_nav``."""
    left_out = []
    if len(view.recommendations) > NAV_LIMIT:
        left_out.append("/recommendations/*.md")
    if len(view.kpis) > NAV_LIMIT:
        left_out.append("/kpis/*.md")
    return [f"{pattern}\n!/{pattern.split('/')[1]}/index.md" for pattern in left_out]


def nav(view: ReleaseView) -> list[Any]:
    site = view.content.site
    items: list[Any] = [{"Home": "index.md"}]
    if view.previous:
        items.append(
            {
                "What changed": [
                    "changes/index.md",
                    {"Since the first report": "changes/baseline.md"},
                ]
            }
        )
    items.append(
        {
            html_text(site.grouping.plural): ["pillars/index.md"]
            + [{html_text(g.group.title): page_path(g)} for g in view.groups]
        }
    )
    terms = plan_terms(site)
    recs = [
        {nav_title(nav_label(r.recommendation, terms.recommendation), r.state): page_path(r)}
        for r in view.recommendations
    ]
    rec_section = html_text(terms.recommendation.plural)
    items.append({rec_section: ["recommendations/index.md", *_listed(recs)]})
    for facet in facet_views(view):
        values = [{html_text(v.value.title): page_path(v)} for v in facet.values]
        items.append({html_text(facet.facet.plural): [page_path(facet), *values]})
    if view.kpis:
        kpis = [{html_text(k.kpi.title): page_path(k)} for k in view.kpis]
        items.append({"KPIs": ["kpis/index.md", *_listed(kpis)]})
    if leads(view):  # no link to an empty list of leads
        items.append({"Leads": page_path("leads")})
    if view.assessments:
        items.append({"Independent assessments": page_path("assessments")})
    items.append({"Printable report": page_path("report")})
    items.append({"How progress is judged": page_path("methods")})
    items.append({"Data": page_path("data")})
    items.append({"Glossary": page_path("glossary")})
    items.append({"Releases": "releases.md"})
    items.append({"Accessibility": page_path("accessibility")})
    return items


def render_release(
    view: ReleaseView,
    docs_dir: Path,
    env: jinja2.Environment | None = None,
    earlier: Sequence[ReleaseView] | None = None,
) -> list[str]:
    """Write every Markdown page of ``view`` under ``docs_dir``, and the files beside them;
    return the pages' paths.

    ``earlier`` are the views of the releases before this one, oldest first (computed from the
    content when not given).
    """
    env = env or environment()
    written = write_pages(view, docs_dir, env, release_pages(view, earlier))
    write_files(view, docs_dir)
    return written


def release_pages(view: ReleaseView, earlier: Sequence[ReleaseView] | None = None) -> list[Page]:
    """Every page of ``view`` (``earlier`` as for ``render_release``)."""
    if earlier is None:
        index = view.content.release_index(view.release.id)
        earlier = [release_view(view.content, r.id) for r in view.content.releases[:index]]
    return pages(view, earlier)


def write_pages(
    view: ReleaseView, docs_dir: Path, env: jinja2.Environment, listed: Sequence[Page]
) -> list[str]:
    """Write the Markdown of the ``listed`` pages of ``view``; return their paths."""
    written = []
    for page in listed:
        linker = Linker(page.path, view.release.id)
        text = render_page(env, page.template, view, linker, **page.context)
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(page.path)
    return written


def write_files(view: ReleaseView, docs_dir: Path) -> None:
    """Everything of the version but its pages: styles, icons, charts, downloads and the
    glossary's abbreviations."""
    assets = TEMPLATES_DIR / "assets"
    if assets.is_dir():
        shutil.copytree(assets, docs_dir / "assets", dirs_exist_ok=True)
    icons = docs_dir / "assets" / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    theme_icons = icon_dirs()[0] / "material"  # the installed theme's, whichever the engine
    for icon in ICONS:
        name = icon.removeprefix("material-")
        shutil.copyfile(theme_icons / f"{name}.svg", icons / f"{name}.svg")
    write_charts(view.kpis, docs_dir)
    write_open_data(view, docs_dir)
    snippets = snippets_dir(docs_dir)
    snippets.mkdir(parents=True, exist_ok=True)
    (snippets / ABBREVIATIONS).write_text(
        abbreviations(site_glossary(view.content)), encoding="utf-8"
    )


ABBREVIATIONS = "abbreviations.md"


def snippets_dir(docs_dir: Path) -> Path:
    """Beside docs/, so the glossary's abbreviations are appended to pages but are not a page.

    mkdocs.yml points pymdownx.snippets at ``snippets/``, relative to the directory MkDocs runs
    in, which is the one holding the per-version mkdocs.yml and docs/.
    """
    return docs_dir.parent / "snippets"


def mkdocs_config(
    view: ReleaseView,
    base_config: Path,
    docs_dir: Path,
    site_dir: Path,
    theme_dir: Path = TEMPLATES_DIR / "theme",
) -> str:
    """The per-version mkdocs.yml: inherits the project's configuration, adds this release.

    It is written beside ``docs_dir``; ``docs_dir`` and ``site_dir`` are relative to it, as
    Zensical requires (MkDocs reads either).
    """
    release = view.release
    here = docs_dir.parent.resolve()
    config = {
        "INHERIT": str(base_config.resolve()),
        "site_name": html_text(view.content.site.title),
        "site_description": html_text(f"{view.content.site.title}: {release.title}"),
        "docs_dir": os.path.relpath(docs_dir.resolve(), here),
        "site_dir": os.path.relpath(site_dir.resolve(), here),
        "theme": theme_config(view.content.site, theme_dir),
        "extra": {
            "short_title": view.content.site.short_title,
            "release": {
                "id": release.id,
                "title": release.title,
                "date": release.date.isoformat(),
                "draft": release.draft,
                "corrected": long_date(release.errata[-1].date) if release.errata else "",
                "print_header": print_header(view),
            },
        },
        "nav": nav(view),
        "not_in_nav": NOT_IN_NAV + "".join(f"{path}\n" for path in not_in_nav(view)),
    }
    if view.content.site.url:
        config["site_url"] = f"{view.content.site.url}{release.id}/"
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
