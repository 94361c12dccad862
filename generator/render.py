"""Stage 4: render one release's pages to Markdown with the Jinja2 templates in site_templates/.

Content is text, not markup: every value a template prints is escaped for Markdown and HTML
unless it is explicitly marked as Markdown (narratives and summaries, whose raw HTML is still
escaped). Templates only present; every fact they show comes from ``derive``.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import yaml

from . import TEMPLATES_DIR
from .derive import (
    ActionView,
    Direction,
    GroupView,
    KpiView,
    RecommendationView,
    ReleaseView,
    State,
)
from .model import Group, Kpi, Meaning, Polarity, StatusDef, slugify

Md = markupsafe.Markup
"""Text that is already Markdown (or safe HTML) and must not be escaped again."""


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=])")

STATUS_ICONS = {
    Meaning.COMPLETE: "material-check-circle",
    Meaning.IN_PROGRESS: "material-progress-clock",
    Meaning.AT_RISK: "material-alert",
    Meaning.OFF_TRACK: "material-close-octagon",
    Meaning.NOT_STARTED: "material-circle-outline",
    Meaning.NOT_REPORTED: "material-help-circle-outline",
}

DIRECTION_ICONS = {
    Direction.IMPROVING: None,
    Direction.WORSENING: None,
    Direction.NO_CHANGE: "material-arrow-right",
    Direction.UP: "material-arrow-up",
    Direction.DOWN: "material-arrow-down",
    Direction.UNKNOWN: "material-minus",
}

POLARITY_WORDS = {
    Polarity.HIGHER: "Higher is better",
    Polarity.LOWER: "Lower is better",
    Polarity.NEUTRAL: "Neither higher nor lower is better in itself: this shows demand",
}


def escape_text(value: Any) -> str:
    """Escape plain text so Markdown and HTML show it literally, on one line."""
    text = _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s*\n\s*", " ", str(value)))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace(":", "&#58;").replace('"', "&quot;")


def markdown_block(value: str) -> Md:
    """Narrative Markdown: formatting is kept, raw HTML and template syntax are shown literally."""
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("{", "&#123;").replace("}", "&#125;")
    return Md(text.strip())


def finalize(value: Any) -> Any:
    """Every printed value is escaped as text unless it is already marked as Markdown."""
    if value is None:
        return Md("")
    if isinstance(value, Md):
        return value
    return Md(escape_text(value))


def long_date(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def format_number(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    if unit == "%":
        return f"{text}%"
    if unit and unit not in ("count", "number"):
        return f"{text} {unit}"
    return text


def format_change(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    if value == 0:
        return "no change"
    sign = "+" if value > 0 else "−"
    return sign + format_number(abs(value), unit)


def status_badge(status: StatusDef | None) -> Md:
    """A status as an icon *and* a word; the icon is decoration, the word carries the meaning."""
    if status is None:
        return Md("")
    icon = STATUS_ICONS[status.meaning]
    return Md(
        f'<span class="ps-status ps-status--{status.meaning.value}">:{icon}: '
        f"{escape_text(status.label)}</span>"
    )


def direction_badge(kpi: KpiView) -> Md:
    direction = kpi.direction
    icon = DIRECTION_ICONS[direction]
    if icon is None:
        rising = (kpi.change or 0) > 0
        icon = "material-arrow-up" if rising else "material-arrow-down"
    word = direction.value.capitalize()
    return Md(
        f'<span class="ps-direction ps-direction--{direction.name.lower().replace("_", "-")}">'
        f":{icon}: {word}</span>"
    )


@dataclass(frozen=True)
class Page:
    path: str
    """Path of the Markdown file inside docs/, e.g. ``recommendations/7.md``."""
    template: str
    context: dict[str, Any]


def page_path(target: Any) -> str:
    """The docs-relative Markdown path of a model object's page."""
    if isinstance(target, RecommendationView):
        return f"recommendations/{target.recommendation.slug}.md"
    if isinstance(target, ActionView):
        return f"recommendations/{slugify(target.action.recommendation)}.md"
    if isinstance(target, GroupView):
        return f"pillars/{target.group.id}.md"
    if isinstance(target, KpiView):
        return f"kpis/{target.kpi.id}.md"
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
    }
    return pages[target]


def page_url(path: str) -> str:
    """The URL (relative to the version root) at which MkDocs publishes a Markdown path."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def _linker(current: str) -> tuple[Callable[..., str], Callable[..., str]]:
    here = posixpath.dirname(current) or "."

    def href(target: Any, anchor: str | None = None) -> str:
        path = page_path(target)
        if isinstance(target, ActionView):
            anchor = target.action.anchor
        rel = posixpath.relpath(path, here)
        return Md(f"{rel}#{anchor}" if anchor else rel)

    def version_href(release_id: str) -> str:
        """A link to another release's home page (outside this version's docs)."""
        depth = page_url(current).count("/")
        return Md("../" * (depth + 1) + f"{release_id}/")

    return href, version_href


def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,  # with ``finalize``: values are escaped for Markdown, not just HTML
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        long_date=long_date,
        number=format_number,
        change=format_change,
        status=status_badge,
        direction=direction_badge,
        md=markdown_block,
        anchor=lambda text: Md(slugify(text)),
    )
    env.globals.update(polarity_words=POLARITY_WORDS, State=State, Meaning=Meaning)
    return env


def pages(view: ReleaseView) -> list[Page]:
    """Every page of one release, with the template and the objects it presents."""
    result = [
        Page("index.md", "home.md.j2", {}),
        Page("pillars/index.md", "groups.md.j2", {}),
        Page("recommendations/index.md", "recommendations.md.j2", {}),
        Page("releases.md", "releases.md.j2", {}),
    ]
    result += [Page(page_path(g), "group.md.j2", {"group": g}) for g in view.groups]
    result += [Page(page_path(r), "recommendation.md.j2", {"rec": r}) for r in view.recommendations]
    if view.kpis:
        result.append(Page("kpis/index.md", "kpis.md.j2", {}))
        result += [Page(page_path(k), "kpi.md.j2", {"kpi": k}) for k in view.kpis]
    return result


def nav(view: ReleaseView) -> list[Any]:
    site = view.content.site
    items: list[Any] = [{"Home": "index.md"}]
    items.append(
        {
            site.grouping.plural: ["pillars/index.md"]
            + [{g.group.title: page_path(g)} for g in view.groups]
        }
    )
    items.append(
        {
            "Recommendations": ["recommendations/index.md"]
            + [
                {f"Recommendation {r.recommendation.id}": page_path(r)}
                for r in view.recommendations
            ]
        }
    )
    if view.kpis:
        items.append({"KPIs": ["kpis/index.md"] + [{k.kpi.title: page_path(k)} for k in view.kpis]})
    items.append({"Releases": "releases.md"})
    return items


def render_release(
    view: ReleaseView, docs_dir: Path, env: jinja2.Environment | None = None
) -> list[str]:
    """Write every Markdown page of ``view`` under ``docs_dir``; return their paths."""
    env = env or environment()
    written = []
    for page in pages(view):
        href, version_href = _linker(page.path)
        context = {
            "view": view,
            "site": view.content.site,
            "release": view.release,
            "href": href,
            "version_href": version_href,
            **page.context,
        }
        text = env.get_template(page.template).render(context)
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(page.path)
    assets = TEMPLATES_DIR / "assets"
    if assets.is_dir():
        shutil.copytree(assets, docs_dir / "assets", dirs_exist_ok=True)
    return written


def mkdocs_config(
    view: ReleaseView,
    base_config: Path,
    docs_dir: Path,
    site_dir: Path,
    theme_dir: Path = TEMPLATES_DIR / "theme",
) -> str:
    """The per-version mkdocs.yml: inherits the project's configuration, adds this release."""
    release = view.release
    config = {
        "INHERIT": str(base_config.resolve()),
        "site_name": view.content.site.title,
        "site_description": f"{view.content.site.title}: {release.title}",
        "docs_dir": str(docs_dir.resolve()),
        "site_dir": str(site_dir.resolve()),
        "theme": {"name": "material", "custom_dir": str(theme_dir.resolve())},
        "extra": {
            "release": {"id": release.id, "title": release.title, "date": release.date.isoformat()}
        },
        "nav": nav(view),
    }
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
