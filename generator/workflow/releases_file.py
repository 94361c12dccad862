"""Editing releases.yaml in place: every byte outside the edit is kept.

The YAML parser reports where each key and value starts and ends, so ``publish`` replaces
exactly the ``draft`` entry of the release it names (or adds ``published`` after its id), and
``new-release`` adds its entry after the last release, in the same layout (block or flow).
Comments, quoting, indentation and neighbouring releases, drafts included, are untouched.
Each edit is checked by parsing the result again: if the file means anything other than the
one intended change (for example where YAML anchors or aliases are involved), nothing is
written and the user is asked to make the change by hand.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from typing import Any

import yaml

from generator.content.load import parse_yaml
from generator.errors import Problems, ProgressSiteError


def _releases_node(text: str, display: str) -> yaml.SequenceNode:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ProgressSiteError(f"{display}: cannot be read as YAML ({exc})") from exc
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "releases" and isinstance(value, yaml.SequenceNode):
                return value
    raise ProgressSiteError(f"{display}: expected a list of releases under 'releases'")


def _item(seq: yaml.SequenceNode, release_id: str, display: str) -> tuple[int, yaml.MappingNode]:
    for index, node in enumerate(seq.value):
        if not isinstance(node, yaml.MappingNode):
            continue
        for key, value in node.value:
            if key.value == "id" and isinstance(value, yaml.ScalarNode):
                if value.value == release_id:
                    return index, node
    raise ProgressSiteError(f"{display}: release {release_id} not found")


def _data(text: str, display: str, what: str) -> Any:
    problems = Problems()
    data = parse_yaml(text, display, problems)
    for problem in problems.sorted():
        raise ProgressSiteError(f"{display}: {what} would make the file invalid: {problem.message}")
    if not isinstance(data, dict) or not isinstance(data.get("releases"), list):
        raise ProgressSiteError(f"{display}: expected a list of releases under 'releases'")
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _check(old: str, new: str, display: str, change: Any, what: str) -> str:
    """``new`` if it parses to ``old`` with ``change`` applied to its releases, else refuse."""
    expected = _plain(_data(old, display, what))
    change(expected["releases"])
    if _plain(_data(new, display, what)) == expected:
        return new
    raise ProgressSiteError(f"{display}: {what} cannot be done in place in this file's layout")


def _newline(text: str) -> str:
    """The file's own line ending."""
    return "\r\n" if "\r\n" in text else "\n"


def _line_after(text: str, node: yaml.Node) -> int:
    """Where the line after a block node's last value starts (or the end of the text)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    at = node.end_mark.index
    if at > 0 and text[at - 1] == "\n":
        return at
    line_end = text.find("\n", at)
    return len(text) if line_end < 0 else line_end + 1


def _appended(text: str, seq: yaml.SequenceNode, pairs: list[tuple[str, str]], flow: str) -> str:
    """``text`` with a mapping added after the last item of the block list ``seq``, laid out
    as that item is: in braces (``flow``) or one key a line."""
    nl = _newline(text)
    last = seq.value[-1]
    dash = seq.start_mark.column
    column = last.start_mark.column
    at = _line_after(text, seq)
    if isinstance(last, yaml.MappingNode) and last.flow_style:
        body = flow
    else:
        body = f"{nl}{' ' * column}".join(f"{k}: {v}" for k, v in pairs)
    line = f"{' ' * dash}-{' ' * max(column - dash - 1, 1)}{body}{nl}"
    return text[:at] + ("" if text[:at].endswith("\n") else nl) + line + text[at:]


def _without_bom(edit: Any) -> Any:
    """Edit the text after a byte-order mark, and keep the mark."""

    def edited(text: str, *args: Any) -> str:
        if text.startswith("\ufeff"):
            return "\ufeff" + edit(text[1:], *args)
        return edit(text, *args)

    edited.__doc__ = edit.__doc__
    return edited


@_without_bom
def mark_published(text: str, release_id: str, when: date, display: str) -> str:
    """releases.yaml with ``release_id``'s ``draft`` entry replaced by ``published: when``."""
    index, item = _item(_releases_node(text, display), release_id, display)
    entry = f"published: {when.isoformat()}"
    keys = {key.value: (key, value) for key, value in item.value}
    if "draft" in keys:
        key, value = keys["draft"]
        start, end = key.start_mark.index, value.end_mark.index
        if not item.flow_style:  # a comment about the draft flag goes with it
            comment = re.match(r"[ \t]+#[^\r\n]*", text[end:])
            end += comment.end() if comment else 0
        new = text[:start] + entry + text[end:]
    elif item.flow_style:
        at = item.value[-1][1].end_mark.index
        new = text[:at] + ", " + entry + text[at:]
    else:
        at = _line_after(text, item)
        indent = " " * item.start_mark.column
        nl = _newline(text)
        new = text[:at] + ("" if text[:at].endswith("\n") else nl) + indent + entry + nl
        new += text[at:]

    def change(releases: list[dict[str, Any]]) -> None:
        releases[index].pop("draft", None)
        releases[index]["published"] = when.isoformat()

    return _check(text, new, display, change, f"marking release {release_id} published")


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@_without_bom
def append_release(text: str, release_id: str, when: date, title: str, display: str) -> str:
    """releases.yaml with a draft release added after the last one, in the file's layout."""
    seq = _releases_node(text, display)
    fields = [("id", release_id), ("date", when.isoformat()), ("title", _quote(title))]
    fields.append(("draft", "true"))
    last = seq.value[-1] if seq.value else None
    if seq.flow_style:
        flow = "{" + ", ".join(f"{k}: {v}" for k, v in fields) + "}"
        at = text.rindex("]", 0, seq.end_mark.index)
        new = text[:at] + (", " if seq.value else "") + flow + text[at:]
    else:
        dash = seq.start_mark.column
        column = last.start_mark.column if last is not None else dash + 2
        if isinstance(last, yaml.MappingNode) and last.flow_style:
            body = "{" + ", ".join(f"{k}: {v}" for k, v in fields) + "}"
        else:
            indent = " " * column
            body = f"{_newline(text)}{indent}".join(f"{k}: {v}" for k, v in fields)
        gap = " " * max(column - dash - 1, 1)
        nl = _newline(text)
        new = text + ("" if text.endswith("\n") else nl) + f"{' ' * dash}-{gap}{body}{nl}"
    entry = {"id": release_id, "date": when.isoformat(), "title": title, "draft": True}

    def change(releases: list[dict[str, Any]]) -> None:
        releases.append(copy.deepcopy(entry))

    return _check(text, new, display, change, f"adding release {release_id}")


@_without_bom
def update_release(
    text: str, release_id: str, when: date | None, title: str | None, display: str
) -> str:
    """releases.yaml with ``release_id``'s date and title replaced where given; the rest of
    the entry, its comments and its layout kept."""
    index, item = _item(_releases_node(text, display), release_id, display)
    values = {"date": when.isoformat() if when else None, "title": title}
    edits = []
    for key, value in item.value:
        new = values.get(key.value)
        if new is not None and isinstance(value, yaml.ScalarNode):
            scalar = new if key.value == "date" else _quote(new)
            start, end = value.start_mark.index, value.end_mark.index
            while end > start and text[end - 1] in "\r\n":  # a block scalar's last line break
                end -= 1
            edits.append((start, end, scalar))
    if len(edits) != sum(v is not None for v in values.values()):
        raise ProgressSiteError(
            f"{display}: changing release {release_id} cannot be done in place in this file's "
            "layout; edit releases.yaml by hand"
        )
    new_text = text
    for start, end, scalar in sorted(edits, reverse=True):
        new_text = new_text[:start] + scalar + new_text[end:]

    def change(releases: list[dict[str, Any]]) -> None:
        releases[index].update({k: v for k, v in values.items() if v is not None})

    return _check(text, new_text, display, change, f"changing release {release_id}")
