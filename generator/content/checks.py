"""The shared machinery of content validation: reading files and remembering which failed."""

from __future__ import annotations

import os
from pathlib import Path

from generator.content.fields import Fields
from generator.content.load import YMap, inside, load_yaml
from generator.content.model import (
    Meaning,
    Polarity,
)
from generator.content.strings import cleaned
from generator.errors import Problems

MEANINGS = tuple(m.value for m in Meaning)
POLARITIES = tuple(p.value for p in Polarity)


def _known(ids: list[str] | tuple[str, ...]) -> str:
    return ", ".join(ids) if ids else "none defined"


class ContentChecks:
    """What every part of validation shares: the content directory and the problems found."""

    def __init__(self, content_dir: Path, problems: Problems) -> None:
        self.dir = content_dir
        self.problems = problems
        self.grouping_word = "group"
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

    def yaml_root(self, name: str, required: bool = True) -> Fields | None:
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
        return Fields(self.problems, display, data, None)

    def known(self, name: str) -> bool:
        """Whether references into ``name`` can be checked (it was read without problems)."""
        return name not in self.unreadable
