"""An Atom feed of releases at ``<out>/feed.xml``, newest first.

Each entry links the release's home page and, from the second release on, its What changed
page. Links are relative to the feed (the site has no fixed address); entry ids are stable
UUIDs derived from the organisation and the release id, so rebuilding never changes them.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from generator.content.model import Site
from generator.facts.compare import Diff, compare
from generator.facts.derive import ReleaseView
from generator.facts.terms import plan_terms

NAMESPACE = uuid.UUID("5f0c7a0e-2b6f-4f4e-9d4c-7c1f0b3e8a21")


def _id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '/'.join(parts))}"


def _timestamp(view: ReleaseView) -> str:
    return f"{view.release.date.isoformat()}T00:00:00Z"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _revised(diff: Diff) -> str:
    """How many indicators had a value revised, where any had."""
    revised = len(diff.kpis_revised)
    return f"{_count(revised, 'indicator')} revised, " if revised else ""


def entry_summary(views: Sequence[ReleaseView], index: int, diff: Diff | None = None) -> str:
    """The summary of release ``index``'s entry: its own, then what changed since the one
    before (``diff``, where the caller has compared them already)."""
    view = views[index]
    text = " ".join(view.release.summary.split())
    if index == 0:
        return text
    diff = diff or compare(views[index - 1], view)
    terms = plan_terms(view.content.site)
    not_rated = len(diff.not_rated)
    unrated = f"{terms.action.count(not_rated)} not rated in this report, " if not_rated else ""
    overdue = f"{len(diff.newly_overdue)} newly overdue, " if diff.has_due_dates else ""
    late = len(diff.newly_late_to_start)
    late_words = f"{late} newly late to start, " if diff.has_start_dates else ""
    changes = (
        f"Since {views[index - 1].release.title}: "
        f"{_count(len(diff.status_changes), 'status change')}, {unrated}"
        f"{overdue}{late_words}"
        f"{_count(len(diff.kpis_moved), 'indicator')} moved, {_revised(diff)}"
        f"{_count(len(diff.narrative_changes), 'progress narrative')} rewritten"
    )
    if diff.recommendation_narratives:
        rewritten = len(diff.recommendation_narrative_changes)
        changes += f", {_count(rewritten, f'{terms.recommendation.one} narrative')} rewritten"
    changes += "."
    return f"{text} {changes}".strip()


def _text(summaries: Mapping[str, str], views: Sequence[ReleaseView], index: int) -> str:
    known = summaries.get(views[index].release.id)
    return known if known is not None else entry_summary(views, index)


def rights(site: Site | None) -> list[str]:
    """The feed's ``<rights>`` line: the site's licence by name and address, where stated."""
    if site is None or site.licence is None:
        return []
    licence = site.licence
    return [f"  <rights>{escape(f'{licence.name} ({licence.url})')}</rights>"]


def atom_feed(views: Sequence[ReleaseView], summaries: Mapping[str, str] | None = None) -> str:
    """The feed for ``views`` (oldest first), as XML text.

    ``summaries`` are entries' ``entry_summary`` by release id, where already known.
    """
    summaries = summaries or {}
    site = views[-1].content.site if views else None
    title = site.title if site else "Progress reports"
    org = site.organisation if site else ""
    base = site.url if site else ""  # absolute links when the site's address is known
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(title)}: progress reports</title>",
        f"  <id>{_id(org, title)}</id>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(base or "./")}/>',
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + "feed.xml")}/>',
        f"  <updated>{_timestamp(views[-1]) if views else '1970-01-01T00:00:00Z'}</updated>",
        f"  <author><name>{escape(org or title)}</name></author>",
        *rights(site),
    ]
    for index in reversed(range(len(views))):
        view = views[index]
        release = view.release
        home = quoteattr(f"{base}{release.id}/")
        lines += [
            "  <entry>",
            f"    <title>{escape(release.title)}</title>",
            f"    <id>{_id(org, title, release.id)}</id>",
            f'    <link rel="alternate" type="text/html" href={home}/>',
        ]
        if index:
            changes = quoteattr(f"{base}{release.id}/changes/")
            lines.append(
                f'    <link rel="related" type="text/html" href={changes} title="What changed"/>'
            )
        lines += [
            f"    <updated>{_timestamp(view)}</updated>",
            f"    <summary>{escape(_text(summaries, views, index))}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
