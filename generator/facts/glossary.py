"""The glossary a site shows: the site's own terms merged with the content's.

The templates use a few acronyms of their own (CSV, JSON, UTF-8, ...). Every site explains
them, whatever its ``glossary.yaml`` says; where the content defines the same term, the
content's entry wins, so a council can word it its own way. Acronyms used in the templates
with no entry in either are reported by ``progress-site validate``, as are the content's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from generator.content.glossary import acronyms, missing_terms
from generator.content.model import Content, Term

BUILT_IN_TERMS: tuple[Term, ...] = (
    Term(
        term="AA",
        meaning="The middle of the three levels of the Web Content Accessibility Guidelines, "
        "the level public sector websites must meet",
    ),
    Term(term="CSV", meaning="Comma-separated values, a plain table format that spreadsheets open"),
    Term(
        term="EASS",
        meaning="Equality Advisory and Support Service, which advises people who think they "
        "have been discriminated against",
    ),
    Term(
        term="EHRC",
        meaning="Equality and Human Rights Commission, which enforces the accessibility "
        "regulations for public sector websites",
    ),
    Term(term="JSON", meaning="JavaScript Object Notation, a plain data format that programs read"),
    Term(
        term="KPI", meaning="Key performance indicator, a figure measured regularly to show change"
    ),
    Term(
        term="PDF",
        meaning="Portable Document Format, a file that looks the same on screen and on paper",
    ),
    Term(
        term="SDG",
        meaning="Sustainable Development Goals, the United Nations' goals for 2030, whose "
        "reporting method this site uses for targets",
    ),
    Term(term="SVG", meaning="Scalable Vector Graphics, the picture format of the charts"),
    Term(term="UN", meaning="United Nations"),
    Term(term="URL", meaning="Uniform Resource Locator, the address of a web page"),
    Term(
        term="UTF",
        meaning="Unicode Transformation Format; UTF-8 is the standard way computers store text in "
        "any language",
    ),
    Term(
        term="WCAG",
        meaning="Web Content Accessibility Guidelines, the international standard for making "
        "web pages accessible",
    ),
)
"""The acronyms the site's own pages use, explained on every site."""

_TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_TEMPLATE_SUFFIXES = (".j2", ".html", ".md")


def merged_glossary(content_terms: Iterable[Term]) -> tuple[Term, ...]:
    """The built-in terms and the content's, sorted; the content's entry wins for a term
    both define."""
    terms = {t.term: t for t in BUILT_IN_TERMS}
    terms.update({t.term: t for t in content_terms})
    return tuple(sorted(terms.values(), key=lambda t: (t.term.lower(), t.term)))


def site_glossary(content: Content) -> tuple[Term, ...]:
    """Every term the site explains: the built-in ones and the content's."""
    return merged_glossary(content.glossary)


def template_acronyms(templates_dir: Path) -> dict[str, list[str]]:
    """Acronyms in the templates' own words (template code left out), with the files using
    them, relative to ``templates_dir``."""
    found: dict[str, list[str]] = {}
    for path in sorted(templates_dir.rglob("*")):
        if not path.is_file() or not path.name.endswith(_TEMPLATE_SUFFIXES):
            continue
        text = _TEMPLATE_CODE.sub(" ", path.read_text(encoding="utf-8"))
        for acronym in sorted(acronyms(text)):
            found.setdefault(acronym, []).append(path.relative_to(templates_dir).as_posix())
    return found


def unexplained_acronyms(content: Content, templates_dir: Path) -> dict[str, list[str]]:
    """Acronyms used in the content or the templates with no entry in the site's glossary,
    and where they are used: content files as named in ``content/``, templates as
    ``templates/<file>``."""
    known = {t.term for t in site_glossary(content)}
    missing = missing_terms(content, known)
    for acronym, files in template_acronyms(templates_dir).items():
        if acronym not in known:
            missing.setdefault(acronym, []).extend(f"templates/{f}" for f in files)
    return dict(sorted(missing.items()))
