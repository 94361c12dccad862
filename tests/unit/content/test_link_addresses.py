"""Links in Markdown text and web addresses: refused where they are read when no browser could
open them, and never able to fail a build when shown."""

import html
import re
import urllib.parse

import markdown
import pytest

from generator.content.mdlinks import destinations, link_problem
from generator.render.format import markdown_block

BAD_LINKS = [
    "Done, see [evidence](https://[zz/)",
    "[a](https://ofsted.gov.uk]/x)",
    "[a](<https://[zz>)",
    "[a](http://x:99999/)",
    "[a](https:///path)",
    "[a](//[zz)",
    "[a](https://exa\uff03mple.com/)",
    "[a](https://[::1/x 'title')",
]
SHOWN_AS_TYPED = [
    *BAD_LINKS,
    "![image](https://[zz/)",
    "<https://[x>",
    "[a][r]\n\n[r]: https://[zz/",
    "[a]\n\n[a]: <https://[zz/>",
    "[x](javascript:alert(1))",
]


def _hrefs(text: str) -> list[str]:
    """Every address Python-Markdown writes into a page for ``text``, as MkDocs reads it."""
    page = markdown.Markdown(extensions=["abbr", "attr_list", "md_in_html", "tables"]).convert(
        str(markdown_block(text))
    )
    return [html.unescape(url) for url in re.findall(r'(?:href|src)="([^"]*)"', page)]


def test_the_address_of_a_link_is_read_as_the_markdown_engine_reads_it():
    text = "[a](https://x.org/(b)) [c]( <https://y.org/d e> ) [f](https://z.org 'title')"
    assert list(destinations(text)) == ["https://x.org/(b)", "https://y.org/d e", "https://z.org"]


def test_a_link_no_browser_could_open_is_refused_with_its_address():
    assert link_problem("Done, see [evidence](https://[zz/)") == (
        "the link to 'https://[zz/' cannot be opened (Invalid IPv6 URL): correct the address, "
        "or write it without the [text](address) link"
    )
    assert link_problem("[a](https:///path)") == (
        "the link to 'https:///path' cannot be opened (it has no host name): correct the "
        "address, or write it without the [text](address) link"
    )
    assert all(link_problem(text) for text in BAD_LINKS)
    for good in ("[a](https://x.org/(b))", "[a](mailto:a@b.org)", "[a](https://[::1]/)", "a]("):
        assert link_problem(good) is None


@pytest.mark.parametrize("text", SHOWN_AS_TYPED)
def test_a_page_never_links_to_an_address_that_cannot_be_read(text):
    for url in _hrefs(text):
        assert urllib.parse.urlsplit(url).port is None  # MkDocs splits every link: no raise
        assert url.startswith(("https://", "http://", "mailto:")), url


def test_a_good_link_is_still_a_link():
    assert _hrefs("See [the report](https://example.gov.uk/a_(b) 'Report').") == [
        "https://example.gov.uk/a_(b)"
    ]


def test_validate_names_the_file_and_line_of_a_bad_link_in_a_narrative(small):
    line = small.replace(
        "progress/2015-01.yaml",
        "narrative: Numbers are now reported monthly, and checked by the board.",
        "narrative: 'Done, see [evidence](https://[zz/)'",
    )
    problems = small.problems()
    assert problems == [
        f"content/progress/2015-01.yaml:{line}: action 1.4: field 'narrative': the link to "
        "'https://[zz/' cannot be opened (Invalid IPv6 URL): "
        "correct the address, or write it without the [text](address) link"
    ]


def test_an_assessment_address_with_a_stray_bracket_is_a_clean_message(small):
    text = small.text("progress/2015-01.yaml")
    assert "assessments:" in text
    small.write(
        "progress/2015-01.yaml",
        text.replace(
            "assessments:\n",
            "assessments:\n  - {recommendation: 8, body: Ofsted, date: 2015-01-20, verdict: x,"
            " url: 'https://[ofsted.gov.uk/r'}\n",
        ),
    )
    line = text[: text.index("assessments:\n")].count("\n") + 2
    assert small.problems() == [
        f"content/progress/2015-01.yaml:{line}: assessment of recommendation 8: field 'url': "
        "'https://[ofsted.gov.uk/r' is not an address a browser can open: check its host name, "
        "and remove any [ or ] around it"
    ]


def test_a_description_with_such_a_link_is_one_problem_not_also_an_empty_field(small):
    line = small.replace(
        "plan.yaml",
        "description: Develop a police protection strategy and revise the protocol.",
        "description: 'Develop a [strategy](https://[zz/).'",
    )
    assert small.problems() == [
        f"content/plan.yaml:{line}: action 1.2: field 'description': the link to "
        "'https://[zz/' cannot be opened (Invalid IPv6 URL): correct the address, or write "
        "it without the [text](address) link"
    ]
