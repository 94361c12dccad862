"""Progress on stderr: a bar redrawn in place on a terminal, lines otherwise, none if quiet."""

from __future__ import annotations

import io

from generator.cli.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_lines_when_not_on_a_terminal():
    out = io.StringIO()
    with Progress(stream=out) as progress:
        progress.note("Checking the content in content")
        progress.step(1, 2, "Built release 2014-06")
        progress.step(2, 2, "Built release 2014-10")
    assert out.getvalue() == (
        "Checking the content in content\n"
        "[1/2] Built release 2014-06\n"
        "[2/2] Built release 2014-10\n"
    )


def test_a_bar_redrawn_in_place_on_a_terminal_then_cleared():
    out = Terminal()
    with Progress(stream=out) as progress:
        progress.note("Checking")
        progress.step(1, 4, "Built release a")
        progress.step(4, 4, "Built release d")
    assert out.getvalue() == (
        "\r\x1b[KChecking"
        "\r\x1b[K[######------------------] 1/4 Built release a"
        "\r\x1b[K[########################] 4/4 Built release d"
        "\r\x1b[K"
    )
    assert "\n" not in out.getvalue()


def test_quiet_prints_nothing_even_on_a_terminal():
    for out in (io.StringIO(), Terminal()):
        with Progress(quiet=True, stream=out) as progress:
            progress.note("Checking")
            progress.step(1, 1, "Built release a")
        assert out.getvalue() == ""


def test_what_is_shown_is_cleaned_of_control_characters():
    out = io.StringIO()
    Progress(stream=out).step(1, 1, "Built release \x1b[31mred")
    assert out.getvalue() == "[1/1] Built release \ufffd[31mred\n"
