"""Timescales as action plans write them, turned into due dates; the wording is always kept.

"Oct 2014", "Sept 14", "Nov2014", "30/11/2014"   due at the end of that month / that day
"May 2014 to March 2016"                         due at the end of the range
"Oct 2014 Quarterly", "Impact Review April 2015" due at the date given
"Quarterly 2014/15"                              due at the end of that financial year
"3 months", "6 weeks"                            relative to the plan's date
"Immediately"                                    the plan's date
"Mar-25" (as Excel shows mmm-yy)              the end of March 2025
"From July 2014", "Started June 2012",
"Programme commenced May 2012"                   states a start: no due date
"Ongoing", "Quarterly", "Reviewed monthly", "Annual", "In place"   no due date
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_YEAR = re.compile(
    r"\b(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s-]*'?"
    r"(?P<year>\d{4}|\d{2})\b",
    re.IGNORECASE,
)
_DAY_MONTH_YEAR = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b")
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_FINANCIAL_YEAR = re.compile(r"\b(?P<start>\d{4})/(?P<end>\d{2})\b")
_RELATIVE = re.compile(r"^\s*(?:within\s+)?(?P<n>\d+)\s*(?P<unit>day|week|month)s?\s*$", re.I)
_NO_DATE = re.compile(
    r"^\s*(?:ongoing|on-going|continuous|quarterly|monthly|weekly|annual(?:ly)?|yearly|"
    r"bi-monthly|six[- ]monthly|6[- ]monthly|reviewed\s+\w+|in\s+place|as\s+required|tbc|"
    r"to\s+be\s+confirmed)\b[\s\w()/-]*$",
    re.IGNORECASE,
)

_NO_START = re.compile(r"^(?:tbd|tbc|n/?a|none|not applicable|-+)$", re.IGNORECASE)
"""A start cell that gives no date: the action has no planned start."""

_START = re.compile(
    r"^from\b|\b(?:commenced|commencing|started|starting|began|begun|since)\b", re.IGNORECASE
)


class TimescaleError(ValueError):
    """The wording could not be read as a date or a recurring timescale."""


@dataclass(frozen=True)
class Timescale:
    text: str
    due: date | None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def month_first(texts: list[str]) -> bool:
    """Whether a table writes its dates month first (8/13/2025, as in the United States): some
    date has a second number above 12 and none a first number above 12 with a second below."""
    firsts = seconds = False
    for text in texts:
        for m in _DAY_MONTH_YEAR.finditer(text):
            first, second = int(m["d"]), int(m["m"])
            firsts |= first > 12 >= second
            seconds |= second > 12 >= first
    return seconds and not firsts


def _day(m: re.Match[str], swap: bool) -> date:
    day, month = (m["m"], m["d"]) if swap else (m["d"], m["m"])
    return date(int(m["y"]), int(month), int(day))


def _dates(text: str, us: bool = False) -> list[date]:
    found: list[tuple[int, date]] = []
    for m in _MONTH_YEAR.finditer(text):
        found.append((m.start(), _month_end(_year(m["year"]), MONTHS[m["month"].lower()[:3]])))
    for pattern in (_DAY_MONTH_YEAR, _ISO):
        for m in pattern.finditer(text):
            try:
                found.append((m.start(), _day(m, us and pattern is _DAY_MONTH_YEAR)))
            except ValueError as exc:
                raise TimescaleError(f"'{m[0]}' is not a real date") from exc
    for m in _FINANCIAL_YEAR.finditer(text):
        found.append((m.start(), date(int(m["start"]) + 1, 3, 31)))
    return [d for _, d in sorted(found, key=lambda item: item[0])]


def parse_timescale(text: str, plan_date: date | None = None, us: bool = False) -> Timescale:
    """Read a timescale; raise TimescaleError saying what is wrong when it cannot be read.
    ``us``: a date such as 8/1/2025 is written month first."""
    try:
        return _parse(text, plan_date, us)
    except TimescaleError:
        raise
    except (ValueError, OverflowError) as exc:  # a date beyond the calendar
        wording = " ".join(text.split())
        raise TimescaleError(f"'{wording}' gives a date that does not exist ({exc})") from None


def _parse(text: str, plan_date: date | None, us: bool) -> Timescale:
    wording = " ".join(text.split())
    lowered = wording.lower()
    if not wording:
        return Timescale("", None)
    if _START.search(lowered) and not re.search(r"\b(?:to|until|by)\b", lowered):
        _dates(wording, us)  # still reject impossible dates
        return Timescale(wording, None)
    relative = _RELATIVE.match(wording)
    if relative or lowered in ("immediately", "immediate", "now"):
        if plan_date is None:
            raise TimescaleError(f"'{wording}' is relative to the plan's date: give --plan-date")
        if not relative:
            return Timescale(wording, plan_date)
        n, unit = int(relative["n"]), relative["unit"].lower()
        if unit == "month":
            return Timescale(wording, _add_months(plan_date, n))
        return Timescale(wording, plan_date + timedelta(days=n * (7 if unit == "week" else 1)))
    dates = _dates(wording, us)
    if dates:
        if re.search(r"\bto\b|\buntil\b|–|\s-\s", lowered) and len(dates) > 1:
            return Timescale(wording, dates[-1])
        return Timescale(wording, dates[0])
    if _NO_DATE.match(wording):
        return Timescale(wording, None)
    raise TimescaleError(
        f"'{wording}' is not a timescale that can be read: write a month and year (Oct 2014), "
        "a range (May 2014 to March 2016), a period from the plan date (3 months), or a word "
        "such as Ongoing or Quarterly"
    )


def parse_start(text: str, us: bool = False) -> date | None:
    """A planned start as a table gives it: a day (2025-09-01, 01/09/2025), or a month
    (Sep 2025, Sep-25), which starts on its first day; the first date where several are given.
    A cell such as TBD, N/A or Ongoing gives no start.
    Raise TimescaleError saying what is wrong when it cannot be read."""
    wording = " ".join(text.split())
    if not wording:
        return None
    found: list[tuple[int, date]] = []
    try:
        for m in _MONTH_YEAR.finditer(wording):
            found.append((m.start(), date(_year(m["year"]), MONTHS[m["month"].lower()[:3]], 1)))
        for pattern in (_DAY_MONTH_YEAR, _ISO):
            for m in pattern.finditer(wording):
                found.append((m.start(), _day(m, us and pattern is _DAY_MONTH_YEAR)))
    except ValueError as exc:
        raise TimescaleError(f"'{wording}' is not a real date ({exc})") from None
    if not found and (_NO_DATE.match(wording) or _NO_START.match(wording)):
        return None
    if not found:
        raise TimescaleError(
            f"'{wording}' is not a start that can be read: write a date (2025-09-01 or "
            "01/09/2025) or a month and year (Sep 2025)"
        )
    return min(found, key=lambda item: item[0])[1]
