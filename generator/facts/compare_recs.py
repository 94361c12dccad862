"""What changed in each recommendation's own progress narrative between two releases.

A recommendation's narrative (``recommendations:`` in a progress file) is compared as an
action's is: word by word, so a narrative re-wrapped or carried forward with the same words
has not changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from generator.content.model import Recommendation
from generator.facts.derive import RecommendationView, ReleaseView, State
from generator.facts.diff_cache import kept_word_diff
from generator.facts.words import Segment, same_words


def _narrative(view: RecommendationView | None) -> str | None:
    """The recommendation's narrative in a release; None where none was reported (an entry
    giving evidence alone reports none)."""
    return view.progress.narrative or None if view is not None and view.progress else None


@dataclass(frozen=True)
class RecommendationChange:
    """One recommendation in two releases. ``old`` or ``new`` is None where it was not in the
    plan."""

    old: RecommendationView | None
    new: RecommendationView | None

    @property
    def recommendation(self) -> Recommendation:
        view = self.new or self.old
        if view is None:
            raise ValueError("a recommendation change needs it in one of the two releases")
        return view.recommendation

    @property
    def narrative_from(self) -> str | None:
        return _narrative(self.old)

    @property
    def narrative_to(self) -> str | None:
        return _narrative(self.new)

    @property
    def reported(self) -> bool:
        """A narrative was reported for the recommendation in either release."""
        return self.narrative_from is not None or self.narrative_to is not None

    @cached_property
    def narrative_changed(self) -> bool:
        """The recommendation is in the plan in the later release and its narrative's words
        differ (a narrative given in one release only is a change, as for actions)."""
        active = self.new is not None and self.new.state is State.ACTIVE
        return active and not same_words(self.narrative_from or "", self.narrative_to or "")

    @cached_property
    def narrative(self) -> tuple[Segment, ...]:
        """The word diff of the narrative; empty when the words did not change."""
        if not self.narrative_changed:
            return ()
        return kept_word_diff(self.narrative_from or "", self.narrative_to or "")


def recommendation_changes(old: ReleaseView, new: ReleaseView) -> tuple[RecommendationChange, ...]:
    """Every recommendation in the plan in either release, in plan order."""
    old_recs = {r.recommendation.id: r for r in old.recommendations}
    new_recs = {r.recommendation.id: r for r in new.recommendations}
    return tuple(
        RecommendationChange(old_recs.get(rec.id), new_recs.get(rec.id))
        for rec in new.content.recommendations
        if rec.id in old_recs or rec.id in new_recs
    )
