"""The glossary: every acronym a page uses, explained where it appears and on a Glossary page.

``content/glossary.yaml`` lists the terms; this module reads them and finds acronyms the
content uses without an entry. The snippet of abbreviations appended to every page is
written by ``generator.render.format.abbreviations``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.checks import ContentChecks
from generator.content.model import Content, Glossary, Term
from generator.content.model.meta import prose

ACRONYM = re.compile(r"(?<![\w&])([A-Z](?:[A-Z0-9]|&(?=[A-Z]))*[A-Z0-9])(s?)(?![\w&])")
"""Two or more capitals (digits and ``&`` allowed inside), optionally with a plural ``s``."""


def read_terms(checks: ContentChecks) -> list[Term]:
    """The terms of glossary.yaml (optional), each defined once, in alphabetical order."""
    read = checks.read("glossary.yaml", Glossary, required=False)
    if read is None:
        return []
    glossary, root = read
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for term, spot in checks.items(root, "terms", glossary.terms):
        if not term.term or not term.meaning:
            continue
        if not spot.first_time("term", term.term, seen, spot.node.line, key="term"):
            continue
        terms.append(term)
    return sorted(terms, key=lambda t: t.term.lower())


def acronyms(text: str) -> set[str]:
    """The acronyms used in ``text``, singular (``IROs`` counts as ``IRO``)."""
    return {m[1] for m in ACRONYM.finditer(text)}


def content_texts(content: Content) -> Iterator[tuple[str, str]]:
    """Every piece of prose in the content, with the file it comes from."""
    site = content.site
    yield "site.yaml", " ".join((site.title, site.plan_summary, *(s.label for s in site.statuses)))
    if site.inspection:
        yield "site.yaml", " ".join((site.inspection.title, site.inspection.findings))
    for group in content.groups:
        yield "plan.yaml", f"{group.title} {group.description}"
    for rec in content.recommendations:
        yield "plan.yaml", rec.text
        for a in rec.actions:
            yield "plan.yaml", " ".join(getattr(a, name) or "" for name in prose(type(a)))
    for kpi in content.kpis:
        yield "kpis.yaml", f"{kpi.title} {kpi.description}"
    for release in content.releases:
        yield "releases.yaml", f"{release.title} {release.summary}"
        for progress in (*release.progress.values(), *release.recommendations.values()):
            evidence = " ".join(e.title for e in progress.evidence)
            yield f"progress/{release.id}.yaml", f"{progress.narrative} {evidence}"


def missing_terms(content: Content, known: set[str] | None = None) -> dict[str, list[str]]:
    """Acronyms used in the content with no glossary entry (or none of ``known``), and the
    files that use them."""
    known = {t.term for t in content.glossary} if known is None else known
    missing: dict[str, list[str]] = {}
    for file, text in content_texts(content):
        for acronym in sorted(acronyms(text) - known):
            files = missing.setdefault(acronym, [])
            if file not in files:
                files.append(file)
    return dict(sorted(missing.items()))
