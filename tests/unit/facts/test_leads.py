from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli
from generator.content.validate import load_content
from generator.facts.derive import release_view
from generator.facts.leads import lead_key, lead_slugs, leads, spelling_warnings
from tests.conftest import SMALL_PLAN


def test_names_differing_only_in_spacing_or_case_are_one_lead(small):
    small.replace(
        "plan.yaml",
        "strategic_lead: Ann Graham\n        operational_lead: Vikki Rix",
        "strategic_lead: ann   GRAHAM\n        operational_lead: Vikki Rix",
    )
    view = release_view(load_content(Path("content")), "2015-01")
    found = {lead.slug: lead for lead in leads(view)}
    assert list(found) == ["ann-graham", "beverley-hendricks", "vikki-rix"]
    ann = found["ann-graham"]
    assert ann.name == "Ann Graham"  # as first written
    assert [a.action.action.id for a in ann.actions] == ["1.2", "1.4"]
    assert [a.roles for a in ann.actions] == [("Strategic lead",), ("Strategic lead",)]
    assert [a.action.action.id for a in ann.overdue] == ["1.4"]
    assert ann.counts.total == 2 and ann.counts.overdue == 1
    assert [(c.status.label, c.count) for c in ann.counts.nonzero] == [
        ("Completed", 1),
        ("On track", 1),
    ]
    assert [r.recommendation.recommendation.id for r in ann.recommendations] == ["1"]


def test_one_person_in_both_roles_is_listed_once_with_both():
    content = load_content(SMALL_PLAN)
    view = release_view(content, "2015-01")
    vikki = next(lead for lead in leads(view) if lead.slug == "vikki-rix")
    assert [a.roles for a in vikki.actions] == [("Operational lead",)]


def test_lead_keys_ignore_spacing_and_case():
    assert lead_key(" Nick  Cross\n") == lead_key("nick cross") == "nick cross"
    assert lead_key("Nick-Cross") != lead_key("Nick Cross")


def test_lead_addresses_are_distinct_and_never_a_reserved_name():
    slugs = lead_slugs(["nick cross", "nick-cross", "index", "Зоя", "x" * 100])
    assert slugs["nick cross"] == "nick-cross"
    assert slugs["nick-cross"].startswith("nick-cross-") and len(slugs["nick-cross"]) == 19
    assert slugs["index"].startswith("index-")
    assert slugs["Зоя"].startswith("lead-")
    assert len(slugs["x" * 100]) == 64
    assert len(set(slugs.values())) == 5


def test_validate_warns_about_a_lead_written_two_ways(small):
    small.replace(
        "plan.yaml",
        "strategic_lead: Ann Graham\n        operational_lead: Vikki",
        "strategic_lead: Ann  graham\n        operational_lead: Vikki",
    )
    small.replace("plan.yaml", "operational_lead: Vikki Rix", "operational_lead: Vikki-Rix")
    small.replace(
        "plan.yaml",
        "description: Establish a plan",
        "strategic_lead: Vikki Rix\n        description: Establish a plan",
    )
    result = CliRunner().invoke(cli, ["validate", "--content", "content"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "Warning: lead names 'Ann Graham' (action 1.2) and 'Ann  graham' (action 1.4) in "
        "content/plan.yaml differ only in spacing or letter case; they are shown as one lead. "
        "Write the name the same way each time",
        "Warning: lead names 'Vikki-Rix' (action 1.4) and 'Vikki Rix' (action 8.1) in "
        "content/plan.yaml are shown as different leads but are nearly the same (both read "
        "'vikki-rix' in a web address); if they are one person or post, write the name the same "
        "way each time",
    ]


def test_no_warning_for_leads_written_the_same_way():
    assert spelling_warnings(load_content(SMALL_PLAN)) == []


def test_a_single_lead_is_a_lead_too(small):
    small.replace(
        "plan.yaml",
        "description: Establish a plan",
        "lead: Beverley  HENDRICKS\n        description: Establish a plan",
    )
    view = release_view(load_content(Path("content")), "2015-01")
    beverley = next(lead for lead in leads(view) if lead.slug == "beverley-hendricks")
    assert beverley.name == "Beverley Hendricks"
    assert [(a.action.action.id, a.roles) for a in beverley.actions] == [
        ("1.2", ("Operational lead",)),
        ("8.1", ("Lead",)),
    ]
    assert [r.recommendation.recommendation.id for r in beverley.recommendations] == ["1", "8"]


def test_a_leads_address_does_not_depend_on_the_other_leads():
    from generator.facts.leads import lead_slugs

    alone = lead_slugs(["y"])
    both = lead_slugs(["ÿ", "y"])  # a lead added later, first in plan order
    assert alone["y"] == both["y"] == "y"
    assert both["ÿ"] == lead_slugs(["ÿ"])["ÿ"] != "y"
    assert both["ÿ"].startswith("y-")
    # a hyphen is not spelt out, so "jean-paul" and "jean paul" never share an address
    hyphen, space = lead_slugs(["jean-paul", "jean paul"]).values()
    assert space == "jean-paul" and hyphen.startswith("jean-paul-") and hyphen != space
