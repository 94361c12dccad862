"""The content format's reference, generated from the content model (run by cog).

Every table comes from the JSON Schemas of ``progress-site schema``, which pydantic makes from
the model's field declarations and docstrings, so the documentation cannot drift from what
``validate`` accepts. ``cog -r docs/reference/content.md`` rewrites it; a test fails when it
is stale.
"""

from __future__ import annotations

from typing import Any

from generator.content.schema import schemas
from generator.reference_fields import action_fields_reference

_DATE = r"^\d{4}-\d{2}-\d{2}$"


def _anchor(file: str, name: str) -> str:
    stem = file.removesuffix(".yaml")
    return f"{stem}-{name.lower()}"


def _kind(node: dict[str, Any], file: str) -> str:
    """A field's kind in words, such as "list of [Action](#plan-action)"."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(file, name)})"
    if "anyOf" in node:
        kinds = [_kind(option, file) for option in node["anyOf"] if option.get("type") != "null"]
        return " or ".join(dict.fromkeys(kinds))
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    if node.get("pattern") == _DATE:
        return "date (`YYYY-MM-DD`)"
    kind = node.get("type")
    if kind == "array":
        return "list of " + _kind(node.get("items", {}), file)
    if kind == "object":
        values = node.get("additionalProperties")
        if isinstance(values, dict):
            return "map of id to " + _kind(values, file)
        return "mapping"
    if kind == ["string", "number"] or kind == "string":
        return "text"
    return {"boolean": "`true` or `false`", "number": "number", "integer": "whole number"}.get(
        str(kind), str(kind)
    )


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(node: dict[str, Any], file: str) -> list[str]:
    required = set(node.get("required", []))
    rows = ["| key | kind | required | meaning |", "| --- | --- | --- | --- |"]
    for key, field in node.get("properties", {}).items():
        need = "yes" if key in required else ""
        meaning = _cell(field.get("description", ""))
        rows.append(f"| `{key}` | {_cell(_kind(field, file))} | {need} | {meaning} |")
    return rows


def _section(file: str, schema: dict[str, Any]) -> str:
    title = "progress/<release>.yaml" if file == "progress" else file
    lines = [f"### `{title}`", "", _cell(schema.get("description", "")), ""]
    lines += _table(schema, file)
    for name, node in schema.get("$defs", {}).items():
        lines += ["", f"#### {name} {{#{_anchor(file, name)}}}", ""]
        if node.get("description"):
            lines += [_cell(node["description"]), ""]
        lines += _table(node, file)
    return "\n".join(lines)


def content_reference() -> str:
    """A section per content file: its keys, their kinds and meanings, and its nested items."""
    sections = [_section(file, schema) for file, schema in schemas().items()]
    return "\n\n".join((*sections, action_fields_reference()))
