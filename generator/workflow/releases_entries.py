"""Removing a release from releases.yaml, and adding an erratum under one, in place.

As in ``releases_file``: every byte outside the edit is kept (comments, quoting, layout and
the other releases), and each edit is checked by parsing the result again; if the file
would mean anything other than the one intended change, nothing is written.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import yaml

from generator.errors import ProgressSiteError
from generator.workflow.releases_file import (
    _appended,
    _check,
    _item,
    _line_after,
    _newline,
    _releases_node,
    _without_bom,
)


@_without_bom
def remove_release(text: str, release_id: str, display: str) -> str:
    """releases.yaml without ``release_id``'s entry (its lines, or its part of a flow list)."""
    seq = _releases_node(text, display)
    index, item = _item(seq, release_id, display)
    if seq.flow_style:
        start, end = item.start_mark.index, item.end_mark.index
        if index > 0:  # with the comma before it
            start = seq.value[index - 1].end_mark.index
        elif index + 1 < len(seq.value):  # or, the first, with the comma after it
            end = seq.value[index + 1].start_mark.index
        new = text[:start] + text[end:]
    else:
        start = text.rfind("\n", 0, item.start_mark.index) + 1
        if text[start : item.start_mark.index].strip() not in ("-", ""):
            raise ProgressSiteError(
                f"{display}: removing release {release_id} cannot be done in place in this "
                "file's layout; edit releases.yaml by hand"
            )
        new = text[:start] + text[_line_after(text, item) :]

    def change(releases: list[dict[str, Any]]) -> None:
        del releases[index]

    return _check(text, new, display, change, f"removing release {release_id}")


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@_without_bom
def add_erratum(
    text: str, release_id: str, when: date, reason: str, corrected: str, display: str
) -> str:
    """releases.yaml with an erratum added after ``release_id``'s last one (or as its first,
    in a new ``errata`` list at the end of its entry), in the entry's layout."""
    index, item = _item(_releases_node(text, display), release_id, display)
    fields = [("date", when.isoformat()), ("reason", _quote(reason))]
    fields.append(("corrected", _quote(corrected)))
    flow = "{" + ", ".join(f"{k}: {v}" for k, v in fields) + "}"
    keys = {key.value: value for key, value in item.value}
    errata = keys.get("errata")
    nl = _newline(text)
    if errata is not None and not isinstance(errata, yaml.SequenceNode):
        raise ProgressSiteError(f"{display}: release {release_id}: 'errata' is not a list")
    if isinstance(errata, yaml.SequenceNode) and errata.value and not errata.flow_style:
        new = _appended(text, errata, fields, flow)
    elif isinstance(errata, yaml.SequenceNode) and errata.flow_style:
        at = text.rindex("]", 0, errata.end_mark.index)
        new = text[:at] + (", " if errata.value else "") + flow + text[at:]
    elif errata is None and item.flow_style:
        at = item.value[-1][1].end_mark.index
        new = text[:at] + f", errata: [{flow}]" + text[at:]
    elif errata is not None:
        raise ProgressSiteError(
            f"{display}: adding an erratum to release {release_id} cannot be done in place in "
            "this file's layout; edit releases.yaml by hand"
        )
    else:
        indent = " " * item.start_mark.column
        at = _line_after(text, item)
        body = f"{nl}{indent}    ".join(f"{k}: {v}" for k, v in fields)
        lines = f"{indent}errata:{nl}{indent}  - {body}{nl}"
        new = text[:at] + ("" if text[:at].endswith("\n") else nl) + lines + text[at:]
    entry = {"date": when.isoformat(), "reason": reason, "corrected": corrected}

    def change(releases: list[dict[str, Any]]) -> None:
        releases[index].setdefault("errata", []).append(dict(entry))

    return _check(text, new, display, change, f"adding an erratum to release {release_id}")
