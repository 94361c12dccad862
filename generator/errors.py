"""Problems found in content, and the exceptions that carry them to the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from generator.plurals import counted


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can."""

    file: str
    line: int | None
    item: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.item:
            return f"{where}: {self.item}: {self.message}"
        return f"{where}: {self.message}"


class Problems:
    """Collects every problem in one run instead of stopping at the first."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(self, file: str, line: int | None, item: str | None, message: str) -> None:
        self._items.append(Problem(file, line, item, message))

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):  # noqa: ANN204 - iterator of Problem
        return iter(self._items)

    def sorted(self) -> list[Problem]:
        """Problems in a stable order: by file, then line, then message."""
        return sorted(
            set(self._items), key=lambda p: (p.file, p.line or 0, p.item or "", p.message)
        )

    def raise_if_any(self) -> None:
        if self._items:
            raise ContentError(self.sorted())


class ProgressSiteError(Exception):
    """An error the user can act on; the CLI prints it without a traceback."""


class ContentError(ProgressSiteError):
    """The content has one or more problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        super().__init__(f"{counted(count, 'problem')} found in the content")

    @classmethod
    def from_messages(cls, file: str, messages: list[str]) -> ContentError:
        return cls([Problem(file, None, None, m) for m in messages])

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"Aborted: {self}.")
        return "\n".join(lines)


class BuildError(ProgressSiteError):
    """The site generator (MkDocs) failed for a release."""
