from datetime import date

import pytest

from generator.content.model import Point, Polarity
from generator.facts.targets import Judgement, target_progress


def series(*pairs: tuple[str, float]) -> tuple[Point, ...]:
    return tuple(Point(date=date.fromisoformat(d), value=v) for d, v in pairs)


BASELINE_NEET = Point(date=date(2014, 4, 30), value=34)  # lower is better: 34% down to 28%
TARGET_NEET = Point(date=date(2015, 3, 31), value=28)
BASELINE_CICC = Point(date=date(2014, 4, 30), value=7)  # higher is better: 7 members up to 12
TARGET_CICC = Point(date=date(2015, 4, 30), value=12)


@pytest.mark.parametrize(
    ("values", "judgement", "moderate"),
    [
        # required: -6 points over 335 days. Half-way through time, 4 points down: on course
        ((("2014-10-15", 31), ("2014-11-01", 30)), Judgement.ON_COURSE, False),
        # 2 points down by November: a third of the way, about 0.6 of the rate needed
        ((("2014-11-01", 32),), Judgement.BEHIND, True),
        # barely moved
        ((("2014-11-01", 33.5),), Judgement.BEHIND, False),
        # going the wrong way
        ((("2014-09-30", 28.5), ("2014-12-31", 36)), Judgement.DETERIORATING, False),
        # reached early
        ((("2014-12-31", 27.5),), Judgement.ACHIEVED, False),
    ],
)
def test_lower_is_better_series(values, judgement, moderate):
    result = target_progress(TARGET_NEET, BASELINE_NEET, series(*values))
    assert result.judgement is judgement
    assert result.moderate is moderate


def test_higher_is_better_series():
    on_course = target_progress(TARGET_CICC, BASELINE_CICC, series(("2014-10-31", 10)))
    assert on_course.judgement is Judgement.ON_COURSE
    assert on_course.ratio == pytest.approx((3 / 184) / (5 / 365))
    behind = target_progress(TARGET_CICC, BASELINE_CICC, series(("2014-10-31", 8)))
    assert behind.judgement is Judgement.BEHIND and not behind.moderate
    worse = target_progress(TARGET_CICC, BASELINE_CICC, series(("2014-10-31", 6)))
    assert worse.judgement is Judgement.DETERIORATING and worse.ratio < 0
    done = target_progress(TARGET_CICC, BASELINE_CICC, series(("2014-10-31", 12)))
    assert done.judgement is Judgement.ACHIEVED


def test_without_a_baseline_the_first_value_is_the_start():
    result = target_progress(TARGET_CICC, None, series(("2014-04-30", 7), ("2014-10-31", 10)))
    assert result.baseline == Point(date=date(2014, 4, 30), value=7)
    assert result.judgement is Judgement.ON_COURSE


def test_edge_cases():
    assert target_progress(TARGET_CICC, None, ()).judgement is Judgement.NOT_ENOUGH_DATA
    single = target_progress(TARGET_CICC, None, series(("2014-10-31", 10)))
    assert single.judgement is Judgement.NOT_ENOUGH_DATA  # a single value shows no change
    met_at_start = target_progress(TARGET_CICC, BASELINE_CICC, series(("2014-04-30", 12)))
    assert met_at_start.judgement is Judgement.ACHIEVED  # target already met at the start
    same_day = target_progress(TARGET_CICC, BASELINE_CICC, series(("2014-04-30", 8)))
    assert same_day.judgement is Judgement.NOT_ENOUGH_DATA
    hold = Point(date=date(2015, 4, 30), value=7)  # keep at least 7 members (higher is better)

    def judge(value: float) -> Judgement:
        values = series(("2014-10-31", value))
        return target_progress(hold, BASELINE_CICC, values, Polarity.HIGHER).judgement

    assert (judge(7), judge(9), judge(6)) == (
        Judgement.ACHIEVED,
        Judgement.ACHIEVED,
        Judgement.DETERIORATING,
    )
