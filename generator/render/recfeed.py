"""Following one recommendation: an Atom feed per recommendation at
``feeds/recommendations/<rec-slug>.xml``.

There is an entry for each release in which the recommendation came into the plan, in which
any of its actions changed status (coming into or leaving the plan included) or had its
progress narrative rewritten, or in which an independent assessment of it was made public.
Entry ids are stable, as in the main feed; links are relative to the feed unless the site's
address is known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from generator.content.model import Recommendation
from generator.facts.compare import ActionChange, Diff, compare
from generator.facts.derive import RecommendationView, ReleaseView, State
from generator.facts.terms import PlanTerms, plan_terms
from generator.render.feed import _id, _timestamp, rights
from generator.render.format import long_date

FEEDS_DIR = "feeds/recommendations"


def feed_path(recommendation: Recommendation) -> str:
    """Where a recommendation's feed is published, from the site root."""
    return f"{FEEDS_DIR}/{recommendation.slug}.xml"


@dataclass(frozen=True)
class FeedEntry:
    view: ReleaseView
    recommendation: RecommendationView
    lines: tuple[str, ...]
    """What happened, one sentence each."""


def _active(change_side: object) -> bool:
    return getattr(change_side, "state", None) is State.ACTIVE


def _change_lines(change: ActionChange, terms: PlanTerms) -> list[str]:
    action = f"{terms.action.singular} {change.action.id}"
    if _active(change.old) != _active(change.new):
        if change.new is None:
            return [f"{action} left the plan."]
        if not _active(change.new):
            return [f"{action} was {change.new.state.value}."]
        status = change.status_to.label if change.status_to else "no status"
        return [f"{action} came into the plan: {status}."]
    lines = []
    if change.status_changed and change.status_from and change.status_to:
        lines.append(f"{action}: {change.status_from.label} → {change.status_to.label}.")
    elif change.not_rated and change.status_from:
        lines.append(f"{action}: not rated in this report (was {change.status_from.label}).")
    elif change.rated_again and change.status_to:
        lines.append(f"{action}: rated again, {change.status_to.label}.")
    if change.narrative_changed:
        lines.append(f"{action}: progress narrative updated.")
    return lines


def _left(rec: RecommendationView, terms: PlanTerms) -> str:
    """What a feed says of a recommendation that left the plan, and where it went."""
    gone = rec.withdrawal
    rec_word = terms.recommendation
    into = f" into {rec_word.one} {gone.merged_into}" if gone and gone.merged_into else ""
    reason = f" Reason given: {' '.join(gone.reason.split())}" if gone and gone.reason else ""
    return f"{rec_word.singular} {rec.recommendation.id} was {rec.state.value}{into}.{reason}"


def _first_lines(rec: RecommendationView, terms: PlanTerms) -> list[str]:
    lines = [f"{terms.recommendation.singular} {rec.recommendation.id} in the plan."]
    for action in rec.actions:
        if action.status is not None:
            lines.append(f"{terms.action.singular} {action.action.id}: {action.status.label}.")
    return lines


Lines = dict[str, tuple[str, ...]]
"""What each recommendation's feed says of one release, by recommendation id."""


def release_lines(views: Sequence[ReleaseView], index: int, diff: Diff | None) -> Lines:
    """What each recommendation's feed says of release ``index`` (nothing: no entry);
    ``diff`` compares it with the release before it (None for the first)."""
    view = views[index]
    terms = plan_terms(view.content.site)
    old = {r.recommendation.id: r for r in diff.old.recommendations} if diff else {}
    changes: dict[str, list[ActionChange]] = {}
    for change in diff.actions if diff else ():
        changes.setdefault(change.action.recommendation, []).append(change)
    own = {c.recommendation.id: c for c in diff.recommendations} if diff else {}
    result: Lines = {}
    for rec in view.recommendations:
        rec_id = rec.recommendation.id
        before = old.get(rec_id)
        if diff is None or before is None:
            lines = _first_lines(rec, terms)
        else:
            lines = [line for c in changes.get(rec_id, ()) for line in _change_lines(c, terms)]
            if rec_id in own and own[rec_id].narrative_changed:
                updated = f"{terms.recommendation.singular} {rec_id}: progress narrative updated."
                lines.insert(0, updated)
            if rec.state is not State.ACTIVE and before.state is State.ACTIVE:
                lines = [_left(rec, terms)]  # its actions leave with it
        lines += [
            f"Assessed by {a.body} on {long_date(a.date)}: {' '.join(a.verdict.split())}."
            for a in rec.assessments
        ]
        if lines:
            result[rec_id] = tuple(lines)
    return result


def all_lines(views: Sequence[ReleaseView]) -> list[Lines]:
    """``release_lines`` of every release, each compared with the one before it."""
    return [
        release_lines(views, i, compare(views[i - 1], view) if i else None)
        for i, view in enumerate(views)
    ]


def feed_entries(
    views: Sequence[ReleaseView], rec_id: str, said: Sequence[Lines]
) -> list[FeedEntry]:
    """The entries of one recommendation's feed, oldest first, from what each release's
    ``release_lines`` say of it."""
    entries = []
    for view, lines in zip(views, said, strict=True):
        if rec_id in lines:
            rec = next(r for r in view.recommendations if r.recommendation.id == rec_id)
            entries.append(FeedEntry(view, rec, lines[rec_id]))
    return entries


def recommendation_feed(
    views: Sequence[ReleaseView], rec: Recommendation, said: Sequence[Lines]
) -> str:
    """One recommendation's feed as XML text, newest entry first, from what each release's
    ``release_lines`` say."""
    site = views[-1].content.site
    org = site.organisation or site.title
    base = site.url or "../../"  # the feed sits two folders below the site root
    path = feed_path(rec)
    entries = feed_entries(views, rec.id, said)
    terms = plan_terms(site)
    title = f"{site.title}: {terms.recommendation.one} {rec.id}"
    rec_word = terms.recommendation.singular
    newest = views[-1]
    page = f"{base}{newest.release.id}/recommendations/{rec.slug}/"
    self_href = f"{site.url}{path}" if site.url else f"{rec.slug}.xml"
    updated = _timestamp(entries[-1].view if entries else newest)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(title)}</title>",
        f"  <subtitle>{escape(' '.join(rec.text.split()))}</subtitle>",
        f"  <id>{_id(org, site.title, 'recommendation', rec.id)}</id>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(page)}/>',
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(self_href)}/>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(org)}</name></author>",
        *rights(site),
    ]
    for entry in reversed(entries):
        release = entry.view.release
        href = quoteattr(f"{base}{release.id}/recommendations/{rec.slug}/")
        lines += [
            "  <entry>",
            f"    <title>{escape(f'{rec_word} {rec.id}: {release.title}')}</title>",
            f"    <id>{_id(org, site.title, 'recommendation', rec.id, release.id)}</id>",
            f'    <link rel="alternate" type="text/html" href={href}/>',
            f"    <updated>{_timestamp(entry.view)}</updated>",
            f"    <summary>{escape(' '.join(entry.lines))}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def write_recommendation_feeds(
    site_dir: Path, views: Sequence[ReleaseView], said: Sequence[Lines] | None = None
) -> None:
    """A feed for every recommendation in the plan that is in any release; ``said`` holds
    each release's ``release_lines``, where the build kept them."""
    if not views:
        return
    said = all_lines(views) if said is None else said
    folder = site_dir / FEEDS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    seen = {r.recommendation.id for v in views for r in v.recommendations}
    for rec in views[-1].content.recommendations:
        if rec.id in seen:
            text = recommendation_feed(views, rec, said)
            (site_dir / feed_path(rec)).write_text(text, encoding="utf-8")
