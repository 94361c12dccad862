"""The whole release as one printable report: which group sets out each recommendation in full.

A recommendation can sit under more than one group. The report sets it out once, under the
first group that holds it, and refers to that place from the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import Group
from generator.facts.derive import GroupView, RecommendationView, ReleaseView


@dataclass(frozen=True)
class PrintableEntry:
    recommendation: RecommendationView
    set_out_under: Group | None
    """None where this is the place it is set out in full; else the group that does."""


@dataclass(frozen=True)
class PrintableSection:
    group: GroupView | None
    """None for the recommendations that sit under no group."""
    entries: tuple[PrintableEntry, ...]


def printable_sections(view: ReleaseView) -> tuple[PrintableSection, ...]:
    """One section per group, in plan order, then any recommendations under no group."""
    first: dict[str, Group] = {}
    sections = []
    for group in view.groups:
        entries = []
        for rec in group.recommendations:
            earlier = first.setdefault(rec.recommendation.id, group.group)
            entries.append(PrintableEntry(rec, None if earlier is group.group else earlier))
        sections.append(PrintableSection(group, tuple(entries)))
    loose = tuple(
        PrintableEntry(r, None) for r in view.recommendations if r.recommendation.id not in first
    )
    if loose:
        sections.append(PrintableSection(None, loose))
    return tuple(sections)
