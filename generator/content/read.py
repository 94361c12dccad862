"""Reading one content file into its model, with every problem placed at its file and line.

Validation runs twice. The strict pass collects every problem pydantic finds and turns each
into a message in the content's own words, at the line the loader recorded for it. The
lenient pass then builds the model anyway: bad values become stand-ins (``fields.LENIENT``),
unknown keys are dropped and missing mappings and lists are made empty, so that the checks
across files still run on everything else and report all problems at once.
"""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import ValidationError

from generator.content.fields import LENIENT, Written, describe
from generator.content.load import YList, YMap
from generator.content.model import ContentModel
from generator.errors import Problems

M = TypeVar("M", bound=ContentModel)
MAX_REPAIRS = 50


def plain(value: Any) -> Any:
    """The loaded YAML as pydantic reads it: plain scalars YAML typed keep their text."""
    if isinstance(value, YMap):
        return {
            key: Written(item, value.raw[key])
            if key in value.raw and not isinstance(item, str | None)
            else plain(item)
            for key, item in value.items()
        }
    if isinstance(value, YList):
        return [
            Written(item, raw)
            if raw is not None and not isinstance(item, str | None)
            else plain(item)
            for item, raw in zip(value, value.raw, strict=True)
        ]
    return value


def _inner(hint: Any) -> Any:
    """A field's type without ``None`` and ``Annotated``."""
    while True:
        origin = typing.get_origin(hint)
        if origin is typing.Annotated:
            hint = typing.get_args(hint)[0]
        elif origin in (typing.Union, types.UnionType):
            hint = next(a for a in typing.get_args(hint) if a is not type(None))
        else:
            return hint


def _model(hint: Any) -> type[ContentModel] | None:
    hint = _inner(hint)
    return hint if isinstance(hint, type) and issubclass(hint, ContentModel) else None


def item_label(
    kind: type[ContentModel], node: Any, parent: str | None, key: str = "", grouping: str = ""
) -> str | None:
    """How problems name an item of ``kind`` written as ``node`` (see ``ContentModel.ITEM``)."""
    if kind.ITEM is None:
        return parent
    found: Any = key
    if "{id}" in kind.ITEM:
        if not isinstance(node, YMap):
            return parent
        found = node.raw.get(kind.ITEM_KEY) or node.get(kind.ITEM_KEY)
        if not found:
            return parent
    return kind.ITEM.format(id=found, key=key, parent=parent, grouping=grouping)


class _Place:
    """Where an error's location leads in the loaded file: its line, item, field and kind."""

    def __init__(self, root: type[ContentModel], node: YMap, grouping: str) -> None:
        self.hint: Any = root
        self.node: Any = node
        self.line = node.line
        self.mapping_line = node.line
        """The line of the innermost mapping: where a missing field is reported."""
        self.item: str | None = None
        self.owner: type[ContentModel] | None = root
        """The model whose field the location names last."""
        self.grouping = grouping
        self.path: list[str | int] = []
        self.keyed = False

    def step(self, part: str | int) -> None:
        container = _inner(self.hint)
        node = self.node
        if isinstance(node, YMap):
            self.mapping_line = node.line
        if _model(container) is not None:
            self.owner = _model(container)
            field = container.model_fields.get(str(part))
            self.hint = field.annotation if field else None
        else:  # a list or a mapping of items
            args = typing.get_args(container)
            self.hint = (args[0] if args[-1] is Ellipsis else args[-1]) if args else None
        if isinstance(node, YMap) and isinstance(part, str):
            self.line = node.line_of(part)
            self.node = node.get(part)
        elif isinstance(node, YList) and isinstance(part, int) and part < len(node):
            self.line = node.item_lines[part]
            self.node = node[part]
        else:
            self.node = None
        self.path.append(part)
        self.keyed = isinstance(part, str) and _model(container) is None
        """Whether the last step was to an entry of a mapping the content names freely."""
        kind = _model(self.hint)
        if kind is not None and isinstance(self.node, YMap):
            key = part if isinstance(part, str) and _model(container) is None else ""
            self.item = item_label(kind, self.node, self.item, key, self.grouping)


def _message(place: _Place, error: Any) -> tuple[int, str]:
    """The message for one pydantic error at ``place``, and its line."""
    kind, found = error["type"], error.get("input")
    last = place.path[-1] if place.path else ""
    name = None
    if isinstance(last, int) and len(place.path) > 1:
        name = f"{place.path[-2]}[{last}]"
    elif place.keyed and len(place.path) > 1:
        name = f"field '{place.path[-2]}': '{last}'"
    if kind in ("missing", "required") or (found is None and kind.endswith("_type")):
        return place.mapping_line, f"missing required field '{last}'"
    if kind == "empty":
        return (
            place.line,
            f"{name} must not be empty" if name else f"field '{last}' must not be empty",
        )
    if kind == "extra_forbidden":
        allowed = ", ".join(place.owner.file_fields()) if place.owner else ""
        return place.line, f"unknown field '{last}' (expected one of: {allowed})"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        inner = _model(place.hint)
        if inner is not None and inner.NOT_A_MAPPING:
            return place.line, inner.NOT_A_MAPPING
        expected = f"expected a mapping, found {describe(found)}"
    elif kind in ("tuple_type", "list_type"):
        expected = f"expected a list, found {describe(found)}"
    else:
        expected = error["msg"]
    return place.line, f"{name}: {expected}" if name else f"field '{last}': {expected}"


def report(
    error: ValidationError,
    root: type[ContentModel],
    node: YMap,
    file: str,
    problems: Problems,
    grouping: str = "",
) -> None:
    for detail in error.errors(include_url=False):
        place = _Place(root, node, grouping)
        for part in detail["loc"]:
            place.step(part)
        line, message = _message(place, detail)
        problems.add(file, line, place.item, message)


def _repair(data: Any, error: ValidationError) -> None:
    """Make ``data`` valid in structure: drop unknown keys, fill in missing ones."""
    for detail in error.errors(include_url=False):
        *path, last = detail["loc"] or ("",)
        parent = data
        for part in path:
            parent = parent[part]
        if detail["type"] == "extra_forbidden":
            del parent[last]
        elif detail["type"] == "missing":
            parent[last] = None
        elif detail["type"] in ("model_type", "dict_type", "model_attributes_type"):
            parent[last] = {}
        elif detail["type"] in ("tuple_type", "list_type"):
            parent[last] = []
        else:
            raise error


def read_model(kind: type[M], node: YMap, file: str, problems: Problems, grouping: str = "") -> M:
    """``node`` read as a ``kind``: every problem is reported, and a best-effort model returned."""
    data = plain(node)
    try:
        return kind.model_validate(data)
    except ValidationError as exc:
        report(exc, kind, node, file, problems, grouping)
    for _ in range(MAX_REPAIRS):
        try:
            return kind.model_validate(data, context={LENIENT: True})
        except ValidationError as exc:
            _repair(data, exc)
    raise RuntimeError(f"{file}: the content could not be read even leniently")
