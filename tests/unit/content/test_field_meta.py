"""Field metadata on the model (``Meta``): every field of a plan item declares it, and each
list that follows from it holds what readers, the open data and the importer have used."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import pytest

from generator.content.fields import Text
from generator.content.glossary import missing_terms
from generator.content.model import Action, Recommendation
from generator.content.model.base import ContentModel
from generator.content.model.meta import (
    PLAIN,
    Meta,
    all_models,
    details,
    imported,
    leads,
    listed,
    markdown_keys,
    prose,
    text_keys,
    undeclared,
)
from generator.content.validate import load_content
from generator.dev.hostile import TEXT_FIELDS
from generator.facts.leads import ROLES
from generator.render.opendata import ACTION_COLUMNS, action_column_meanings, action_columns
from generator.workflow.import_columns import EXAMPLES, FIELDS, SYNONYMS, examples, synonyms
from generator.workflow.tracker_export import LEAD_FIELDS
from tests.conftest import SMALL_PLAN


@pytest.mark.parametrize(
    "model, field",
    [(m, f) for m in (Action, Recommendation) for f in m.model_fields],
    ids=lambda v: getattr(v, "__name__", v),
)
def test_every_field_of_a_plan_item_declares_its_meta(model, field):
    """A field added without ``Meta`` fails here: nothing would show, publish or import it."""
    assert field not in undeclared(model)


def test_the_action_block_lists_the_labelled_fields_in_the_model_order():
    assert [(d.name, d.meta.label) for d in listed(Action)] == [
        ("lead", "Lead"),
        ("strategic_lead", "Strategic lead"),
        ("operational_lead", "Operational lead"),
        ("resources", "Resources"),
        ("outcome", "Outcome and evidence"),
    ]


def test_lead_roles_and_tracker_columns_take_the_labels():
    assert ROLES == (
        ("lead", "Lead"),
        ("strategic_lead", "Strategic lead"),
        ("operational_lead", "Operational lead"),
    )
    assert LEAD_FIELDS == {name: field for field, name in ROLES}


def test_actions_csv_keeps_its_published_columns():
    assert ACTION_COLUMNS == (
        *("release", "recommendation", "action", "title", "description", "state", "status"),
        *("status_label", "status_meaning", "overdue", "late_to_start", "due", "start"),
        *("timescale", "strategic_lead", "operational_lead", "lead", "resources", "outcome"),
        *("kpis", "narrative", "page"),
    )
    meanings = dict(action_column_meanings())
    assert list(meanings) == list(ACTION_COLUMNS)
    assert meanings["strategic_lead"] == "Who is accountable"
    assert meanings["recommendation"] == "The {recommendation} the {action} answers"


def test_import_reads_the_fields_the_model_names_headers_for():
    assert FIELDS == (
        *("id", "title", "description", "lead", "strategic_lead", "operational_lead"),
        *("resources", "timescale", "start", "due", "outcome", "progress", "status"),
        *("recommendation", "group", "group_title", "recommendation_text"),
    )
    assert SYNONYMS["strategic_lead"] == ["strategiclead", "accountable", "executivelead"]
    assert SYNONYMS["lead"] == ["lead", "leadofficer", "leadofficers", "leadperson"]
    assert EXAMPLES["due"] == "Due" and EXAMPLES["id"] == "Action, Ref, No"


def test_the_glossary_and_the_hostile_tests_read_the_texts():
    assert prose(Action) == ("title", "description", "resources", "timescale", "outcome")
    models = all_models(ContentModel)
    assert {"lead", "strategic_lead", "resources", "narrative", "verdict", "unit"} <= (
        text_keys(models)
    )
    assert not {"id", "due", "kpis", "added", "url", "recommendation"} & text_keys(models)
    assert markdown_keys(models) == {
        *("summary", "findings", "plan_summary", "narrative", "description", "text"),
        "outcome",
    }
    assert TEXT_FIELDS == markdown_keys(models)


class WithPriority(Action):
    """An action with one field more, declared as every field is."""

    priority: Annotated[
        Text, Meta("Priority", PLAIN, headers=("Priority", "Urgency"), column=True)
    ] = ""
    """How urgent the action is."""


def test_a_field_added_with_its_meta_joins_every_list():
    """What adding one line to the model gives: the field is shown, published, imported,
    attacked and searched for acronyms, with no other list to edit."""
    assert [d.name for d in listed(WithPriority)][-1] == "priority"
    action = WithPriority(id="1.1", description="Do it", lead="Jo", priority="High")
    assert [(d.meta.label, value) for d, value in details(action)] == [
        ("Lead", "Jo"),
        ("Priority", "High"),
    ]
    assert action_columns(WithPriority) == (*ACTION_COLUMNS, "priority")
    assert action_column_meanings(WithPriority)[-1] == ("priority", "How urgent the action is.")
    assert synonyms(WithPriority)["priority"] == ["priority", "urgency"]
    assert examples(WithPriority)["priority"] == "Priority"
    assert "priority" in [d.name for d in imported(WithPriority)]
    assert "priority" in text_keys([WithPriority]) and "priority" in prose(WithPriority)
    assert not [d for d in leads(WithPriority) if d.name == "priority"]


def test_the_glossary_searches_every_prose_field_of_an_action_but_not_its_leads():
    content = load_content(SMALL_PLAN)
    rec = content.recommendations[0]
    prose_fields = {"title": "AAA", "description": "BBB", "resources": "CCC"}
    prose_fields |= {"timescale": "DDD", "outcome": "EEE"}
    action = rec.actions[0].model_copy(
        update={**prose_fields, "lead": "FFF", "strategic_lead": "GGG", "operational_lead": "HHH"}
    )
    rec = rec.model_copy(update={"actions": (action, *rec.actions[1:])})
    changed = dataclasses.replace(content, recommendations=(rec, *content.recommendations[1:]))
    missing = missing_terms(changed, known=set())
    assert {"AAA", "BBB", "CCC", "DDD", "EEE"} <= set(missing)
    assert not {"FFF", "GGG", "HHH"} & set(missing)
