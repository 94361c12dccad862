"""When progress was written (``as_at``): after the release before the one reporting it, and
not after that release itself."""

from __future__ import annotations

from datetime import date


def as_at_problem(as_at: date | None, release_id: str, release_date: date | None) -> str | None:
    """Why ``as_at`` cannot be when progress reported in a release was written, or None."""
    if as_at and release_date and as_at > release_date:
        return (
            f"{as_at} is after the date of release {release_id} ({release_date}); progress is "
            "written before it is reported"
        )
    return None


def earlier_problem(
    as_at: date | None, release_id: str, previous: tuple[str, date] | None
) -> str | None:
    """Why ``as_at`` cannot be when progress newly reported in ``release_id`` was written:
    it is before the date of ``previous`` (the release before it, id and date), or None."""
    if as_at and previous and as_at < previous[1]:
        return (
            f"{as_at} is before {previous[1]}, the date of release {previous[0]} before it: "
            f"progress newly reported in release {release_id} is written after that"
        )
    return None
