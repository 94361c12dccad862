"""How a release is named in the version selector: its title and its date.

Material's version selector inserts each ``title`` of versions.json into the page as HTML,
and its button shows the current version's. So the title is written HTML-escaped, and the
date is markup of our own: ``April 2017 progress update <time ...>30 April 2017</time>``.
The button has no label of its own (``partials/language.html``), so what a screen reader
announces is the text it shows (WCAG 2.5.3, Label in Name).
"""

from __future__ import annotations

from datetime import date

from generator.render.format import html_text, long_date

DRAFT = " (draft)"
"""The end of a draft release's title (deploy looks for it)."""


def selector_title(title: str, day: date, draft: bool = False) -> str:
    """The versions.json title of a release called ``title``, dated ``day``."""
    when = f'<time class="ps-version-date" datetime="{day.isoformat()}">{long_date(day)}</time>'
    return f"{html_text(title)} {when}{DRAFT if draft else ''}"
