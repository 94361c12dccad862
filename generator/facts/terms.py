"""The plan's own words for its levels: what every page, feed and table calls them.

``site.yaml`` may give ``terms:`` (``group``, ``recommendation``, ``action``, each
``{singular, plural}``); ``grouping:`` still names the group. A level without a term keeps
today's word.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import Site


def lower_first(word: str) -> str:
    """``word`` as written mid-sentence: ``Focus area`` -> ``focus area``; a leading acronym
    (``MASH area``, ``KPI``) keeps its capitals."""
    if len(word) > 1 and word[:2].isupper():
        return word
    return word[:1].lower() + word[1:]


def _article(word: str) -> str:
    """``a`` or ``an`` before ``word``, by its first letter (``an action``, ``a focus area``)."""
    return "an" if word[:1].lower() in "aeiou" and word[:1] else "a"


@dataclass(frozen=True)
class PlanTerm:
    """One level's words: ``singular``/``plural`` as headings write them, ``one``/``many``
    as a sentence does."""

    singular: str
    plural: str

    @property
    def one(self) -> str:
        return lower_first(self.singular)

    @property
    def many(self) -> str:
        return lower_first(self.plural)

    @property
    def a_one(self) -> str:
        """One item with its article, mid-sentence: ``an action``, ``a focus area``."""
        return f"{_article(self.one)} {self.one}"

    @property
    def A_one(self) -> str:  # noqa: N802 - the sentence-opening form of ``a_one``
        """``a_one`` opening a sentence: ``An action``."""
        return f"{_article(self.one).capitalize()} {self.one}"

    def word(self, count: int) -> str:
        """The word for ``count`` items, mid-sentence."""
        return self.one if count == 1 else self.many

    def count(self, count: int) -> str:
        """``count`` items in words: ``1 focus area``, ``26 focus areas``."""
        return f"{count} {self.word(count)}"


@dataclass(frozen=True)
class PlanTerms:
    """The words for the plan's three levels."""

    group: PlanTerm
    recommendation: PlanTerm
    action: PlanTerm


DEFAULT_GROUP = PlanTerm("Group", "Groups")
DEFAULT_RECOMMENDATION = PlanTerm("Recommendation", "Recommendations")
DEFAULT_ACTION = PlanTerm("Action", "Actions")


def plan_terms(site: Site) -> PlanTerms:
    """The words ``site`` gives, today's words where it gives none."""
    given = site.terms
    group = given.group if given and given.group else site.grouping
    return PlanTerms(
        group=PlanTerm(group.singular, group.plural) if group else DEFAULT_GROUP,
        recommendation=_term(given.recommendation if given else None, DEFAULT_RECOMMENDATION),
        action=_term(given.action if given else None, DEFAULT_ACTION),
    )


def _term(given: object, default: PlanTerm) -> PlanTerm:
    singular = getattr(given, "singular", "")
    plural = getattr(given, "plural", "")
    return PlanTerm(singular, plural) if singular and plural else default
