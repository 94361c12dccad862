"""What the pages of a real plan show: overdue at the date progress was written."""

from __future__ import annotations

import shutil

from generator.content.validate import load_content
from generator.facts.derive import release_view
from tests.conftest import REAL_PLAN


def _action(view, action_id):
    return next(a for r in view.recommendations for a in r.actions if a.action.id == action_id)


def test_overdue_is_judged_at_the_date_the_progress_was_written():
    view = release_view(load_content(REAL_PLAN), "2014-10")
    action = _action(view, "8.1")  # due 30 September, progress written on 15 September
    assert str(action.as_at) == "2014-09-15"
    assert not action.overdue
    assert view.counts.overdue == 0


def test_without_as_at_overdue_is_judged_at_the_release_date(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REAL_PLAN, content)
    progress = content / "progress/2014-10.yaml"
    progress.write_text(progress.read_text().replace("    as_at: 2014-09-15\n", ""))
    view = release_view(load_content(content), "2014-10")
    action = _action(view, "8.1")
    assert str(action.as_at) == "2014-10-20"  # the report's as_at
    assert action.overdue
    progress.write_text(progress.read_text().replace("as_at: 2014-10-20\n", ""))
    assert _action(release_view(load_content(content), "2014-10"), "8.1").as_at is None


def test_recommendation_progress_is_part_of_the_view():
    view = release_view(load_content(REAL_PLAN), "2014-10")
    rec = next(r for r in view.recommendations if r.recommendation.id == "13/14")
    assert rec.progress is not None and str(rec.progress.as_at) == "2014-10-05"
    assert rec.progress.narrative.startswith("The accommodation review has reported")
