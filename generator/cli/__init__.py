"""The ``progress-site`` command line: one module a group of commands, and the one place where
errors become messages (``commands.ProgressSiteCli``)."""

from generator.cli.commands import cli, main

__all__ = ["cli", "main"]
