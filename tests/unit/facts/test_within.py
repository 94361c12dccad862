"""A comparison's changes by recommendation, worked out in one pass, are what ``within``
gives each recommendation on its own."""

from __future__ import annotations

import pytest

from generator.content.validate import load_content
from generator.facts.compare import compare
from generator.facts.derive import release_views
from tests.conftest import REAL_PLAN, SMALL_PLAN


@pytest.mark.parametrize("plan", [REAL_PLAN, SMALL_PLAN], ids=["real", "small"])
def test_each_recommendations_changes_are_what_within_gives(plan):
    views = release_views(load_content(plan))
    compared = 0
    for old, new in [*zip(views, views[1:], strict=False), (views[0], views[-1])]:
        diff = compare(old, new)
        each = diff.within_each()
        ids = {r.recommendation.id for v in (old, new) for r in v.recommendations}
        for rec_id in ids:
            alone = diff.within(frozenset({rec_id}))
            if rec_id in each:
                assert each[rec_id] == alone
                compared += 1
            else:
                assert not (alone.actions or alone.added or alone.removed or alone.recommendations)
        assert set(each) <= ids
    assert compared >= 5
