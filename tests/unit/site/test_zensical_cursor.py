"""Zensical's link scan with a cursor that steps over plain text (``site.zensical_cursor``)
finds exactly what Zensical's own scan finds, and is used only on the scan it was read
against."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site import zensical_cursor

references = pytest.importorskip("zensical.collectors.references")
stepping = zensical_cursor.stepping_references(references.references)

SAMPLES = [
    b"",
    b"plain text only",
    b'# Title {#top}\n\nSee [the plan](plan.md#goals "Goals") and ![a chart](charts/k.svg).\n',
    b'text <https://example.org> and <a href="raw.md">raw</a> and [[wiki]].\n',
    b"A [reference link][ref] and a footnote.[^note]\n\n[ref]: ../other.md\n"
    b"[^note]: Said at the board, on\n    two lines with [a link](x.md).\n",
    b"*[ABC]: A B C\n  * [ ] task\n- [x] done [link](y.md)\n+ item\n",
    b"```\n[not](a.md)\n```\ntext `[code](b.md)` $[m](c.md)$ {{ [j](d.md) }}\n",
    b"~~~\n[x](e.md)\n~~~\n\\[escaped](f.md) \\(m\\) text\r\n[crlf](g.md)\r[cr](h.md)\n",
    b"<div markdown>\n<a href='i.md'>i</a>\n<!-- [c](j.md) -->\n</div>\n\ntext [k](k.md)\n",
    b'   [indented]: l.md\n\t[tab](m.md) !not an image [n](n.md)!\n--8<-- "snip.md"\n',
    b"| a | b |\n| --- | --- |\n| [o](o.md) | <span>[p](p.md)</span> |\n",
    "Unicode \u00e9 [caf\u00e9](caf\u00e9.md) \u2014 <b>[q](q.md)</b>\n".encode(),
]

_PIECES = st.sampled_from(
    [
        "[",
        "]",
        "(",
        ")",
        "!",
        "<",
        ">",
        "`",
        "```",
        "~~~",
        "$",
        "$$",
        "{",
        "}",
        "{{",
        "\\",
        "*",
        "-",
        "+",
        "^",
        ":",
        "\n",
        "\r",
        "\r\n",
        " ",
        "    ",
        "\t",
        "a",
        "word",
        "x.md",
        "#",
        '"',
        "'",
        "|",
        '<a href="y.md">',
        "</a>",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "https://e.org",
        "[//]: #",
        "--8<--",
        "*[",
        "[^",
        "[[",
        "]]",
        "é",
        "\u2028",
    ]
)


def _both(data: bytes, shift: int = 0) -> tuple[list[object], list[object]]:
    return list(references.references(data, shift)), list(stepping(data, shift))


def test_the_cursor_is_used_on_the_scan_it_was_read_against():
    assert stepping is not references.references


@pytest.mark.parametrize("data", SAMPLES)
def test_what_each_sample_holds_is_found_alike(data):
    theirs, ours = _both(data)
    assert ours == theirs
    assert _both(data, 17)[1] == list(references.references(data, 17))


def test_the_samples_hold_links_of_every_kind():
    kinds = {type(r).__name__ for data in SAMPLES for r in references.references(data)}
    assert kinds >= {"Link", "LinkReference", "LinkDefinition", "FootnoteReference"}


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join), st.integers(0, 40))
def test_any_markdown_is_scanned_alike(text, shift):
    theirs, ours = _both(text.encode("utf-8", "surrogatepass"), shift)
    assert ours == theirs


def test_another_scan_is_used_as_it_is():
    def scan(markdown: bytes, shift: int = 0) -> list[object]:
        return []

    assert zensical_cursor.stepping_references(scan) is scan


@pytest.mark.parametrize("module", sorted(zensical_cursor.READ_AGAINST))
def test_another_version_of_either_module_is_used_as_it_is(monkeypatch, module):
    changed = {**zensical_cursor.READ_AGAINST, module: "0" * 64}
    monkeypatch.setattr(zensical_cursor, "READ_AGAINST", changed)
    own = importlib.import_module("zensical.collectors.references").references
    assert zensical_cursor.stepping_references(own) is own


@pytest.mark.parametrize("given", ["[a](b.md)", memoryview(b"[a](b.md)")])
def test_what_is_not_bytes_is_scanned_as_zensical_scans_it(given):
    assert list(stepping(given)) == list(references.references(given))
