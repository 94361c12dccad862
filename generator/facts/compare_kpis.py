"""The indicators of a comparison, sorted by what can honestly be said of each.

Only an indicator with a value in both releases, and a newer or revised one in the later, has
moved (or been revised): those are the comparison's moves. An indicator whose latest value is
the same in both releases has **no new value**, which is not "no change", so it is listed
apart. An indicator with no figures in one of the two releases (the first report often has
none) or in either has nothing to compare: it is left out, and the comparison says how many.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.facts.release_labels import ReleaseLabels
from generator.facts.series import Direction

if TYPE_CHECKING:
    from generator.content.model import Release
    from generator.facts.compare import Diff, KpiChange


@dataclass(frozen=True)
class KpiSections:
    """A comparison's indicators, each in exactly one section, in plan order."""

    moves: tuple[KpiChange, ...]
    """A value in both releases, and a newer or revised one in the later: moved, held,
    revised or not comparable."""
    no_new_value: tuple[KpiChange, ...]
    """The same latest value in both releases."""
    missing_old: tuple[KpiChange, ...]
    """Figures in the later release only: nothing in the earlier one to compare with."""
    missing_new: tuple[KpiChange, ...]
    """Figures in the earlier release only."""
    without_values: tuple[KpiChange, ...]
    """No figures in either release."""

    @property
    def in_one_release(self) -> tuple[KpiChange, ...]:
        """Figures in only one of the two releases."""
        return self.missing_old + self.missing_new

    @property
    def directions(self) -> tuple[tuple[Direction, int], ...]:
        """How many of the moves went each way, in a fixed order."""
        found = [k.direction for k in self.moves]
        return tuple((d, found.count(d)) for d in Direction if found.count(d))


def kpi_sections(kpis: Sequence[KpiChange]) -> KpiSections:
    """Sort a comparison's indicators into their sections."""
    sections: dict[str, list[KpiChange]] = {
        "moves": [],
        "no_new_value": [],
        "missing_old": [],
        "missing_new": [],
        "without_values": [],
    }
    for change in kpis:
        before, after = change.value_from, change.value_to
        if before is None and after is None:
            key = "without_values"
        elif before is None:
            key = "missing_old"
        elif after is None:
            key = "missing_new"
        elif change.direction is Direction.NO_NEW_VALUE:
            key = "no_new_value"
        else:
            key = "moves"
        sections[key].append(change)
    return KpiSections(**{key: tuple(found) for key, found in sections.items()})


def _indicators(count: int) -> str:
    return f"{count} indicator has" if count == 1 else f"{count} indicators have"


def _is_are(count: int) -> str:
    return "is" if count == 1 else "are"


def left_out_lines(diff: Diff) -> tuple[str, ...]:
    """One sentence for each kind of indicator a comparison leaves out, saying how many:
    "3 indicators have no figures yet and are left out."."""
    sections = kpi_sections(diff.kpis)
    title = ReleaseLabels(diff.new.content.releases).title
    lines = []
    gaps: tuple[tuple[tuple[KpiChange, ...], Release], ...] = (
        (sections.missing_old, diff.old.release),
        (sections.missing_new, diff.new.release),
    )
    for missing, release in gaps:
        if missing:
            count, name = len(missing), title(release)
            lines.append(
                f"{_indicators(count)} no figures in {name} and {_is_are(count)} left out."
            )
    if sections.without_values:
        count = len(sections.without_values)
        lines.append(f"{_indicators(count)} no figures yet and {_is_are(count)} left out.")
    return tuple(lines)


def no_new_value_line(diff: Diff) -> str:
    """ "7 indicators have no value newer than in April 2026 update." (or "")."""
    count = len(kpi_sections(diff.kpis).no_new_value)
    if not count:
        return ""
    title = ReleaseLabels(diff.new.content.releases).title(diff.old.release)
    return f"{_indicators(count)} no value newer than in {title}."
