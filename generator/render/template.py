"""The Jinja2 environment of the page templates, and what every template is given."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import jinja2.compiler
import markupsafe

from generator import TEMPLATES_DIR
from generator.atomic import code_digest
from generator.content.model import Meaning, slugify
from generator.facts.compare import Move
from generator.facts.compare_kpis import kpi_sections, left_out_lines, no_new_value_line
from generator.facts.derive import ReleaseView, State
from generator.facts.release_labels import ReleaseLabels
from generator.facts.targets import Judgement
from generator.facts.terms import plan_terms
from generator.render.charts.alt import chart_alt, trend_alt
from generator.render.charts.words import (
    axis_note,
    chart_headline,
    chart_measure,
    data_link_text,
    tolerance_words,
)
from generator.render.compiled import KeptCompiled, folder_name
from generator.render.fields import LABELS, action_details
from generator.render.format import (
    POLARITY_WORDS,
    blockquote,
    brief,
    critic_markup,
    direction_badge,
    finalize,
    first_paragraph,
    format_change,
    format_number,
    link_href,
    long_date,
    markdown_block,
    month_year,
    plain_direction,
    plain_status,
    progress_badge,
    status_badge,
    status_bar,
)
from generator.render.opendata import action_column_docs
from generator.render.paging import every_page_listed, listed_pages
from generator.render.periods import change_words, earlier_revisions, period_label, value_when
from generator.render.phrases import count_words, heading_word, inspection_sentence, ratio
from generator.render.plain import plain_block, plain_diff, plain_finalize
from generator.render.urls import Linker, chart_path


def _kept_compiled(templates_dir: Path, plain: bool) -> KeptCompiled:
    """The page templates' compiled cache: one folder per templates folder, kind of
    environment and code that configures the environment (``_CONFIGURING``)."""
    return KeptCompiled(folder_name(str(templates_dir.resolve()), str(plain), _configuring()))


_CONFIGURING = ("template.py", "format.py", "plain.py")
"""The modules whose code decides how a template compiles: the environment's settings and
its ``finalize`` functions."""


@functools.cache
def _configuring() -> str:
    """The digest of the ``_CONFIGURING`` modules' code (and progress-site's version)."""
    here = Path(__file__).parent
    return code_digest("templates", [here / name for name in _CONFIGURING]).hex()


def render_page(
    env: jinja2.Environment, template: str, view: ReleaseView, linker: Linker, **context: Any
) -> str:
    return env.get_template(template).render(
        view=view,
        site=view.content.site,
        terms=plan_terms(view.content.site),
        release_label=ReleaseLabels(view.content.releases),
        release=view.release,
        href=linker.href,
        version_href=linker.version_href,
        file=linker.file,
        root_href=linker.root_href,
        chart_path=chart_path,
        link=linker.link,
        **context,
    )


Md = markupsafe.Markup


class _Generator(jinja2.compiler.CodeGenerator):
    """Compiles a printed ``{{ value }}`` to ``finalize(value)`` alone, without autoescape's
    ``escape`` around it: both finalize functions (``format.finalize``, ``plain.plain_finalize``)
    escape every value and return it marked as Markdown, which ``escape`` would only copy."""

    def _finalized(self, frame: jinja2.compiler.Frame, finalize: Any) -> bool:
        context = frame.eval_ctx
        return bool(context.autoescape) and not context.volatile and finalize.src is not None

    def _output_child_pre(self, node: Any, frame: jinja2.compiler.Frame, finalize: Any) -> None:
        if self._finalized(frame, finalize):
            self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: Any, frame: jinja2.compiler.Frame, finalize: Any) -> None:
        if self._finalized(frame, finalize):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


class _Environment(jinja2.Environment):
    code_generator_class = _Generator


def environment(templates_dir: Path = TEMPLATES_DIR, plain: bool = False) -> jinja2.Environment:
    """The Jinja2 environment for the site's pages; ``plain`` writes plain Markdown for reading
    outside the site (``render.plain``): statuses and directions as bare words, no HTML,
    entities or CriticMarkup."""
    env = _Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        bytecode_cache=_kept_compiled(templates_dir, plain),
        autoescape=True,  # with ``finalize``: values are escaped for Markdown, not just HTML
        finalize=plain_finalize if plain else finalize,
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
        md=plain_block if plain else markdown_block,
        first_paragraph=first_paragraph,
        brief=brief,
        quote=blockquote,
        critic=plain_diff if plain else critic_markup,
        progress=progress_badge,
        bar=status_bar,
        month_year=month_year,
        anchor=lambda text: Md(slugify(text)),
        chart_alt=chart_alt,
        link_href=link_href,
        trend_alt=trend_alt,
        chart_headline=chart_headline,
        chart_measure=chart_measure,
        axis_note=axis_note,
        data_link=data_link_text,
        tolerance=tolerance_words,
        period=period_label,
        when=value_when,
        kpi_change=change_words,
        counted=count_words,
        heading_word=heading_word,
        ratio=ratio,
        earlier_revisions=earlier_revisions,
    )
    env.globals.update(
        plain=plain,
        polarity_words=POLARITY_WORDS,
        State=State,
        Meaning=Meaning,
        Move=Move,
        Judgement=Judgement,
        action_column_docs=action_column_docs,
        action_details=action_details,
        action_labels=LABELS,
        inspection_sentence=inspection_sentence,
        kpi_sections=kpi_sections,
        left_out_lines=left_out_lines,
        no_new_value_line=no_new_value_line,
        listed_pages=listed_pages,
        every_page_listed=every_page_listed,  # for councils' copies of the templates
    )
    return env


def compiled_environment() -> jinja2.Environment:
    """``environment()`` with every page template already compiled: made once before the
    versions are built, so that each version's process inherits it rather than compiling."""
    env = environment()
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)
    return env
