"""The type of the command line's directory options: a name the system cannot look up."""

from __future__ import annotations

import os
from typing import Any

import click


class LookedUpPath(click.Path):
    """A ``click.Path`` that also refuses a name the file system cannot look up at all (too
    long, a loop of links, a folder that cannot be searched) when the option is read, with
    the system's reason, instead of failing later part-way through a command."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        try:
            os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            pass  # a missing directory is reported by the command, in its own words
        except OSError as exc:
            name = click.format_filename(path)
            self.fail(f"{name!r} cannot be used ({exc.strerror})", param, ctx)
        return path
