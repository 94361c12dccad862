"""Statuses for ``import``: the words a plan uses for them, and the statuses the site lists.

A status is read from a status column, or with ``--infer-status`` from the leading words of
the progress text. The words recognised are the site's own status labels and ids, the words
councils commonly use (Completed, Implemented, On schedule, In progress, Delayed, ...) and a
mapping file's ``status_words``, which win.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

STATUS_WORDS = {
    "completed": "completed",
    "complete": "completed",
    "in place": "in-place",
    "on track": "on-track",
    "planned": "planned",
    "due": "due",
}
COMMON_WORDS = {
    **STATUS_WORDS,
    "implemented": "completed",
    "on schedule": "on-track",
    "in progress": "in-progress",
    "delayed": "delayed",
    "not started": "not-started",
}
STATUSES = [
    {"id": "completed", "label": "Completed", "meaning": "complete"},
    {"id": "in-place", "label": "In place", "meaning": "complete"},
    {"id": "on-track", "label": "On track", "meaning": "in-progress"},
    {"id": "planned", "label": "Planned", "meaning": "not-started"},
    {"id": "due", "label": "Due", "meaning": "not-started"},
    {"id": "not-reported", "label": "Not reported", "meaning": "not-reported"},
]
EXTRA_STATUSES = [
    {"id": "in-progress", "label": "In progress", "meaning": "in-progress"},
    {"id": "delayed", "label": "Delayed", "meaning": "at-risk"},
    {"id": "not-started", "label": "Not started", "meaning": "not-started"},
]
"""Listed on the site only when the plan uses them, and only with the default statuses."""


def _available(statuses: list[dict[str, str]]) -> list[dict[str, str]]:
    return statuses + EXTRA_STATUSES if statuses == STATUSES else statuses


def status_words(statuses: list[dict[str, str]], words: dict[str, str]) -> dict[str, str]:
    """Leading words (lower case) -> status id, for the statuses the site will have."""
    available = _available(statuses)
    known = {s["id"] for s in available}
    result = {phrase: status for phrase, status in COMMON_WORDS.items() if status in known}
    for status in available:
        for name in (status["label"], status["id"], status["id"].replace("-", " ")):
            result[" ".join(name.lower().split())] = status["id"]
    result.update({" ".join(k.lower().split()): v for k, v in words.items()})
    return result


def statuses_used(statuses: list[dict[str, str]], used: Iterable[str]) -> list[dict[str, str]]:
    """The site's statuses: the given ones, and any extra status the plan uses."""
    wanted = set(used)
    return statuses + [s for s in EXTRA_STATUSES if statuses == STATUSES and s["id"] in wanted]


def infer_status(text: str, words: dict[str, str]) -> str | None:
    """The status named by the leading words of a text ("On track. ...", "in  progress")."""
    lowered = " ".join(text.lower().split())
    for phrase in sorted(words, key=len, reverse=True):
        if re.match(rf"{re.escape(phrase)}(?![\w-])", lowered):
            return words[phrase]
    return None
