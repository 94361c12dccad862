"""Editing plan.yaml in place: new actions added under their recommendations.

As with releases.yaml (``releases_file``), the YAML parser reports where each node starts
and ends, so a new action is written after the last action of its recommendation, in the
same layout (block or flow); every other byte, comments included, is kept. The result is
parsed again: if it means anything other than the plan with those actions added, nothing is
written and the user is asked to add the actions by hand.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from generator.content.load import parse_yaml
from generator.errors import Problems, ProgressSiteError
from generator.workflow.releases_file import (
    _appended,
    _line_after,
    _newline,
    _plain,
    _without_bom,
)


@dataclass
class NewAction:
    """An action to add to the plan, as a tracker row gives it."""

    recommendation: str
    id: str
    texts: dict[str, str] = field(default_factory=dict)
    """Its description, leads and timescale by plan.yaml key; empty ones are left out."""
    due: date | None = None

    def entry(self, release_id: str) -> dict[str, Any]:
        """The action as plan.yaml holds it, in the order it is written."""
        found: dict[str, Any] = {"id": self.id}
        found.update({key: text for key, text in self.texts.items() if text})
        if self.due:
            found["due"] = self.due.isoformat()
        found["added"] = release_id
        return found


def yaml_json(value: object) -> str:
    """``value`` as JSON, which YAML reads as the same value (its strings double-quoted
    scalars); line and paragraph separators are escaped too, as YAML would fold them."""
    text = json.dumps(value, ensure_ascii=False)
    for char in ("\u2028", "\u2029", "\u0085", "\ufeff"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _quote(text: str) -> str:
    return yaml_json(text)


def _value(key: str, value: str) -> str:
    return value if key == "due" else _quote(value)


def _data(text: str, display: str) -> Any:
    """The file's data; None if it cannot be read."""
    problems = Problems()
    data = parse_yaml(text, display, problems)
    return None if problems.sorted() else _plain(data)


def _recommendation(root: yaml.Node, rec_id: str, display: str) -> yaml.MappingNode:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "recommendations" and isinstance(value, yaml.SequenceNode):
                for node in value.value:
                    if not isinstance(node, yaml.MappingNode):
                        continue
                    for k, v in node.value:
                        if k.value == "id" and isinstance(v, yaml.ScalarNode):
                            if v.value == rec_id:
                                return node
    raise ProgressSiteError(f"{display}: recommendation {rec_id} not found")


def _insert(text: str, rec: yaml.MappingNode, entry: dict[str, Any]) -> str:
    """``text`` with ``entry`` added as the last action of ``rec``."""
    nl = _newline(text)
    pairs = [(k, _value(k, str(v))) for k, v in entry.items()]
    flow = "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
    keys = {key.value: value for key, value in rec.value}
    actions = keys.get("actions")
    if rec.flow_style:
        at = rec.end_mark.index - 1  # the closing brace
        if isinstance(actions, yaml.SequenceNode) and actions.flow_style:
            at = actions.end_mark.index - 1
            return text[:at] + (", " if actions.value else "") + flow + text[at:]
        return text[:at] + f", actions: [{flow}]" + text[at:]
    if isinstance(actions, yaml.SequenceNode) and actions.flow_style:
        at = actions.end_mark.index - 1
        return text[:at] + (", " if actions.value else "") + flow + text[at:]
    if isinstance(actions, yaml.SequenceNode) and actions.value:
        return _appended(text, actions, pairs, flow)
    column = rec.value[0][0].start_mark.column
    at = _line_after(text, rec)
    body = f"{nl}{' ' * (column + 4)}".join(f"{k}: {v}" for k, v in pairs)
    lines = f"{' ' * column}actions:{nl}{' ' * (column + 2)}- {body}{nl}"
    if actions is not None:  # "actions:" with no value, or an empty block: replace it
        key = next(k for k, _ in rec.value if k.value == "actions")
        start = text.rfind("\n", 0, key.start_mark.index) + 1
        end = _line_after(text, actions) if actions.value else text.find("\n", start) + 1
        return text[:start] + lines + text[end:]
    return text[:at] + ("" if text[:at].endswith("\n") else nl) + lines + text[at:]


@_without_bom
def add_actions(text: str, actions: list[NewAction], release_id: str, display: str) -> str:
    """plan.yaml with ``actions`` added under their recommendations, in the file's layout."""
    expected = _data(text, display)
    if not isinstance(expected, dict):
        raise ProgressSiteError(
            f"{display}: cannot be read as a plan; run 'progress-site validate'"
        )
    new = text
    for action in actions:
        entry = action.entry(release_id)
        try:
            root = yaml.compose(new, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise ProgressSiteError(f"{display}: cannot be read as YAML ({exc})") from exc
        new = _insert(new, _recommendation(root, action.recommendation, display), entry)
        for rec in expected.get("recommendations", []):
            if isinstance(rec, dict) and str(rec.get("id")) == action.recommendation:
                rec["actions"] = [*(rec.get("actions") or []), copy.deepcopy(entry)]
    if _data(new, display) != expected:  # an edit that breaks the file, or means more
        raise ProgressSiteError(
            f"{display}: adding actions cannot be done in place in this file's layout; add "
            "them to plan.yaml by hand"
        )
    return new
