"""The status bar's spoken label counts its items in the plan's own words."""

from generator.content.model import Meaning, StatusDef
from generator.facts.derive import Counts, StatusCount
from generator.facts.terms import PlanTerm
from generator.render.format import status_bar

PLANNED = StatusDef(id="planned", label="Planned", meaning=Meaning.NOT_STARTED)
ACTIVE = StatusDef(id="active", label="Active", meaning=Meaning.IN_PROGRESS)


def _label(counts: Counts, term: PlanTerm) -> str:
    return str(status_bar(counts, term)).split('aria-label="')[1].split('"')[0]


def test_one_item_is_counted_in_the_singular():
    counts = Counts(by_status=(StatusCount(PLANNED, 1), StatusCount(ACTIVE, 0)), total=1, overdue=0)
    assert _label(counts, PlanTerm("Project", "Projects")) == "1 project&#58; Planned 1"


def test_several_items_are_counted_in_the_plural():
    counts = Counts(by_status=(StatusCount(PLANNED, 2), StatusCount(ACTIVE, 1)), total=3, overdue=0)
    assert _label(counts, PlanTerm("Project", "Projects")) == "3 projects&#58; Planned 2, Active 1"
