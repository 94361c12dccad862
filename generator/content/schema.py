"""``progress-site schema``: JSON Schemas for the content files, generated from the model.

Field names, types, enumerations (status meanings, KPI polarities) and nesting come from
the dataclasses in :mod:`generator.content.model` and the field comments there; ``SHAPES`` says only
how a class is written in YAML where that differs from the model (a field read from another
file, a field flattened into its parent, which keys are required).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from generator.content import model as model
from generator.content.model import (
    Action,
    Erratum,
    Group,
    Grouping,
    Inspection,
    Kpi,
    Point,
    Recommendation,
    Release,
    Reporting,
    Site,
    StatusDef,
    Term,
    Withdrawal,
)
from generator.errors import ProgressSiteError

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "YYYY-MM-DD"}
ID = {"type": ["string", "number"], "description": "An id as written, such as 1.1 or 13/14"}


@dataclasses.dataclass(frozen=True)
class Shape:
    required: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    flatten: tuple[str, ...] = ()
    """Fields whose own fields are written directly in the parent (``lifecycle``)."""


SHAPES: dict[type, Shape] = {
    Site: Shape(required=("title", "organisation", "grouping", "statuses")),
    Grouping: Shape(required=("singular", "plural")),
    Inspection: Shape(required=("body", "title")),
    StatusDef: Shape(required=("id", "label", "meaning")),
    Group: Shape(required=("id", "title")),
    Recommendation: Shape(required=("id", "text", "groups"), flatten=("lifecycle",)),
    Action: Shape(
        required=("id", "description"), exclude=("recommendation",), flatten=("lifecycle",)
    ),
    Withdrawal: Shape(required=("release", "reason")),
    Kpi: Shape(required=("id", "title", "unit", "polarity"), exclude=("values",)),
    Point: Shape(required=("value", "date")),
    Release: Shape(required=("id", "date", "title"), exclude=("progress",)),
    Reporting: Shape(required=("body",)),
    Erratum: Shape(required=("date", "reason", "corrected")),
    Term: Shape(required=("term", "meaning")),
}
ID_FIELDS = {"id", "added", "release", "merged_into", "groups", "kpis"}


def _field_docs(cls: type) -> dict[str, str]:
    """The docstrings written under fields in the model's source."""
    import ast
    import inspect

    try:
        tree = ast.parse(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    docs: dict[str, str] = {}
    body = tree.body[0].body if tree.body else []
    for node, following in zip(body, body[1:], strict=False):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[node.target.id] = " ".join(following.value.value.split())
    return docs


def type_schema(hint: Any, name: str = "") -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        present = [a for a in args if a is not type(None)]
        return type_schema(present[0], name) if len(present) == 1 else {}
    if origin is tuple:
        return {"type": "array", "items": type_schema(args[0], name)}
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {"enum": [m.value for m in hint]}
    if hint is date:
        return dict(DATE)
    if hint is bool:
        return {"type": "boolean"}
    if hint is float:
        return {"type": "number"}
    if hint is str:  # a plain scalar YAML reads as a number keeps its written text
        return dict(ID) if name in ID_FIELDS else {"type": ["string", "number"]}
    if dataclasses.is_dataclass(hint):
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise TypeError(f"no schema for {hint!r}")


def object_schema(cls: type) -> dict[str, Any]:
    shape = SHAPES.get(cls, Shape())
    hints = typing.get_type_hints(cls, vars(model))
    docs = _field_docs(cls)
    properties: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in shape.exclude:
            continue
        if f.name in shape.flatten:
            properties |= object_schema(hints[f.name])["properties"]
            continue
        schema = type_schema(hints[f.name], f.name)
        if f.name in docs:
            schema["description"] = docs[f.name]
        properties[f.name] = schema
    result: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if cls.__doc__ and not cls.__doc__.startswith(f"{cls.__name__}("):
        result["description"] = " ".join(cls.__doc__.split())
    if shape.required:
        result["required"] = list(shape.required)
    return result


def _definitions(*classes: type) -> dict[str, Any]:
    found: dict[str, Any] = {}

    def visit(cls: type, flattened: bool = False) -> None:
        if cls.__name__ in found:
            return
        if not flattened:
            found[cls.__name__] = object_schema(cls)
        shape = SHAPES.get(cls, Shape())
        hints = typing.get_type_hints(cls, vars(model))
        for name, hint in hints.items():
            if name in shape.exclude:
                continue
            for inner in (hint, *typing.get_args(hint)):
                for leaf in (inner, *typing.get_args(inner)):
                    if dataclasses.is_dataclass(leaf) and isinstance(leaf, type):
                        visit(leaf, flattened=name in shape.flatten)

    for cls in classes:
        visit(cls)
    return dict(sorted(found.items()))


def _document(title: str, root: dict[str, Any], *classes: type) -> dict[str, Any]:
    return {
        "$schema": DRAFT,
        "title": title,
        **root,
        "$defs": _definitions(*classes),
    }


def _list_file(key: str, cls: type, title: str) -> dict[str, Any]:
    return _document(
        title,
        {
            "type": "object",
            "properties": {key: {"type": "array", "items": {"$ref": f"#/$defs/{cls.__name__}"}}},
            "required": [key],
            "additionalProperties": False,
        },
        cls,
    )


def _site() -> dict[str, Any]:
    root = object_schema(Site)
    root["properties"]["statuses"]["minItems"] = 1
    return _document("progress-site site.yaml", {k: v for k, v in root.items()}, Site)


def _plan() -> dict[str, Any]:
    return _document(
        "progress-site plan.yaml",
        {
            "type": "object",
            "properties": {
                "groups": {"type": "array", "items": {"$ref": "#/$defs/Group"}},
                "recommendations": {"type": "array", "items": {"$ref": "#/$defs/Recommendation"}},
            },
            "required": ["groups", "recommendations"],
            "additionalProperties": False,
        },
        Group,
        Recommendation,
    )


def _progress() -> dict[str, Any]:
    entry = object_schema(model.Progress)
    entry["required"] = ["status"]
    return {
        "$schema": DRAFT,
        "title": "progress-site progress/<release>.yaml",
        "type": "object",
        "properties": {
            "actions": {
                "type": "object",
                "description": "Each action's progress in this release, keyed by action id.",
                "additionalProperties": entry,
            }
        },
        "additionalProperties": False,
    }


def schemas() -> dict[str, dict[str, Any]]:
    """A JSON Schema per content file, keyed by file name."""
    return {
        "site.yaml": _site(),
        "plan.yaml": _plan(),
        "kpis.yaml": _list_file("kpis", Kpi, "progress-site kpis.yaml"),
        "releases.yaml": _list_file("releases", Release, "progress-site releases.yaml"),
        "progress": _progress(),
        "glossary.yaml": _list_file("terms", Term, "progress-site glossary.yaml"),
    }


def schema_json(name: str | None = None) -> str:
    data: Any = schemas() if name is None else schemas()[name]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """One <name>.schema.json per content file in ``out_dir``."""
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, schema in schemas().items():
            path = out_dir / f"{name.removesuffix('.yaml')}.schema.json"
            text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as exc:
        exists = isinstance(exc, FileExistsError)
        reason = "it is a file, not a directory" if exists else exc.strerror or str(exc)
        raise ProgressSiteError(f"cannot write the schemas into {out_dir}: {reason}") from None
    return written
