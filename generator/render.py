"""Stage 4: render one release's pages to Markdown with the Jinja2 templates in site_templates/.

Content is text, not markup: every value a template prints is escaped for Markdown and HTML
unless it is explicitly marked as Markdown (narratives and summaries, whose raw HTML is still
escaped). Templates only present; every fact they show comes from ``derive``.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import yaml

from . import TEMPLATES_DIR
from .charts import chart_path, write_charts
from .derive import (
    ActionView,
    Counts,
    Direction,
    GroupView,
    KpiView,
    RecommendationView,
    ReleaseView,
    State,
    release_view,
)
from .diff import Diff, KpiChange, Move, compare, status_history
from .glossary import abbreviations
from .model import Group, Kpi, Meaning, Polarity, StatusDef, slugify
from .opendata import write_open_data
from .progress import Judgement, TargetProgress
from .words import Op, Segment

Md = markupsafe.Markup
"""Text that is already Markdown (or safe HTML) and must not be escaped again."""


_MD_INLINE = re.compile(r"([\\`*_{}\[\]|])")
_MD_LINE_START = re.compile(r"^(#|[-+](?=[\s-]|$))|^(\d+)([.)])(?=\s|$)")

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
    """Escape plain text so Markdown and HTML show it literally, on one line.

    Inline syntax is escaped everywhere; block syntax (``- ``, ``# ``, ``1. ``) only where it
    could take effect, at the start, so ordinary punctuation stays readable in the source.
    """
    text = _MD_INLINE.sub(r"\\\1", re.sub(r"\s*\n\s*", " ", str(value)))
    text = _MD_LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace(":", "&#58;").replace('"', "&quot;")


def _escape_source(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("{", "&#123;").replace("}", "&#125;")


def markdown_block(value: str) -> Md:
    """Narrative Markdown: formatting is kept, raw HTML and template syntax are shown literally."""
    return Md(_escape_source(value).strip())


_BLOCK_MARKER = re.compile(r"^[ \t]*(?:(?:[-*+]|\d+[.)]|#{1,6})[ \t]+)+")
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]])")
_CRITIC = {Op.INSERT: ("{++", "++}"), Op.DELETE: ("{--", "--}")}


def critic_markup(segments: Sequence[Segment]) -> Md:
    """A word diff of narrative Markdown as CriticMarkup, shown as <ins>/<del> by pymdownx.critic.

    Unchanged text keeps its formatting. A change never spans a line break (so it cannot break a
    paragraph or list apart), list and heading markers stay outside it, and Markdown syntax inside
    a change is shown literally, so a half-changed ``**bold**`` cannot unbalance the page.
    """
    if not any(s.op is Op.EQUAL and re.search(r"\w", s.text) for s in segments):
        # Rewritten from scratch: the old text, then the new, each as its own block.
        old = "".join(s.text for s in segments if s.op is not Op.INSERT)
        new = "".join(s.text for s in segments if s.op is not Op.DELETE)
        blocks = [(Op.DELETE, old), (Op.INSERT, new)]
        return Md("\n\n".join(_critic_inline([Segment(op, t)]) for op, t in blocks if t.strip()))
    return _critic_inline(segments)


def _critic_inline(segments: Sequence[Segment]) -> Md:
    out: list[str] = []
    at_line_start = True
    for segment in segments:
        text = _escape_source(segment.text)
        if segment.op is Op.EQUAL:
            out.append(text)
            at_line_start = text.endswith("\n") if text else at_line_start
            continue
        opener, closer = _CRITIC[segment.op]
        for piece in re.split(r"(\n[ \t]*)", text):
            if piece.startswith("\n"):
                out.append(piece)
                at_line_start = True
                continue
            lead = ""
            if at_line_start and (marker := _BLOCK_MARKER.match(piece)):
                lead = marker.group(0)
            body = piece[len(lead) :]
            out.append(lead)
            if body.strip():  # spaces at either end stay outside the mark
                core = body.strip()
                start = body[: len(body) - len(body.lstrip())]
                end = body[len(body.rstrip()) :]
                out.append(start + opener + _INLINE_SYNTAX.sub(r"\\\1", core) + closer + end)
            elif segment.op is Op.INSERT:
                out.append(body)
            if piece:
                at_line_start = False
    return Md("".join(out).strip())


def finalize(value: Any) -> Any:
    """Every printed value is escaped as text unless it is already marked as Markdown."""
    if value is None:
        return Md("")
    if isinstance(value, Md):
        return value
    return Md(escape_text(value))


def long_date(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def month_year(value: date) -> str:
    return f"{value:%b}\u00a0{value:%Y}"  # never split across lines


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


def direction_badge(kpi: KpiView | KpiChange) -> Md:
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


PROGRESS_ICONS = {
    Judgement.ACHIEVED: "material-flag-checkered",
    Judgement.ON_COURSE: "material-check",
    Judgement.BEHIND: "material-clock-alert-outline",
    Judgement.DETERIORATING: "material-trending-down",
    Judgement.NOT_ENOUGH_DATA: "material-minus",
}


def progress_badge(progress: TargetProgress) -> Md:
    """Progress toward a target as an icon and words."""
    judgement = progress.judgement
    word = judgement.value.capitalize()
    if judgement is Judgement.BEHIND:
        word += ": moderate progress" if progress.moderate else ": limited progress"
    return Md(
        f'<span class="ps-progress ps-progress--{judgement.name.lower().replace("_", "-")}">'
        f":{PROGRESS_ICONS[judgement]}: {word}</span>"
    )


def status_bar(counts: Counts) -> Md:
    """Actions by status as a stacked bar; its label, and the counts beside it, give the numbers."""
    shown = [c for c in counts.by_status if c.count]
    if not counts.total:
        return Md("")
    label = ", ".join(f"{c.status.label} {c.count}" for c in shown)
    parts = "".join(
        f'<span class="ps-bar__part ps-bar__part--{c.status.meaning.value}" '
        f'style="width: {100 * c.count / counts.total:.3f}%"></span>'
        for c in shown
    )
    aria = markupsafe.escape(f"{counts.total} actions: {label}")
    return Md(f'<span class="ps-bar" role="img" aria-label="{aria}">{parts}</span>')


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
        "changes": "changes/index.md",
        "baseline": "changes/baseline.md",
        "glossary": "glossary.md",
        "methods": "methods.md",
        "data": "data.md",
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
        rel = posixpath.relpath(page_path(target), posixpath.dirname(self.current) or ".")
        fragment = _anchor(target, anchor)
        return Md(f"{rel}#{fragment}" if fragment else rel)

    def version_href(self, release_id: str, target: Any = "home", anchor: str | None = None) -> Md:
        """The permanent URL of a page in any release."""
        up = "" if self.current is None else "../" * (page_url(self.current).count("/") + 1)
        fragment = _anchor(target, anchor)
        url = f"{up}{release_id}/{page_url(page_path(target))}"
        return Md(f"{url}#{fragment}" if fragment else url)

    def root_href(self, path: str) -> Md:
        """A link to a file at the root of the whole site (above every version)."""
        up = "" if self.current is None else "../" * (page_url(self.current).count("/") + 1)
        return Md(up + path)

    def file(self, path: str) -> Md:
        """A link to any file inside this version's docs, such as a chart."""
        assert self.current is not None
        return Md(posixpath.relpath(path, posixpath.dirname(self.current) or "."))

    def link(self, text: str, release_id: str, target: Any, anchor: str | None = None) -> Md:
        """A link to ``target`` as published in ``release_id``."""
        label = escape_text(text)
        if release_id == self.release_id and self.current is not None:
            return Md(f"[{label}]({self.href(target, anchor)})")
        url = self.version_href(release_id, target, anchor)
        if self.current is None:
            return Md(f"[{label}]({url})")
        return Md(f'<a href="{url}">{label}</a>')


def plain_status(status: StatusDef | None) -> str:
    return status.label if status else ""


def plain_direction(kpi: KpiView | KpiChange) -> str:
    return kpi.direction.value.capitalize()


def environment(templates_dir: Path = TEMPLATES_DIR, plain: bool = False) -> jinja2.Environment:
    """The Jinja2 environment for the site's pages; ``plain`` writes statuses and directions as
    bare words (no icons or HTML), for Markdown read outside the site."""
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
        status=plain_status if plain else status_badge,
        direction=plain_direction if plain else direction_badge,
        md=markdown_block,
        critic=critic_markup,
        progress=progress_badge,
        bar=status_bar,
        month_year=month_year,
        anchor=lambda text: Md(slugify(text)),
    )
    env.globals.update(polarity_words=POLARITY_WORDS, State=State, Meaning=Meaning, Move=Move)
    return env


def pages(view: ReleaseView, earlier: Sequence[ReleaseView] = ()) -> list[Page]:
    """Every page of one release, with the template and the objects it presents.

    ``earlier`` holds the views of every earlier release, oldest first: the changes pages
    compare with them and the recommendation pages show the status history through them.
    """
    changes = compare(earlier[-1], view) if earlier else None
    result = [
        Page("index.md", "home.md.j2", {"changes": changes}),
        Page("pillars/index.md", "groups.md.j2", {}),
        Page("recommendations/index.md", "recommendations.md.j2", {}),
        Page("releases.md", "releases.md.j2", {}),
    ]
    result.append(Page(page_path("methods"), "methods.md.j2", {}))
    result.append(Page(page_path("data"), "data.md.j2", {}))
    if view.content.glossary:
        result.append(Page(page_path("glossary"), "glossary.md.j2", {}))
    if changes:
        since_first = compare(earlier[0], view)
        result.append(
            Page(page_path("changes"), "changes.md.j2", {"diff": changes, "baseline": False})
        )
        result.append(
            Page(page_path("baseline"), "changes.md.j2", {"diff": since_first, "baseline": True})
        )
    history = status_history([*earlier, view])
    result += [Page(page_path(g), "group.md.j2", {"group": g}) for g in view.groups]
    result += [
        Page(page_path(r), "recommendation.md.j2", {"rec": r, "history": history})
        for r in view.recommendations
    ]
    if view.kpis:
        result.append(Page("kpis/index.md", "kpis.md.j2", {}))
        result += [Page(page_path(k), "kpi.md.j2", {"kpi": k}) for k in view.kpis]
    return result


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
    items.append({"How progress is judged": page_path("methods")})
    items.append({"Data": page_path("data")})
    if view.content.glossary:
        items.append({"Glossary": page_path("glossary")})
    items.append({"Releases": "releases.md"})
    return items


def render_page(
    env: jinja2.Environment, template: str, view: ReleaseView, linker: Linker, **context: Any
) -> str:
    return env.get_template(template).render(
        view=view,
        site=view.content.site,
        release=view.release,
        href=linker.href,
        version_href=linker.version_href,
        file=linker.file,
        root_href=linker.root_href,
        chart_path=chart_path,
        link=linker.link,
        **context,
    )


def render_release(
    view: ReleaseView,
    docs_dir: Path,
    env: jinja2.Environment | None = None,
    earlier: Sequence[ReleaseView] | None = None,
) -> list[str]:
    """Write every Markdown page of ``view`` under ``docs_dir``; return their paths.

    ``earlier`` are the views of the releases before this one, oldest first (computed from the
    content when not given).
    """
    env = env or environment()
    if earlier is None:
        index = view.content.release_index(view.release.id)
        earlier = [release_view(view.content, r.id) for r in view.content.releases[:index]]
    written = []
    for page in pages(view, earlier):
        linker = Linker(page.path, view.release.id)
        text = render_page(env, page.template, view, linker, **page.context)
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(page.path)
    assets = TEMPLATES_DIR / "assets"
    if assets.is_dir():
        shutil.copytree(assets, docs_dir / "assets", dirs_exist_ok=True)
    write_charts(view.kpis, docs_dir)
    write_open_data(view, docs_dir)
    snippets = snippets_dir(docs_dir)
    snippets.mkdir(parents=True, exist_ok=True)
    (snippets / ABBREVIATIONS).write_text(abbreviations(view.content.glossary), encoding="utf-8")
    return written


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
            "release": {
                "id": release.id,
                "title": release.title,
                "date": release.date.isoformat(),
                "draft": release.draft,
                "corrected": long_date(release.errata[-1].date) if release.errata else "",
            }
        },
        "nav": nav(view),
    }
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def diff_markdown(diff: Diff, env: jinja2.Environment | None = None) -> str:
    """The changes page for any two releases, as Markdown linking into the site from its root."""
    env = env or environment(plain=True)
    linker = Linker(None, diff.new.release.id)
    return render_page(env, "changes.md.j2", diff.new, linker, diff=diff, baseline=False)
