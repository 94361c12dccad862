"""A new release's id and date: in the pattern of the ids before it, dated by what it names.

Release ids are folder names on the site and the order readers find reports in, so a new id
follows the pattern the existing ids share (``2017-07`` after ``2017-04``, never ``2017-7``),
unless the user says otherwise (``--any-id``). An id that names a month is dated on that
month's last day when no date is given; any other id needs its date given. A date is never
taken from the clock.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from generator.errors import ProgressSiteError


@dataclass(frozen=True)
class Pattern:
    name: str
    """As shown to the user: ``YYYY-MM``."""
    regex: re.Pattern[str]


PATTERNS = (
    Pattern("YYYY-MM", re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")),
    Pattern("YYYY-MM-DD", re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")),
    Pattern("YYYY-qN", re.compile(r"^\d{4}-q[1-4]$")),
    Pattern("YYYY", re.compile(r"^\d{4}$")),
)
"""The shapes of release ids seen in practice, most specific first."""
MONTH_ID = PATTERNS[0].regex


def _shape(release_id: str) -> str:
    """The id with each digit shown as N: ``report-07`` -> ``report-NN``."""
    return re.sub(r"\d", "N", release_id)


def shared_pattern(existing: Sequence[str]) -> Pattern | None:
    """The pattern every existing id follows, or None if they share none.

    A named pattern (``YYYY-MM``) counts from one id; a shape of their own (``report-NN``)
    from two ids with digits in them, all of one shape.
    """
    if not existing:
        return None
    for pattern in PATTERNS:
        if all(pattern.regex.match(i) for i in existing):
            return pattern
    shapes = {_shape(i) for i in existing}
    if len(existing) >= 2 and len(shapes) == 1 and "N" in next(iter(shapes)):
        shape = next(iter(shapes))
        return Pattern(shape, re.compile("^" + re.escape(shape).replace("N", r"\d") + "$"))
    return None


def check_new_id(release_id: str, existing: Sequence[str], any_id: bool = False) -> None:
    """Refuse a new id that breaks the pattern of the existing ids (unless ``any_id``)."""
    pattern = shared_pattern(existing)
    if any_id or pattern is None or pattern.regex.match(release_id):
        return
    raise ProgressSiteError(
        f"release id {release_id} does not follow the pattern of the existing release ids "
        f"({pattern.name}, as in {existing[-1]}); use --any-id to accept it anyway"
    )


def month_end(release_id: str) -> date | None:
    """The last day of the month a ``YYYY-MM`` id names, or None for any other id."""
    if not MONTH_ID.match(release_id):
        return None
    year, month = int(release_id[:4]), int(release_id[5:])
    if year < 1:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def release_date(release_id: str, when: date | None, option: str = "--date") -> date:
    """The date given, or the last day of the month the id names; never today."""
    if when is not None:
        return when
    found = month_end(release_id)
    if found is None:
        raise ProgressSiteError(
            f"release {release_id}: its id names no month (YYYY-MM), so give its date with "
            f"{option} YYYY-MM-DD"
        )
    return found


def default_title(when: date) -> str:
    return f"{when:%B %Y} progress report"
