"""The one action block (``_action.md.j2``), as the recommendation page and the printable
report set out an action: pinned, so that neither use can drift from the other."""

from __future__ import annotations

import dataclasses
import functools
import re
from datetime import date

import markupsafe

from generator.content.model import Evidence
from generator.content.validate import load_content
from generator.facts.derive import ActionView, release_view
from generator.facts.terms import plan_terms
from generator.render.pages import render_release
from generator.render.template import environment
from tests.conftest import SMALL_PLAN

USE = '{% import "_action.md.j2" as act with context %}'


@functools.cache
def _action() -> tuple[object, ActionView]:
    content = load_content(SMALL_PLAN)
    view = release_view(content, content.releases[-1].id)
    a = next(a for r in view.recommendations for a in r.actions if a.action.id == "8.1")
    action = a.action.model_copy(
        update={
            "lead": "Jo  Bloggs",
            "strategic_lead": "Ann Graham",
            "operational_lead": "Vikki Rix",
            "resources": "Two social workers",
            "outcome": "**Fewer** children in care",
            "start": date(2014, 7, 1),
        }
    )
    evidence = (Evidence(title="Audit report", url="https://example.org/audit"),)
    return view, dataclasses.replace(a, action=action, as_at=date(2015, 1, 10), evidence=evidence)


def _render(call: str) -> str:
    view, a = _action()
    return (
        environment()
        .from_string(USE + call)
        .render(
            a=a,
            view=view,
            release=view.release,
            terms=plan_terms(view.content.site),
            href=lambda item: markupsafe.Markup(f"../kpis/{item.id}/"),
            anchor_of=lambda item: markupsafe.Markup(f"#kpi-{item.id}"),
        )
    )


STATUS = (
    '<strong class="ps-status ps-status--complete ps-tag ps-tag--green">'
    '<span class="ps-icon ps-icon--check-circle" aria-hidden="true"></span> In place</strong>'
)


def _block(heading: str, kpi_link: str) -> str:
    return (
        f"{heading}\n\n"
        '<div class="ps-text" markdown>\n\n'
        "Establish a plan to increase representation in the children in care council.\n\n"
        "</div>\n\n"
        f"- **Status:** {STATUS}\n"
        "- **Planned start:** 1 July 2014\n"
        "- **Timescale:** Dec 2014 (due 31 December 2014)\n"
        "- **Lead:** Jo Bloggs\n"
        "- **Strategic lead:** Ann Graham\n"
        "- **Operational lead:** Vikki Rix\n"
        "- **Resources:** Two social workers\n"
        "- **Outcome and evidence:** **Fewer** children in care\n"
        f"- **Measured by:** [Children in care council members]({kpi_link})\n\n"
        "**Progress reported (progress as at 10 January 2015):**\n\n"
        "Membership has increased from 9 to 12 — the council’s target for the year.\n\n"
        "**Evidence:**\n\n"
        '- <a href="https://example.org/audit">Audit report</a>\n\n\n'
    )


def test_the_recommendation_page_sets_out_an_action():
    page = _render('{{ act.block(a, 3, "8-1", href, new=True, in_release=" in R") }}')
    assert page == _block("### Action 8.1 { #8-1 }", "../kpis/cicc-members/")


def test_the_printable_report_sets_out_an_action_the_same_way():
    """Resources, the outcome as Markdown and the date of the progress, as on the page."""
    report = _render('{{ act.block(a, 4, "action-8-1", anchor_of) }}')
    assert report == _block("#### Action 8.1 { #action-8-1 }", "#kpi-cicc-members")


def test_both_uses_say_when_no_progress_was_reported():
    view, a = _action()
    quiet = dataclasses.replace(a, narrative="", evidence=(), as_at=None)
    env = environment()
    common = {"view": view, "release": view.release, "terms": plan_terms(view.content.site)}
    page = env.from_string(USE + '{{ act.block(a, 3, "x", href, in_release=" in R") }}')
    report = env.from_string(USE + '{{ act.block(a, 4, "x", href) }}')
    href = lambda item: markupsafe.Markup("#")  # noqa: E731
    assert page.render(a=quiet, href=href, **common).endswith(
        "*No progress narrative was reported for this action in R.*\n\n"
    )
    assert report.render(a=quiet, href=href, **common).endswith(
        "*No progress narrative was reported for this action.*\n\n"
    )


def _section(text: str, heading: str) -> str:
    """From ``heading`` to the next heading of the same level or above, its own heading line
    and link targets left out."""
    start = text.index(heading)
    level = heading.split(" ")[0]
    ends = [text.find(f"\n{'#' * n} ", start + 1) for n in range(1, len(level) + 1)]
    body = text[start : min((e for e in ends if e > 0), default=len(text))]
    return re.sub(r"\]\([^)]*\)", "](…)", body.split("\n", 1)[1]).rstrip("\n")


def test_the_page_and_the_report_show_each_action_alike(tmp_path):
    """The recommendation page and the printable report, as built, set out every action of a
    recommendation in the same words: only the heading's level and anchor, the links and the
    release named where no progress was reported differ."""
    content = load_content(SMALL_PLAN)
    view = release_view(content, "2015-01")
    render_release(view, tmp_path)
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    for rec, actions in (("1", ("1.2", "1.4", "1.6")), ("8", ("8.1",))):
        page = (tmp_path / f"recommendations/{rec}.md").read_text(encoding="utf-8")
        for action in actions:
            on_page = _section(page, f"### Action {action} ")
            in_report = _section(report, f"#### Action {action} ")
            assert "- **Timescale:**" in on_page
            assert on_page.replace(f" in {view.release.title}.*", ".*") == in_report
