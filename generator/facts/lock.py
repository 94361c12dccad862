"""The lock on published releases: what each release showed, and whether it still does.

``publish`` records a fingerprint of the release, as the public sees it, in
``content/releases.lock``: one digest per item on its pages (the release itself, the site
settings, each pillar, recommendation, action and KPI as they stood). From then on any edit
that would change those pages is refused, naming the release and the items, unless it is
recorded as an erratum (``progress-site erratum``, which locks the corrected release again):
GOV.UK's model of open corrections with a dated change note. The lock records every erratum
(date, reason, what was corrected), so an erratum cannot be removed or reworded later either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.content.lockfile import read_lock_file
from generator.content.model import (
    Content,
    ContentModel,
    Point,
    Recommendation,
    Release,
    Value,
)
from generator.content.transaction import reading
from generator.content.validate import load_content
from generator.errors import Problems
from generator.facts.derive import ReleaseView, release_view
from generator.facts.lock_errata import errata_problems, locked_errata

LOCK_FILE = "releases.lock"


def _digest(data: object) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


NOT_CONTENT = {"Site": frozenset({"url"})}
"""Settings that change where pages are published, not what they say (the site's address);
an assessment's ``url`` is what its page links to, so it is content."""


ALWAYS: dict[str, frozenset[str]] = {
    "Site": frozenset(
        {"title", "organisation", "grouping", "statuses", "inspection", "plan_summary"}
    ),
    "Grouping": frozenset({"singular", "plural"}),
    "StatusDef": frozenset({"id", "label", "meaning"}),
    "Inspection": frozenset({"body", "title", "published", "judgement", "findings"}),
    "Group": frozenset({"id", "title", "description"}),
    "Action": frozenset(
        {
            "id",
            "recommendation",
            "description",
            "strategic_lead",
            "operational_lead",
            "resources",
            "timescale",
            "due",
            "kpis",
            "outcome",
        }
    ),
    "Kpi": frozenset(
        {"id", "code", "title", "unit", "polarity", "description", "baseline", "target"}
        | {"milestones"}
    ),
    "Reporting": frozenset({"body", "date"}),
    "Withdrawal": frozenset({"release", "reason"}),
}
"""Fields every lock records even when empty, as locks always have: any other field is
recorded only when it differs from its default, so that a field added to the model later
does not change the fingerprint of releases published before it existed."""


def _plain(value: object, leave_out: frozenset[str] = frozenset()) -> object:
    """A content item as a dict of its recorded fields (see ``ALWAYS``), recursively; its own
    fields named in ``leave_out`` are not recorded (nor turned into dicts)."""
    if isinstance(value, ContentModel):
        always = ALWAYS.get(type(value).__name__, frozenset())
        fields = type(value).model_fields
        left_out = leave_out | NOT_CONTENT.get(type(value).__name__, frozenset())
        return {
            name: _plain(getattr(value, name))
            for name, field in fields.items()
            if name not in left_out
            and (
                name in always
                or getattr(value, name) != field.get_default(call_default_factory=True)
            )
        }
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def asdict(value: object, leave_out: frozenset[str] = frozenset()) -> dict[str, object]:
    plain = _plain(value, leave_out)
    if not isinstance(plain, dict):
        raise TypeError(f"expected a content item, got {type(value).__name__}")
    return plain


def _points(points: tuple[Point, ...]) -> list[tuple[Any, ...]]:
    """Each value as (date, value), with its note and break only where it has them, and its
    period only where it has one, so that the fingerprints of releases published before notes,
    breaks and periods existed stay the same. When a value was published is not recorded: it
    decides which releases show the value, and their fingerprints record that."""
    found: list[tuple[Any, ...]] = []
    for p in points:
        extra: tuple[Any, ...] = (p.note, p.starts_segment) if isinstance(p, Value) else ("", False)
        if isinstance(p, Value) and p.period:
            extra = (*extra, p.period)
        found.append(
            (p.date.isoformat(), p.value, *extra) if any(extra) else (p.date.isoformat(), p.value)
        )
    return found


class _Memo:
    """Digests shared by every release of one build: the plan's items are the same objects in
    every release view, so each is turned into field digests once, and equal values (a
    status, a narrative carried forward) are digested once."""

    def __init__(self) -> None:
        self._items: dict[int, tuple[object, dict[str, str]]] = {}
        self._values: dict[tuple[type, object], str] = {}

    def item(self, obj: object, plain: Callable[[], dict[str, Any]]) -> dict[str, str]:
        """The field digests of ``obj``, a frozen item of the content (kept alive here)."""
        found = self._items.get(id(obj))
        if found is None or found[0] is not obj:
            found = (obj, {name: self.value(v) for name, v in plain().items()})
            self._items[id(obj)] = found
        return found[1]

    def value(self, value: object) -> str:
        if isinstance(value, str | int | float | bool | None):
            key = (type(value), value)
            digest = self._values.get(key)
            if digest is None:
                digest = self._values[key] = _digest(value)
            return digest
        return _digest(value)


def _recommendation(rec: Recommendation) -> dict[str, Any]:
    """A recommendation's own fields: its text and groups, as locks always have, and the
    fields of real plans (outcome, targets, facets, merged texts) only where given."""
    own = {"text": rec.text, "groups": rec.groups}
    return own | asdict(rec, frozenset({"id", "actions", "added", "withdrawn", *own}))


def _withdrawal(memo: _Memo, withdrawal: object) -> str:
    return memo.value(None) if withdrawal is None else _digest(withdrawal)


def _digests(view: ReleaseView, memo: _Memo) -> dict[str, dict[str, str]]:
    """Everything the release's pages show from the content, item by item: a digest per field."""
    release = view.release
    site = view.content.site
    value = memo.value
    items: dict[str, dict[str, str]] = {
        f"release {release.id}": {
            "date": _digest(release.date),
            "title": value(release.title),
            "summary": value(release.summary),
            "reported_to": _digest([asdict(r) for r in release.reported_to]),
        },
        "site settings": memo.item(site, lambda: asdict(site)),
    }
    singular = site.grouping.singular.lower()
    for group in view.groups:
        g = group.group
        items[f"{singular} {g.id}"] = memo.item(g, lambda g=g: asdict(g))
    for rec in view.recommendations:
        r = rec.recommendation
        static = memo.item(r, lambda r=r: _recommendation(r))
        items[f"recommendation {r.id}"] = static | {
            "state": value(rec.state),
            "withdrawal": _withdrawal(memo, rec.withdrawal),
        }
        if rec.progress:  # recorded only when reported: older locks stay as they were
            items[f"recommendation {r.id}"]["progress"] = _digest(asdict(rec.progress))
        if rec.assessments:  # recorded only when there are any: older locks stay as they were
            items[f"recommendation {r.id}"]["assessments"] = _digest(
                [asdict(a) for a in rec.assessments]
            )
        for a in rec.actions:
            act = a.action
            static = memo.item(
                act,
                lambda act=act: asdict(act, frozenset({"added", "withdrawn"})),
            )
            items[f"action {act.id}"] = static | {
                "state": value(a.state),
                "withdrawal": _withdrawal(memo, a.withdrawal),
                "status": value(a.status.id if a.status else None),
                "narrative": value(a.narrative),
            }
            if a.as_at:
                items[f"action {act.id}"]["as_at"] = _digest(a.as_at)
            if a.evidence:  # recorded only when given: older locks stay as they were
                items[f"action {act.id}"]["evidence"] = _digest([asdict(e) for e in a.evidence])
    for term in view.content.glossary:  # every page explains the terms it uses
        items[f"glossary term {term.term}"] = memo.item(term, lambda t=term: asdict(t))
    # recorded even when there are none, so a lock made before terms were recorded is known
    items["glossary"] = {"terms": _digest([t.term for t in view.content.glossary])}
    for facet in view.content.facets:
        items[f"facet {facet.id}"] = memo.item(facet, lambda f=facet: asdict(f))
    for kpi in view.kpis:
        k = kpi.kpi
        static = memo.item(k, lambda k=k: asdict(k, frozenset({"values", "added"})))
        items[f"KPI {k.id}"] = static | {"values": _digest(_points(kpi.values))}
    return items


def fingerprint_items(view: ReleaseView, memo: _Memo | None = None) -> dict[str, str]:
    """A digest per field of every item the release's pages show, keyed 'item: field'."""
    return {
        f"{item}: {name}": digest
        for item, fields in _digests(view, memo or _Memo()).items()
        for name, digest in fields.items()
    }


def fingerprint_all(views: Sequence[ReleaseView]) -> dict[str, dict[str, str]]:
    """``fingerprint_items`` of each view, sharing the work their common items need."""
    memo = _Memo()
    return {view.release.id: fingerprint_items(view, memo) for view in views}


LATER_ITEMS = {"glossary: terms": ("glossary: ", "glossary term ")}
"""Items that locks have recorded only since a later version of progress-site, by the key
every lock made since has. A lock without that key predates them: they are left out when
it is checked, so that it stays valid, and ``publish`` records them from then on."""


def as_locked(items: dict[str, str], lock: Mapping[str, Any]) -> dict[str, str]:
    """``items`` as ``lock`` records them: without the kinds of item it predates."""
    locked = lock.get("items", {})
    absent = tuple(p for key, kinds in LATER_ITEMS.items() if key not in locked for p in kinds)
    return {k: v for k, v in items.items() if not k.startswith(absent)} if absent else items


def fingerprint(items: dict[str, str]) -> str:
    return _digest(sorted(items.items()))


def read_lock(content_dir: Path) -> dict[str, Any]:
    """The locked releases, every field checked (``lockfile``); ContentError if any is bad."""
    path = content_dir / LOCK_FILE
    return read_lock_file(path, str(path), fingerprint)


def lock_text(releases: dict[str, Any]) -> str:
    """The text of releases.lock recording ``releases``."""
    return json.dumps({"releases": dict(sorted(releases.items()))}, indent=2, sort_keys=True) + "\n"


def changed_items(locked: dict[str, str], current: dict[str, str]) -> list[str]:
    """'action 1.4 (narrative)', one entry per item, fields in order."""
    by_item: dict[str, list[str]] = {}
    for key in sorted(set(locked) | set(current)):
        if locked.get(key) != current.get(key):
            item, _, field = key.rpartition(": ")
            by_item.setdefault(item, []).append(field)
    return [f"{item} ({', '.join(fields)})" for item, fields in by_item.items()]


CHANGED = "cannot be changed, but these items now differ"
"""How a published release changed without an erratum is told (``erratum`` looks for it)."""


def check_locks(
    content: Content,
    content_dir: Path,
    fingerprints: Mapping[str, str] | None = None,
    step: Callable[[int, int, str], None] | None = None,
) -> list[str]:
    """Problems with published releases whose pages the content would now change
    (``lock_problems`` of the lock file in ``content_dir``)."""
    return lock_problems(content, read_lock(content_dir), fingerprints, step)


def lock_problems(
    content: Content,
    locks: Mapping[str, Any],
    fingerprints: Mapping[str, str] | None = None,
    step: Callable[[int, int, str], None] | None = None,
) -> list[str]:
    """Problems with the releases ``locks`` holds whose pages the content would now change.

    A change is accepted while the release has more errata than when it was locked; the
    returned list is empty then, and ``publish`` locks the corrected release again.
    ``fingerprints`` are the releases' ``fingerprint`` of their items, when the caller has
    them. ``step`` is told of each release checked: (done, total, what).
    """
    problems: list[str] = []
    known = {r.id: r for r in content.releases}
    for done, (release_id, lock) in enumerate(sorted(locks.items()), start=1):
        found = fingerprints.get(release_id) if fingerprints is not None else None
        problems += _lock_problems(content, known.get(release_id), release_id, lock, found)
        if step is not None:
            step(done, len(locks), f"Checked release {release_id}")
    return problems + unrecorded_locks(content, locks)


def unrecorded_locks(content: Content, locks: Mapping[str, Any]) -> list[str]:
    """Releases that ``publish`` marked as published but whose lock is gone: with no lock,
    nothing would stop their content from being rewritten."""
    return [
        f"release {release.id}: was published on {release.published.isoformat()} "
        f"(releases.yaml), but {LOCK_FILE} has no record of it, so its content can no longer "
        f"be checked; restore {LOCK_FILE} from version control or a backup"
        for release in content.releases
        if release.published is not None and not release.draft and release.id not in locks
    ]


def _lock_problems(
    content: Content,
    release: Release | None,
    release_id: str,
    lock: Mapping[str, Any],
    current: str | None,
) -> list[str]:
    """What the content now changes of one locked release (``current``: its fingerprint,
    when known)."""
    if release is None:
        return [
            f"release {release_id}: was published on {lock.get('published')} but is no longer "
            "in releases.yaml; a published release cannot be removed"
        ]
    if release.draft:
        return [
            f"release {release_id}: was published on {lock.get('published')} and cannot "
            "become a draft again"
        ]
    errata = errata_problems(release, lock)
    if errata:
        return errata
    if current is None:
        current = fingerprint(fingerprint_items(release_view(content, release_id)))
    if current == lock.get("fingerprint") or len(release.errata) > locked_errata(lock):
        return []
    items = as_locked(fingerprint_items(release_view(content, release_id)), lock)
    if fingerprint(items) == lock.get("fingerprint"):
        return []
    changed = "; ".join(changed_items(lock.get("items", {}), items))
    return [
        f"release {release_id}: was published on {lock.get('published')} and {CHANGED}: "
        f"{changed}. Undo the change, or record it as "
        f"an erratum with 'progress-site erratum {release_id} --reason TEXT --corrected TEXT'"
    ]


def refuse_lock_problems(
    content: Content, content_dir: Path, fingerprints: Mapping[str, str] | None = None
) -> None:
    """Raise ContentError if the content would silently change a published release."""
    refuse(str(content_dir / LOCK_FILE), check_locks(content, content_dir, fingerprints))


def refuse(lock_file: str, messages: Sequence[str]) -> None:
    """Raise ContentError listing ``messages`` as problems of the lock file, if there are any."""
    problems = Problems()
    for message in messages:
        problems.add(lock_file, None, None, message)
    problems.raise_if_any()


def load_locked(content_dir: Path, step: Callable[[int, int, str], None] | None = None) -> Content:
    """Load and validate the content, then refuse silent changes to published releases;
    ``step`` is told of each published release checked."""
    with reading(content_dir):  # the lock file and the rest from the same moment
        content = load_content(content_dir)
        refuse(str(content_dir / LOCK_FILE), check_locks(content, content_dir, step=step))
    return content


def unlocked_corrections(content: Content, content_dir: Path) -> list[str]:
    """Published releases changed under a new erratum that have not been locked again."""
    locks = read_lock(content_dir)
    pending = []
    for release_id, lock in locks.items():
        release = next((r for r in content.releases if r.id == release_id), None)
        if release and len(release.errata) > locked_errata(lock):
            pending.append(release_id)
    return sorted(pending)
