"""Who is accountable: every lead named in the plan, with the actions they hold.

A lead is a name as written in an action's lead fields. Names that differ only in spacing or
letter case are one lead, shown as first written; ``spelling_warnings`` tells the council
where it wrote one name in two ways, or two names that would share a web address.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from generator.content.model import Action, Content, slugify
from generator.content.model.meta import leads
from generator.facts.derive import (
    ActionView,
    Counts,
    RecommendationView,
    ReleaseView,
    State,
    count,
)

ROLES = tuple((d.name, d.meta.label) for d in leads(Action))
"""The action fields that name a lead, and how each role is written on the pages (their
labels in the model)."""

RESERVED_SLUGS = frozenset({"index", "index.html"})
MAX_SLUG = 64


def lead_key(name: str) -> str:
    """What makes two written names the same lead: spacing and letter case do not count."""
    return " ".join(name.split()).casefold()


def tidy(name: str) -> str:
    """A name as shown: as first written, with runs of spaces and line breaks made one space."""
    return " ".join(name.split())


def named_leads(action: Action) -> Iterator[tuple[str, str]]:
    """(role, name) for each lead an action names, in the order of ``ROLES``."""
    for field, role in ROLES:
        name = getattr(action, field)
        if name and name.strip():
            yield role, name


@dataclass(frozen=True)
class LeadAction:
    action: ActionView
    recommendation: RecommendationView
    roles: tuple[str, ...]
    """How this lead is named on the action: ``Strategic lead``, ``Operational lead``..."""


@dataclass(frozen=True)
class LeadRecommendation:
    recommendation: RecommendationView
    actions: tuple[LeadAction, ...]


@dataclass(frozen=True)
class LeadView:
    name: str
    slug: str
    """The lead's address: ``leads/<slug>/``."""
    recommendations: tuple[LeadRecommendation, ...]
    """The lead's actions in this release, grouped by recommendation, in plan order."""
    counts: Counts

    @property
    def actions(self) -> tuple[LeadAction, ...]:
        return tuple(a for r in self.recommendations for a in r.actions)

    @property
    def overdue(self) -> tuple[LeadAction, ...]:
        return tuple(a for a in self.actions if a.action.overdue)

    @property
    def late_to_start(self) -> tuple[LeadAction, ...]:
        return tuple(a for a in self.actions if a.action.late_to_start)


def _base_slug(key: str) -> str:
    folded = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    slug = slugify(folded)[:MAX_SLUG].strip("-.")
    return slug if folded.strip() and slug != "item" else ""


def lead_slugs(keys: list[str]) -> dict[str, str]:
    """A permanent, distinct address for each lead key.

    A name written only in lower-case Latin letters, digits and single spaces (once letter
    case is set aside) has its address spelt out: ``Ann Graham`` is ``ann-graham``, and no
    other name can take it. Any other name (accents, hyphens, punctuation, another script, a
    reserved or very long name) has a short digest of the name after its address, so that
    the address never depends on which other leads the plan names, now or later.
    """
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for key in keys:
        slug = _base_slug(key)
        exact = slug == key.replace(" ", "-") and "-" not in key
        if not exact or slug in taken or slug in RESERVED_SLUGS:
            digest = hashlib.sha256(key.encode()).hexdigest()[:8]
            slug = f"{slug[: MAX_SLUG - 9]}-{digest}" if slug else f"lead-{digest}"
        slugs[key] = slug
        taken.add(slug)
    return slugs


def _plan_keys(content: Content) -> list[str]:
    """Every lead key in the whole plan, in plan order: addresses do not depend on a release."""
    keys: dict[str, None] = {}
    for rec in content.recommendations:
        for action in rec.actions:
            for _, name in named_leads(action):
                keys.setdefault(lead_key(name), None)
    return list(keys)


def leads(view: ReleaseView) -> tuple[LeadView, ...]:
    """Every lead of an active action in this release, in order of first appearance."""
    slugs = lead_slugs(_plan_keys(view.content))
    names: dict[str, str] = {}
    held: dict[str, dict[str, list[LeadAction]]] = {}
    recs: dict[str, RecommendationView] = {}
    for rec in view.recommendations:
        recs[rec.recommendation.id] = rec
        for action in rec.actions:
            if action.state is not State.ACTIVE:
                continue
            roles: dict[str, list[str]] = {}
            for role, name in named_leads(action.action):
                key = lead_key(name)
                names.setdefault(key, tidy(name))
                roles.setdefault(key, []).append(role)
            for key, named_as in roles.items():
                entry = LeadAction(action, rec, tuple(named_as))
                held.setdefault(key, {}).setdefault(rec.recommendation.id, []).append(entry)
    vocabulary = tuple(c.status for c in view.counts.by_status)
    result = []
    for key, by_rec in held.items():
        grouped = tuple(LeadRecommendation(recs[r], tuple(a)) for r, a in by_rec.items())
        actions = [a.action for g in grouped for a in g.actions]
        statuses = [a.status for a in actions if a.status is not None]
        overdue = sum(1 for a in actions if a.overdue)
        counts = count(statuses, vocabulary, overdue, sum(1 for a in actions if a.late_to_start))
        result.append(LeadView(names[key], slugs[key], grouped, counts))
    return tuple(result)


@dataclass(frozen=True)
class Spelling:
    name: str
    actions: tuple[str, ...]


def _where(spelling: Spelling) -> str:
    kind = "action" if len(spelling.actions) == 1 else "actions"
    return f"{spelling.name!r} ({kind} {', '.join(spelling.actions)})"


def spelling_warnings(content: Content, plan_file: str = "plan.yaml") -> list[str]:
    """Leads written in more than one way, and different leads that would share an address."""
    spellings: dict[str, dict[str, list[str]]] = {}
    for rec in content.recommendations:
        for action in rec.actions:
            for _, name in named_leads(action):
                by_name = spellings.setdefault(lead_key(name), {})
                ids = by_name.setdefault(name, [])
                if action.id not in ids:
                    ids.append(action.id)
    warnings = []
    for by_name in spellings.values():
        if len(by_name) > 1:
            written = [_where(Spelling(n, tuple(ids))) for n, ids in by_name.items()]
            warnings.append(
                f"lead names {' and '.join(written)} in {plan_file} differ only in spacing or "
                "letter case; they are shown as one lead. Write the name the same way each time"
            )
    by_slug: dict[str, list[str]] = {}
    for key, by_name in spellings.items():
        slug = _base_slug(key)
        if slug:
            name, ids = next(iter(by_name.items()))
            by_slug.setdefault(slug, []).append(_where(Spelling(name, tuple(ids))))
    for slug, written in by_slug.items():
        if len(written) > 1:
            warnings.append(
                f"lead names {' and '.join(written)} in {plan_file} are shown as different leads "
                f"but are nearly the same (both read '{slug}' in a web address); if they are "
                "one person or post, write the name the same way each time"
            )
    return warnings
