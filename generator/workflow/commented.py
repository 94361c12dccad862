"""A content file written as YAML with every field explained in a comment above it.

The fields, their order, what each means, its allowed values and whether it is required all
come from the file's JSON Schema (``generator.content.schema``), itself generated from the
content model: a field added to the model is explained here without another edit.
"""

from __future__ import annotations

import textwrap
from typing import Any

import yaml

WIDTH = 88
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
"""How the JSON Schema describes a date field (``fields.Day``)."""
EXAMPLES = "__examples__"
"""The key in ``values`` that gives examples for the fields left without a value."""


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of a property, with ``$ref`` followed and an optional ``null`` removed."""
    if "anyOf" in node:
        [node] = [n for n in node["anyOf"] if n.get("type") != "null"]
    if "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _explained(name: str, node: dict[str, Any], required: bool, defs: dict[str, Any]) -> str:
    own = _resolve(node, defs)
    text = node.get("description") or own.get("description")
    if not text:
        raise ValueError(f"the model does not say what {name!r} means: give it a docstring")
    if text == "YYYY-MM-DD":
        text = "A date"
    words = [text.rstrip(".") + "."]
    if "enum" in own:
        words.append(f"One of: {', '.join(own['enum'])}.")
    if own.get("pattern") == DATE_PATTERN and text != "A date":
        words.append("Written YYYY-MM-DD.")
    if own.get("type") == "array" and "items" in own:
        item = _resolve(own["items"], defs)
        if item.get("description"):
            about = item["description"].rstrip(".")
            words.append(f"Each is {about[:1].lower()}{about[1:]}.")
    if not required and "(optional)" not in text:
        words.append("Optional.")
    return " ".join(words)


def _comment(text: str, indent: str) -> list[str]:
    return [
        f"{indent}# {line}"
        for line in textwrap.wrap(text, WIDTH - len(indent) - 2, break_on_hyphens=False)
    ]


def _scalar(value: Any, indent: str) -> str:
    if isinstance(value, str) and "\n" in value:
        body = "".join(f"{indent}  {line}\n" if line else "\n" for line in value.splitlines())
        return "|\n" + body.rstrip("\n")
    flow = isinstance(value, dict)  # an example mapping stays on its commented line
    dumped = yaml.safe_dump(value, width=1 << 20, allow_unicode=True, default_flow_style=flow)
    return dumped.removesuffix("...\n").strip()


def _fields(
    schema: dict[str, Any],
    values: dict[str, Any],
    indent: str,
    defs: dict[str, Any],
    explain: bool = True,
) -> list[str]:
    lines: list[str] = []
    required = set(schema.get("required", ()))
    for name, node in schema["properties"].items():
        if explain:
            lines += _comment(_explained(name, node, name in required, defs), indent)
        own = _resolve(node, defs)
        if name not in values:
            if explain:
                example = values.get(EXAMPLES, {}).get(name, "")
                lines.append(f"{indent}# {name}: {_scalar(example, indent)}")
            continue
        value = values[name]
        if own.get("type") == "object" and isinstance(value, dict):
            lines.append(f"{indent}{name}:")
            lines += _fields(own, value, indent + "  ", defs)
        elif own.get("type") == "array" and value and isinstance(value[0], dict):
            lines.append(f"{indent}{name}:")
            item = _resolve(own["items"], defs)
            for number, entry in enumerate(value):
                inner = _fields(item, entry, indent + "    ", defs, explain and not number)
                first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
                for i in range(first):  # the first field's comment sits above the item's dash
                    inner[i] = f"{indent}  " + inner[i].lstrip()
                inner[first] = f"{indent}  - " + inner[first].lstrip()
                lines += inner
        else:
            lines.append(f"{indent}{name}: {_scalar(value, indent)}")
        if not indent:
            lines.append("")
    return lines


def commented_yaml(schema: dict[str, Any], values: dict[str, Any], heading: str) -> str:
    """``values`` as YAML, each field of ``schema`` (given a value or not) explained above it.

    A field without a value is written commented out, with the example given for it under
    ``values[EXAMPLES]`` (or empty); a list's items are explained once, above its first."""
    lines = _comment(heading, "") + [""]
    lines += _fields(schema, values, "", schema.get("$defs", {}))
    return "\n".join(lines).rstrip("\n") + "\n"
