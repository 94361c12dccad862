"""Progress of long commands (``build``, ``validate``, ``import``, ``import-tracker``), on
stderr: a bar redrawn in place on a terminal, a line per step otherwise (a log, a CI job).

The first line is printed as the command starts, so that a long run never sits silent;
``--quiet`` silences it all. What a command reports as its result stays on stdout.
"""

from __future__ import annotations

import shutil
import sys
from types import TracebackType
from typing import TextIO

import click

from generator.content.strings import cleaned

QUIET_OPTION = click.option(
    "--quiet",
    "-q",
    is_flag=True,
    envvar="PROGRESS_SITE_QUIET",
    help="Print no progress while the command runs (or set PROGRESS_SITE_QUIET=1).",
)
BAR_CELLS = 24


class Progress:
    """Reports a command's progress: ``note`` for a phase, ``step`` for each item done."""

    def __init__(self, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.terminal = not quiet and self.stream.isatty()
        self._drawn = False

    def note(self, message: str) -> None:
        """A phase of the work: a line of its own, or the bar's text on a terminal."""
        if self.quiet:
            return
        message = cleaned(message)
        if self.terminal:
            self._draw(message)
        else:
            self._line(message)

    def step(self, done: int, total: int, message: str) -> None:
        """Item ``done`` of ``total`` is finished: ``[2/5] message`` or the bar, filled."""
        if self.quiet:
            return
        message = cleaned(message)
        if not self.terminal:
            self._line(f"[{done}/{total}] {message}")
            return
        filled = BAR_CELLS * done // total if total else BAR_CELLS
        bar = "#" * filled + "-" * (BAR_CELLS - filled)
        self._draw(f"[{bar}] {done}/{total} {message}")

    def close(self) -> None:
        """Clear the bar from the terminal, leaving the line for what follows."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def _draw(self, text: str) -> None:
        width = shutil.get_terminal_size((80, 24)).columns - 1
        if len(text) > width:
            text = text[: max(width - 1, 0)] + "…"
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()
        self._drawn = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
