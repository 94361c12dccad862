"""How a release is labelled where a month is short enough: "Apr 2026", or, where another
release falls in the same month, the day: "9 Apr 2026", "16 Apr 2026"."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date

from generator.content.model import Release

NBSP = "\u00a0"  # a label is never split across lines


@functools.lru_cache(maxsize=1024)  # a plan's few dates, labelled on every line
def month_label(day: date) -> str:
    return f"{day:%b}{NBSP}{day:%Y}"


@functools.lru_cache(maxsize=1024)
def day_label(day: date) -> str:
    return f"{day.day}{NBSP}{day:%b}{NBSP}{day:%Y}"


class ReleaseLabels:
    """Labels for the releases of one plan: by month, or by day where a month holds two."""

    def __init__(self, releases: Iterable[Release]) -> None:
        months: dict[tuple[int, int], int] = {}
        for release in releases:
            key = (release.date.year, release.date.month)
            months[key] = months.get(key, 0) + 1
        self._crowded = {month for month, count in months.items() if count > 1}

    def shares_month(self, day: date) -> bool:
        """Whether another release falls in the month of ``day``."""
        return (day.year, day.month) in self._crowded

    def __call__(self, release: Release | date) -> str:
        """The label of ``release`` (or of the release dated ``day``)."""
        day = release if isinstance(release, date) else release.date
        return day_label(day) if self.shares_month(day) else month_label(day)

    def title(self, release: Release) -> str:
        """The release's title, naming its day where its month holds another release and
        the title does not already say it: "April 2026 (9 Apr 2026)"."""
        label = day_label(release.date).replace(NBSP, " ")
        if not self.shares_month(release.date) or label in release.title:
            return release.title
        return f"{release.title} ({label})"
