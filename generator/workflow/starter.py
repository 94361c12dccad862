"""``progress-site new``: a starter content tree to edit into a council's own plan.

It holds a plan with two groups and three recommendations, one KPI with values and one draft
release. ``site.yaml`` explains every field the model declares (``commented``). The tree is
written into a hidden directory beside the target and renamed into place, so it appears
whole or not at all.
"""

from __future__ import annotations

import os
import shutil
from datetime import date, timedelta
from pathlib import Path

from generator.content.schema import schemas
from generator.content.validate import load_content
from generator.errors import ProgressSiteError
from generator.workflow.commented import EXAMPLES, commented_yaml
from generator.workflow.scratch import scratch_tree

SITE = {
    "title": "Children's services improvement plan",
    "organisation": "Example Borough Council",
    "grouping": {"singular": "Priority", "plural": "Priorities"},
    "statuses": [
        {
            "id": "completed",
            "label": "Completed",
            "meaning": "complete",
            "description": "The action is done.",
        },
        {"id": "on-track", "label": "On track", "meaning": "in-progress"},
        {"id": "at-risk", "label": "At risk", "meaning": "at-risk"},
        {"id": "not-started", "label": "Not started", "meaning": "not-started"},
    ],
    "inspection": {
        "body": "Ofsted",
        "title": "Inspection of local authority children's services",
        "judgement": "Requires improvement",
        "findings": "Replace this with a summary of what the inspection found.",
        EXAMPLES: {"published": date(2026, 1, 30)},
    },
    "plan_summary": "Replace this with how the plan answers the inspection.",
    "terms": {
        "recommendation": {"singular": "Recommendation", "plural": "Recommendations"},
        "action": {"singular": "Action", "plural": "Actions"},
        EXAMPLES: {"group": {"singular": "Pillar", "plural": "Pillars"}},
    },
    "period": {"start": date(2026, 4, 1), "end": date(2028, 3, 31)},
    EXAMPLES: {
        "purpose": "What the plan is for, in Markdown, where it answers no inspection.",
        "url": "https://www.example.gov.uk/improvement-plan/",
    },
    "licence": {
        EXAMPLES: {
            "name": "Open Government Licence v3.0",
            "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        }
    },
    "accessibility": {EXAMPLES: {"contact": "access@example.gov.uk", "prepared": date(2026, 4, 1)}},
}

PLAN = """\
# The plan: its groups, and the recommendations it answers with their actions.
# Run 'progress-site schema --file plan.yaml' for every field.
groups:
  - id: leadership
    title: Leadership and management
  - id: practice
    title: Practice with children and families

recommendations:
  - id: 1
    text: Make sure that managers oversee every child's plan and check it is followed.
    groups: [leadership, practice]
    actions:
      - id: 1.1
        description: Train every team manager in case supervision.
        strategic_lead: Director of Children's Services
        timescale: {due_1}
        due: {due_1_iso}
      - id: 1.2
        description: Audit a sample of supervision records each month.
        timescale: Monthly
  - id: 2
    text: Reduce the number of children waiting for an assessment.
    groups: [practice]
    actions:
      - id: 2.1
        description: Recruit permanent social workers to the assessment teams.
        timescale: {due_2}
        due: {due_2_iso}
        kpis: [assessments-waiting]
  - id: 3
    text: Report progress on the plan to councillors every quarter.
    groups: [leadership]
    actions:
      - id: 3.1
        description: Present a progress report to the scrutiny committee.
        timescale: Quarterly
"""

KPIS = """\
# Key performance indicators; their values are in kpi-values.csv.
kpis:
  - id: assessments-waiting
    title: Children waiting for an assessment
    unit: count
    polarity: lower
    target: {{value: 20, date: {target}}}
"""

RELEASES = """\
# Every progress report, oldest first. Each becomes a version of the site at /<id>/.
# A draft is shown by 'progress-site serve' only, until 'progress-site publish <id>'.
releases:
  - id: {id}
    date: {day}
    title: {title}
    summary: The first progress report on the plan.
    draft: true
"""

PROGRESS = """\
# Each action's status (an id from site.yaml) and what was done, in this progress report.
actions:
  1.1:
    status: on-track
    narrative: Half of the team managers have been trained.
  1.2:
    status: not-started
  2.1:
    status: at-risk
    narrative: Two of the five posts are filled.
  3.1:
    status: completed
    narrative: The first report went to the committee.
"""


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _months_ago(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return _month_end(date(index // 12, index % 12 + 1, 1))


def release_id(today: date) -> str:
    """The starter's draft release: this month's progress report."""
    return f"{today:%Y-%m}"


def starter_files(today: date) -> dict[str, str]:
    """Each file of the starter tree (path relative to the tree -> text), dated from ``today``."""
    due_1, due_2 = _months_ago(today, -3), _months_ago(today, -6)
    values = "".join(
        f"assessments-waiting,{_months_ago(today, n).isoformat()},{v}\n"
        for n, v in ((3, 48), (2, 41), (1, 35))
    )
    return {
        "site.yaml": commented_yaml(
            schemas()["site.yaml"],
            SITE,
            "Site-wide settings: the plan's name, its words for groups and statuses, and the "
            "inspection it answers. Every field is explained above it.",
        ),
        "plan.yaml": PLAN.format(
            due_1=f"{due_1:%b %Y}",
            due_1_iso=due_1.isoformat(),
            due_2=f"{due_2:%b %Y}",
            due_2_iso=due_2.isoformat(),
        ),
        "kpis.yaml": KPIS.format(target=_months_ago(today, -12).isoformat()),
        "kpi-values.csv": "kpi,date,value\n" + values,
        "releases.yaml": RELEASES.format(
            id=release_id(today), day=today.isoformat(), title=f"{today:%B %Y} progress report"
        ),
        f"progress/{release_id(today)}.yaml": PROGRESS,
    }


def _refuse_non_empty(target: Path) -> None:
    if target.is_symlink() and not target.exists():
        raise ProgressSiteError(f"{target} is a link to nothing: choose a new directory")
    for place in (target, *target.parents):
        if place.exists() and not place.is_dir():
            raise ProgressSiteError(f"{place} is not a directory: choose a new directory")
    if target.is_dir() and any(target.iterdir()):
        raise ProgressSiteError(f"{target} is not empty: choose a new or empty directory")


def _move_in(work: Path, target: Path) -> None:
    """Move the tree's entries into the existing, empty ``target`` (kept, not replaced, as a
    shell may be in it), ``site.yaml`` last; on failure, take back what was moved."""
    names = sorted((p.name for p in work.iterdir()), key=lambda name: name == "site.yaml")
    moved: list[str] = []
    try:
        for name in names:
            if (target / name).exists() or (target / name).is_symlink():
                _refuse_non_empty(target)  # filled meanwhile by someone else
            os.rename(work / name, target / name)
            moved.append(name)
    except BaseException:
        for name in moved:
            os.rename(target / name, work / name)
        raise


def write_starter(target: Path, today: date) -> list[Path]:
    """Write the starter tree into ``target``, which must be new or empty; returns the files.

    The tree is written beside the target and checked as content first. A new directory is
    renamed into place whole; into an existing empty one the files are moved."""
    _refuse_non_empty(target)
    files = starter_files(today)
    place = target.absolute()
    work: Path | None = None
    try:
        work = scratch_tree(place, "new", files)
        load_content(work)  # a fault of ours if the starter were not valid content
        if place.is_dir():
            _move_in(work, place)
        else:
            work.rename(place)
    except OSError as exc:
        raise ProgressSiteError(
            f"cannot write {target}: {exc.strerror or exc}; nothing was written"
        ) from None
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    return [target / name for name in files]
