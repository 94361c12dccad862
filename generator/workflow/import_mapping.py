"""The ``import --mapping`` file, checked like content: every problem with its file and line.

```yaml
columns: {"Lead officer": operational_lead}     # header -> field
ignore: ["Notes"]                                 # headers to leave out
group_pattern: '^Priority (?P<id>\\d+): (?P<text>.*)$'
status_words: {"complete": completed}             # leading words -> status id
statuses: [{id: completed, label: Completed, meaning: complete}]
grouping: {singular: Priority, plural: Priorities}
```
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.content.checks import MEANINGS
from generator.content.fields import describe
from generator.content.load import YList, YMap, load_yaml
from generator.errors import Problems

SETTINGS = ("columns", "ignore", "group_pattern", "status_words", "statuses", "grouping")


def _mapping_of_text(problems: Problems, file: str, data: YMap, key: str) -> dict[str, str] | None:
    value = data[key]
    line = data.line_of(key)
    if not isinstance(value, YMap):
        problems.add(file, line, None, f"'{key}': expected a mapping, found {describe(value)}")
        return None
    result = {}
    for name, item in value.items():
        if not isinstance(item, str) or not item:
            problems.add(
                file,
                value.line_of(name),
                None,
                f"'{key}': '{name}': expected text, found {describe(item)}",
            )
        else:
            result[name] = item
    return result


def _pattern(problems: Problems, file: str, line: int, key: str, text: str) -> None:
    try:
        compiled = re.compile(text, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError) as exc:
        problems.add(file, line, None, f"'{key}': not a valid regular expression ({exc})")
        return
    missing = [g for g in ("id", "text") if g not in compiled.groupindex]
    if missing:
        problems.add(
            file,
            line,
            None,
            f"'{key}': the pattern needs the named groups (?P<id>...) and (?P<text>...); "
            f"missing: {', '.join(missing)}",
        )


def read_mapping(path: Path) -> dict[str, Any]:
    """A mapping file's settings; raise ContentError listing every problem with its line."""
    from generator.workflow.importer import FIELDS, STATUSES

    file = str(path)
    problems = Problems()
    data = load_yaml(path, file, problems)
    problems.raise_if_any()
    if not isinstance(data, YMap):
        problems.add(file, getattr(data, "line", 1), None, "expected a mapping of settings")
        problems.raise_if_any()
    settings: dict[str, Any] = {}
    for key in data:
        line = data.line_of(key)
        value = data[key]
        if key not in SETTINGS:
            problems.add(
                file, line, None, f"unknown setting '{key}' (known: {', '.join(SETTINGS)})"
            )
        elif key in ("columns", "status_words", "grouping"):
            settings[key] = _mapping_of_text(problems, file, data, key)
        elif key == "ignore":
            if not isinstance(value, YList) or not all(isinstance(v, str) for v in value):
                problems.add(file, line, None, "'ignore': expected a list of column headers")
            else:
                settings[key] = list(value)
        elif key == "group_pattern":
            if not isinstance(value, str) or not value:
                problems.add(
                    file, line, None, f"'group_pattern': expected text, found {describe(value)}"
                )
            else:
                _pattern(problems, file, line, key, value)
                settings[key] = value
        elif key == "statuses":
            settings[key] = _statuses(problems, file, data)
    for header, name in (settings.get("columns") or {}).items():
        if name not in FIELDS:
            problems.add(
                file,
                data["columns"].line_of(header),
                None,
                f"'columns': '{header}' maps to '{name}', which is not one of {', '.join(FIELDS)}",
            )
    grouping = settings.get("grouping")
    if grouping is not None and sorted(grouping) != ["plural", "singular"]:
        problems.add(
            file, data.line_of("grouping"), None, "'grouping': expected 'singular' and 'plural'"
        )
    statuses = settings.get("statuses") if "statuses" in data else STATUSES
    known = [s["id"] for s in statuses] if statuses else None
    for words, status in (settings.get("status_words") or {}).items():
        if known is not None and status not in known:
            problems.add(
                file,
                data["status_words"].line_of(words),
                None,
                f"'status_words': '{words}' gives status '{status}', which is not in "
                f"'statuses' (known: {', '.join(known)})",
            )
    problems.raise_if_any()
    return settings


def _statuses(problems: Problems, file: str, data: YMap) -> list[dict[str, str]] | None:
    value = data["statuses"]
    if not isinstance(value, YList) or not value:
        problems.add(
            file, data.line_of("statuses"), None, "'statuses': expected a list of statuses"
        )
        return None
    result = []
    for line, item in zip(value.item_lines, value, strict=True):
        if (
            not isinstance(item, YMap)
            or sorted(item) != ["id", "label", "meaning"]
            or not all(isinstance(v, str) and v for v in item.values())
        ):
            problems.add(
                file, line, None, "'statuses': each status needs text for id, label and meaning"
            )
            continue
        if item["meaning"] not in MEANINGS:
            problems.add(
                file,
                item.line_of("meaning"),
                None,
                f"'statuses': meaning '{item['meaning']}' is not one of {', '.join(MEANINGS)}",
            )
            continue
        result.append(dict(item))
    return result
