"""Texts people type in YAML keep their paragraphs and lists on the pages."""

from __future__ import annotations

import markdown

from generator.render.format import blockquote, brief, lists_after_text, markdown_block

EXTENSIONS = ["abbr", "attr_list", "md_in_html", "tables"]


def html(text: str) -> str:
    return markdown.markdown(str(markdown_block(text)), extensions=EXTENSIONS)


def test_a_list_directly_under_a_line_of_text_is_a_list():
    text = "Implement the review:\n- improve the referral process\n- tender support services"
    assert html(text) == (
        "<p>Implement the review:</p>\n<ul>\n<li>improve the referral process</li>\n"
        "<li>tender support services</li>\n</ul>"
    )


def test_numbered_lists_and_paragraphs_are_kept():
    text = "Take action to reduce risk.\n\nEnsure that all cases:\n1. are reviewed\n2. are closed\n"
    assert html(text) == (
        "<p>Take action to reduce risk.</p>\n<p>Ensure that all cases:</p>\n<ol>\n"
        "<li>are reviewed</li>\n<li>are closed</li>\n</ol>"
    )


def test_lines_inside_a_list_or_a_code_block_are_left_alone():
    assert lists_after_text("- one\n- two\ncontinued\n- three") == (
        "- one\n- two\ncontinued\n- three"
    )
    assert lists_after_text("```\ncode:\n- not a list\n```") == "```\ncode:\n- not a list\n```"
    assert lists_after_text("- a\n\nAfter the list:\n- b") == "- a\n\nAfter the list:\n\n- b"
    assert lists_after_text("Costs rose by\n-5 to 10") == "Costs rose by\n-5 to 10"


def test_hostile_text_in_a_list_stays_inert():
    text = "Do this:\n- <img src=x onerror=alert(1)>\n- [x](javascript:alert(1))\n- {++x++}"
    assert html(text) == (
        "<p>Do this:</p>\n<ul>\n<li>&lt;img src=x onerror=alert(1)&gt;</li>\n"
        "<li>[x](javascript:alert(1))</li>\n<li>&#123;++x++&#125;</li>\n</ul>"
    )


def test_a_quotation_keeps_every_paragraph_and_list_inside_it():
    quoted = blockquote(markdown_block("First.\n\nSecond:\n- a\n- b"))
    assert quoted == "> First.\n>\n> Second:\n>\n> - a\n> - b"
    assert markdown.markdown(str(quoted)) == (
        "<blockquote>\n<p>First.</p>\n<p>Second:</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
        "</blockquote>"
    )


def test_a_brief_is_the_opening_cut_at_a_word_with_an_ellipsis():
    text = "Ensure that " + "every child in care has a plan " * 10
    short = brief(text)
    assert short.startswith("Ensure that every child in care has a plan every")
    assert short.endswith(" …") and len(short) <= 142
    assert not short.removesuffix(" …").endswith(" ")
    assert brief("Audit the front door.") == "Audit the front door."
    assert brief("First paragraph.\n\nSecond paragraph.") == "First paragraph. …"
    assert brief("x" * 200) == "x" * 140 + " …"


def test_printed_texts_are_remembered_only_when_short():
    from generator.render import format as fmt

    fmt._printed.cache_clear()
    short, long = "Short <title>", "A long title " * 400
    assert fmt.finalize(short) == fmt.finalize(short) == "Short &lt;title&gt;"
    assert fmt.finalize(long) == fmt.escape_text(long)
    assert fmt._printed.cache_info().currsize == 1
