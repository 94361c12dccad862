"""The plan's facets: other ways it groups its recommendations, beside its groups.

Each facet value counts the actions of its active recommendations once, as a group does; a
recommendation under two values of one facet is counted under each value, never twice in
one value.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import Facet, FacetValue, StatusDef
from generator.facts.derive import (
    Counts,
    RecommendationView,
    ReleaseView,
    State,
    _counts,
    _vocabulary,
)


@dataclass(frozen=True)
class FacetValueView:
    facet: Facet
    value: FacetValue
    recommendations: tuple[RecommendationView, ...]
    counts: Counts


@dataclass(frozen=True)
class FacetView:
    facet: Facet
    values: tuple[FacetValueView, ...]


def _value_view(
    view: ReleaseView, facet: Facet, value: FacetValue, vocabulary: tuple[StatusDef, ...]
) -> FacetValueView:
    members = tuple(
        r for r in view.recommendations if value.id in r.recommendation.facets.get(facet.id, ())
    )
    actions = [a for r in members if r.state is State.ACTIVE for a in r.actions]
    return FacetValueView(facet, value, members, _counts(actions, vocabulary))


def facet_views(view: ReleaseView) -> tuple[FacetView, ...]:
    """Every facet of the plan with its values, as of this release."""
    vocabulary = _vocabulary(view.content)
    return tuple(
        FacetView(facet, tuple(_value_view(view, facet, v, vocabulary) for v in facet.values))
        for facet in view.content.facets
    )


def facets_of(
    rec: RecommendationView, facets: tuple[FacetView, ...]
) -> tuple[tuple[Facet, tuple[FacetValueView, ...]], ...]:
    """The facet values a recommendation is filed under, facet by facet, in the plan's order."""
    found = []
    for facet in facets:
        chosen = rec.recommendation.facets.get(facet.facet.id, ())
        values = tuple(v for v in facet.values if v.value.id in chosen)
        if values:
            found.append((facet.facet, values))
    return tuple(found)
