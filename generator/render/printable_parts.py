"""The printable report in parts, where the whole release would make one very long page.

A short report is one page. A long one keeps its address and its front matter (the summary,
progress by group, overdue actions, what was found and what is being done) and sets out its
detail in parts: each group's at ``/<release>/report/<group-id>/``, the recommendations under
no group at ``/<release>/report/other-recommendations/`` and the indicators at
``/<release>/report/indicators/``. A part that is itself long continues on numbered pages
(``/<release>/report/<group-id>/2/``...), each holding whole recommendations (or whole
indicators), so that no page grows with the size of the plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.content.ids import INDICATORS_PART, OTHER_PART
from generator.facts.derive import KpiView, ReleaseView
from generator.facts.printable import PrintableEntry, PrintableSection
from generator.facts.terms import PlanTerms, plan_terms
from generator.render.paging import Paged, paged

SPLIT_ABOVE = 200
"""A report holding more actions and indicator values (a KPI's value table has a row for each)
than this is set out in parts. The report of the site's own content, about 70 actions and 90
values, is one page."""

PART_BYTES = 24_000
"""A part continues on another page beyond about this many bytes of its own HTML. Material's
header, navigation and footer add some 30 KB to every page, so a page stays under 60 KB."""
RECOMMENDATION_BYTES = 700
"""What a recommendation's heading and counts add to a page, besides its own words."""
ACTION_BYTES = 1_300
"""What an action's heading, status, timescale and leads add to a page (and its heading to the
page's table of contents), besides its own words."""
GROUP_BYTES = 2_000
"""What a group's heading, status bar and counts add to the first page of its part (counted
with its first recommendation, so that no page holds the heading alone)."""
KPI_BYTES = 1_500
"""What an indicator's heading, figures and chart add to a page, besides its value table."""
ROW_BYTES = 100
"""What one row of an indicator's value table adds to a page."""


@dataclass(frozen=True)
class Indicators:
    """The report's indicators, as a part of their own."""

    kpis: tuple[KpiView, ...]


ReportPart = Paged[PrintableEntry] | Paged[KpiView]
"""One page of a part: some of a section's recommendations (``of`` the ``PrintableSection``), or
some of the indicators (``of`` the ``Indicators``)."""


def part_name(of: PrintableSection | Indicators) -> str:
    """The name of a part in its address: its group's id, or what it holds."""
    if isinstance(of, Indicators):
        return INDICATORS_PART
    return of.group.group.id if of.group else OTHER_PART


def part_title(part: ReportPart, terms: PlanTerms) -> str:
    """What a part holds, as its heading and its entry in the report's list of parts say."""
    if isinstance(part.of, Indicators):
        return "Indicators"
    if part.of.group:
        return part.of.group.group.title
    return f"Other {terms.recommendation.many}"


def report_weight(view: ReleaseView) -> int:
    """What decides whether the report is split: its actions and indicator values."""
    actions = sum(len(r.actions) for r in view.recommendations)
    return actions + sum(len(k.values) for k in view.kpis)


def entry_bytes(entry: PrintableEntry) -> int:
    """About how much of a page a recommendation takes in the report."""
    rec = entry.recommendation
    size = RECOMMENDATION_BYTES + len(rec.recommendation.text)
    if entry.set_out_under is not None:
        return size
    return size + sum(
        ACTION_BYTES + len(a.action.description) + len(a.action.outcome) + len(a.narrative)
        for a in rec.actions
    )


def kpi_bytes(kpi: KpiView) -> int:
    """About how much of a page an indicator takes in the report."""
    return KPI_BYTES + ROW_BYTES * len(kpi.values)


def _with_intro(section: PrintableSection) -> Callable[[PrintableEntry], int]:
    """How much of a page each entry of ``section`` takes, its first with the group's heading
    and counts before it (so the first page always holds a recommendation)."""
    first = section.entries[0] if section.entries else None
    intro = GROUP_BYTES if section.group else 0
    return lambda entry: entry_bytes(entry) + (intro if entry is first else 0)


def split(
    view: ReleaseView, sections: tuple[PrintableSection, ...]
) -> tuple[tuple[ReportPart, ...], ...]:
    """The report's detail in parts, each as its pages: every section in plan order, then the
    indicators; nothing where the report fits one page."""
    if report_weight(view) <= SPLIT_ABOVE:
        return ()
    parts: list[tuple[ReportPart, ...]] = [
        tuple(
            paged(
                section,
                section.entries,
                _with_intro(section),
                PART_BYTES,
                lambda e: e.recommendation.recommendation.id,
                noun=plan_terms(view.content.site).recommendation,
            )
        )
        for section in sections
    ]
    if view.kpis:
        number = {k.kpi.id: str(n) for n, k in enumerate(view.kpis, start=1)}
        indicators = paged(
            Indicators(view.kpis),
            view.kpis,
            kpi_bytes,
            PART_BYTES,
            lambda k: number[k.kpi.id],
            noun="indicator",
        )
        parts.append(tuple(indicators))
    return tuple(parts)
