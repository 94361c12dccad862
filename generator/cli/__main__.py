"""``python -m generator.cli``: the same as the ``progress-site`` command."""

from generator.cli.commands import main

main()
