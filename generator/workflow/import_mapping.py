"""The ``import --mapping`` file, read like content: every problem with its file and line.

```yaml
columns: {"Lead officer": operational_lead, "Strand": group}  # header -> field
ignore: ["Notes"]                                 # headers to leave out
group_pattern: '^Priority (?P<id>\\d+): (?P<text>.*)$'
recommendation_pattern: '^Focus area (?P<id>[\\d.]+): (?P<text>.*)$'
status_words: {"complete": completed}             # leading words -> status id
statuses: [{id: completed, label: Completed, meaning: complete}]
grouping: {singular: Priority, plural: Priorities}
```
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from generator.content.fields import RequiredText, TextList, bad_value, describe, field_kind
from generator.content.load import YMap, load_yaml
from generator.content.model import ContentModel, Grouping, StatusDef
from generator.content.read import read_model
from generator.errors import Problems
from generator.workflow.import_columns import FIELDS
from generator.workflow.import_status import EXTRA_STATUSES, STATUSES


def _pattern(text: Any) -> str | None:
    if text is None:
        return None
    if not isinstance(text, str) or not text:
        raise bad_value(f"expected text, found {describe(text)}")
    try:
        compiled = re.compile(text, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError) as exc:
        raise bad_value(f"not a valid regular expression ({exc})") from None
    missing = [g for g in ("id", "text") if g not in compiled.groupindex]
    if missing:
        raise bad_value(
            "the pattern needs the named groups (?P<id>...) and (?P<text>...); "
            f"missing: {', '.join(missing)}"
        )
    return text


class ImportMapping(ContentModel):
    """A mapping file: how the columns and words of one council's table are read."""

    columns: dict[str, RequiredText] = {}
    """Column header -> the field it holds, for headers not recognised by name."""
    ignore: TextList = ()
    """Column headers to leave out."""
    group_pattern: Annotated[str | None, *field_kind(_pattern, {"type": "string"})] = None
    """A regular expression for the rows that start a group, with the named groups
    (?P<id>...) and (?P<text>...)."""
    recommendation_pattern: Annotated[str | None, *field_kind(_pattern, {"type": "string"})] = None
    """A regular expression for the heading rows that start a recommendation in the group
    above, with the named groups (?P<id>...) and (?P<text>...)."""
    status_words: dict[str, RequiredText] = {}
    """The leading words of a progress text -> the status id they give."""
    statuses: tuple[StatusDef, ...] | None = None
    """The statuses of the imported plan (by default, common ones)."""
    grouping: Grouping | None = None


def read_mapping(path: Path) -> dict[str, Any]:
    """A mapping file's settings; raise ContentError listing every problem with its line."""
    file = str(path)
    problems = Problems()
    data = load_yaml(path, file, problems)
    problems.raise_if_any()
    if not isinstance(data, YMap):
        problems.add(file, getattr(data, "line", 1), None, "expected a mapping of settings")
        problems.raise_if_any()
    mapping = read_model(ImportMapping, data, file, problems)
    if mapping.statuses == ():
        problems.add(
            file, data.line_of("statuses"), None, "field 'statuses' must list at least one status"
        )
    for header, name in mapping.columns.items():
        if name and name not in FIELDS:
            problems.add(
                file,
                data["columns"].line_of(header),
                None,
                f"'columns': '{header}' maps to '{name}', which is not one of {', '.join(FIELDS)}",
            )
    statuses = (
        [s.model_dump(exclude={"description"}, mode="json") for s in mapping.statuses]
        if mapping.statuses is not None
        else STATUSES
    )
    extra = EXTRA_STATUSES if mapping.statuses is None else []  # added to site.yaml if named
    known = [s["id"] for s in statuses + extra]
    for words, status in mapping.status_words.items():
        if status and status not in known:
            problems.add(
                file,
                data["status_words"].line_of(words),
                None,
                f"'status_words': '{words}' gives status '{status}', which is not in "
                f"'statuses' (known: {', '.join(known)})",
            )
    problems.raise_if_any()
    settings = mapping.model_dump(exclude_unset=True, mode="json")
    if "statuses" in settings:
        settings["statuses"] = statuses
    if "ignore" in settings:
        settings["ignore"] = list(mapping.ignore)
    return settings
