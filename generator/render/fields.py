"""What the action block shows of an action's fields, from their declarations in the model."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import Action
from generator.content.model.meta import declared, details
from generator.facts.leads import tidy

LABELS = {d.name: d.meta.label for d in declared(Action) if d.meta.label}
"""Each labelled action field -> its label, for the fields the block shows in its own way
(``action_labels.start`` is Planned start)."""


@dataclass(frozen=True)
class Detail:
    """One line of an action's list of details: ``- **Label:** value``."""

    label: str
    value: str
    markdown: bool


def action_details(action: Action) -> list[Detail]:
    """The action's listed fields that hold a value, in the model's order; a lead's name with
    its spacing tidied."""
    return [
        Detail(d.meta.label, tidy(value) if d.meta.lead else value, d.meta.markdown)
        for d, value in details(action)
    ]
