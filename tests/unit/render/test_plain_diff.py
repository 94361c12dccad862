"""``diff --format markdown`` is plain Markdown: no HTML, no entities, no CriticMarkup, and
hostile text in a narrative stays inert in any Markdown reader."""

from __future__ import annotations

import itertools
import re

import markdown
import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.content.validate import load_content
from generator.facts.words import word_diff
from generator.render.comparison import diff_markdown, diff_releases
from generator.render.format import critic_markup
from generator.render.plain import plain_block, plain_diff, plain_text
from tests.conftest import DEFAULT_CONTENT, REAL_PLAN, SMALL_PLAN

ENTITY = re.compile(r"&#?[A-Za-z0-9]+;")
HOSTILE = (
    "Done <img src=x onerror=alert(1)> &quot;q&quot; &#58; {++x++} {--y--} "
    "[x](javascript:alert(1)) ![i](https://x.org/i.png) <https://x.org> <script>s</script> "
    "[r]: https://evil.org *[R]: ruse <!-- c --> `<b>`"
)


def _readers(text: str) -> list[str]:
    """``text`` as HTML by Python-Markdown, and by a CommonMark reader where one is installed."""
    pages = [markdown.markdown(text)]
    try:
        from markdown_it import MarkdownIt
    except ImportError:  # pragma: no cover - installed with rich
        return pages
    return [*pages, MarkdownIt("commonmark").render(text)]


def _plain_everywhere(text: str) -> None:
    assert "<" not in text.replace("`<", "").replace("\\<", ""), "a tag outside code"
    assert not ENTITY.search(text), ENTITY.search(text)
    assert "{++" not in text and "{--" not in text


@pytest.mark.parametrize(
    "content", [DEFAULT_CONTENT, SMALL_PLAN, REAL_PLAN], ids=["content", "small", "real"]
)
def test_diff_of_the_shipped_content_has_no_html_entity_or_criticmarkup(content):
    loaded = load_content(content)
    ids = [r.id for r in loaded.releases]
    for old, new in itertools.permutations(ids, 2):
        text = diff_markdown(diff_releases(loaded, old, new))
        assert "<" not in text, (old, new)
        assert not ENTITY.search(text), (old, new, ENTITY.search(text))
        assert "{++" not in text and "{--" not in text and "++}" not in text
        assert text.startswith("# What changed since "), "no settings only the site reads"


def test_the_command_prints_plain_markdown():
    result = CliRunner().invoke(
        cli, ["diff", "2016-08", "2017-04", "--content", str(DEFAULT_CONTENT)]
    )
    assert result.exit_code == 0, result.output
    assert '<div class="ps-glance"' not in result.output and "&#58;" not in result.output
    assert "- **Status changes:** 0 improved, 0 worsened, 0 other\n" in result.output
    assert "**Added words are in bold**; ~~removed words are struck through~~." in (result.output)


def test_word_changes_are_struck_through_and_in_bold():
    segments = word_diff("The panel met in May.", "The panel met in June.")
    assert plain_diff(segments) == "The panel met in ~~May~~ **June**."
    assert critic_markup(segments) == "The panel met in {--May--}{++June++}."
    lists = plain_diff(word_diff("Intro.\n\n- one\n- two", "Intro.\n\n- one\n- two\n- three"))
    assert lists == "Intro.\n\n- one\n- two\n- **three**"
    assert plain_diff(word_diff("A *b* c", "A **b** c")) == "A *~~b~~ **\\*b\\**** c"


def test_a_rewritten_narrative_is_the_old_text_then_the_new():
    segments = word_diff("The panel met in May.", "The board will meet in June.")
    expected = (
        "**Before:**\n\n> The panel met in May.\n\n**Now:**\n\n> The board will meet in June."
    )
    assert plain_diff(segments) == expected
    # on the site, each label is one paragraph styled bold (fewer elements on a long page)
    assert critic_markup(segments) == (
        "Before:\n{: .ps-label }\n\n> The panel met in May.\n\n"
        "Now:\n{: .ps-label }\n\n> The board will meet in June."
    )


@pytest.mark.parametrize("render", [plain_block, plain_text], ids=["block", "text"])
def test_hostile_text_stays_inert_in_any_reader(render):
    text = render(HOSTILE)
    _plain_everywhere(text)
    for page in _readers(text):
        assert not re.search(r"<(img|script|ins|del|abbr|!--)", page), page
        assert 'href="javascript' not in page and 'href="https://evil' not in page
        assert "<a href" not in page or render is plain_block


def test_hostile_narratives_stay_inert_in_the_diff(small):
    small.replace(
        "progress/2015-01.yaml",
        "narrative: Numbers are now reported monthly, and checked by the board.",
        f"narrative: {HOSTILE!r}".replace("\\\\", "\\"),
    )
    text = diff_markdown(diff_releases(load_content(small.root), "2014-10", "2015-01"))
    _plain_everywhere(text)
    for page in _readers(text):
        assert not re.search(r"<(img|script|ins|del|!--)", page)
        assert 'href="javascript' not in page


def test_a_tag_among_added_words_stays_in_its_code_span():
    segments = word_diff(
        "The panel met in May and agreed the plan.",
        "The panel met in May <img src=x onerror=alert(1)> and agreed the plan.",
    )
    text = plain_diff(segments)
    assert text == "The panel met in May **`<img src=x onerror=alert(1)>`** and agreed the plan."
    for page in _readers(text):
        assert "<img" not in page, page
    backticks = plain_diff(word_diff("Met in May, as agreed.", "Met in May ``<b>`` x, as agreed."))
    assert backticks == "Met in May **\\`\\``<b>`\\`\\` x**, as agreed."
    for page in _readers(backticks):
        assert "<b>" not in page, page
