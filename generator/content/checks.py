"""The second pass of validation: what one field alone cannot tell.

The models in ``model`` check each field; the checks here look across items and files: ids
defined twice, references to groups, KPIs, releases and actions that do not exist, merges
that go round in a circle, releases out of order. They run on the models ``read`` built, with
the loaded YAML beside them for the lines of their messages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from generator.content.load import YMap, inside, load_yaml
from generator.content.model import ContentModel
from generator.content.read import item_label, read_model
from generator.content.strings import cleaned
from generator.errors import Problems

M = TypeVar("M", bound=ContentModel)
I = TypeVar("I", bound=ContentModel)  # noqa: E741 - an item's model


def _known(ids: list[str] | tuple[str, ...]) -> str:
    return ", ".join(ids) if ids else "none defined"


class Spot:
    """One item of a file as written: where its problems are reported, and how it is named."""

    def __init__(self, problems: Problems, file: str, node: YMap, item: str | None) -> None:
        self.problems = problems
        self.file = file
        self.node = node
        self.item = item

    def error(self, message: str, key: str | None = None, line: int | None = None) -> None:
        if line is None:
            line = self.node.line_of(key) if key is not None else self.node.line
        self.problems.add(self.file, line, self.item, message)

    def first_time(
        self, kind: str, value: str, seen: dict[str, int], line: int, key: str = "id"
    ) -> bool:
        """Record ``value`` as defined on ``line``; a second definition is reported and False."""
        if value in seen:
            self.error(f"duplicate {kind} '{value}' (first defined on line {seen[value]})", key)
            return False
        seen[value] = line
        return True

    def key_lines(self, key: str) -> list[int]:
        """The line of each item of the list under ``key`` (or of the key, for a single one)."""
        value = self.node.get(key)
        lines = getattr(value, "item_lines", None)
        if lines is not None:
            return [line for line, item in zip(lines, value, strict=True) if _text_like(item)]
        return [self.node.line_of(key)]

    def within(self, key: str, kind: type[ContentModel]) -> Spot | None:
        """The mapping under ``key``, as a spot named like this item (or by ``kind``)."""
        node = self.node.get(key)
        if not isinstance(node, YMap):
            return None
        return Spot(self.problems, self.file, node, item_label(kind, node, self.item))


def _text_like(item: Any) -> bool:
    return not isinstance(item, dict | list) and item is not None


class ContentChecks:
    """What every part of validation shares: the content directory and the problems found."""

    def __init__(self, content_dir: Path, problems: Problems) -> None:
        self.dir = content_dir
        self.problems = problems
        self.grouping_word = "group"
        self.recommendation_heading = "Recommendation"
        """How a recommendation page's heading names it (the plan's own word)."""
        self.unreadable: set[str] = set()
        """Files reported as unreadable: references into them are not reported again."""
        self.release_lines: dict[str, int] = {}
        """Every release id defined, with its line, even where the rest of the release is bad."""

    # -- files -----------------------------------------------------------------------------

    def display(self, name: str) -> str:
        """How a content file is named in messages (characters that cannot be shown replaced)."""
        return cleaned(str(self.dir / name))

    def _path(self, name: str, required: bool) -> Path | None:
        path = self.dir / name
        display = self.display(name)
        if not path.exists():
            if path.is_symlink():
                message = f"is a link to {os.readlink(path)}, which does not exist"
                self.problems.add(display, None, None, message)
                self.unreadable.add(name)
                return None
            if required:
                self.problems.add(display, None, None, "required file is missing")
                self.unreadable.add(name)
            return None
        if not inside(self.dir, path):
            self.problems.add(display, None, None, "points outside the content directory")
            self.unreadable.add(name)
            return None
        return path

    def read(self, name: str, kind: type[M], required: bool = True) -> tuple[M, Spot] | None:
        """The file ``name`` read as a ``kind``, with its root spot; None if it cannot be read."""
        path = self._path(name, required)
        if path is None:
            return None
        display = self.display(name)
        data = load_yaml(path, display, self.problems)
        if data is None:
            self.unreadable.add(name)
            return None
        if not isinstance(data, YMap):
            self.problems.add(
                display, getattr(data, "line", 1), None, "expected a mapping of fields"
            )
            self.unreadable.add(name)
            return None
        model = read_model(kind, data, display, self.problems, self.grouping_word)
        return model, Spot(self.problems, display, data, None)

    def items(self, parent: Spot, key: str, models: tuple[I, ...]) -> Iterator[tuple[I, Spot]]:
        """Each item of the list under ``key`` written as a mapping, with its spot."""
        nodes = parent.node.get(key)
        if not isinstance(nodes, list):
            return
        for model, node in zip(models, nodes, strict=False):
            if isinstance(node, YMap):
                label = item_label(type(model), node, parent.item, grouping=self.grouping_word)
                yield model, Spot(self.problems, parent.file, node, label)

    def known(self, name: str) -> bool:
        """Whether references into ``name`` can be checked (it was read without problems)."""
        return name not in self.unreadable
