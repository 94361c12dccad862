import pytest

from generator.content.model import Meaning, StatusDef
from generator.content.validate import load_content
from generator.facts.derive import release_view
from generator.render.format import (
    escape_text,
    format_change,
    format_number,
    markdown_block,
    status_badge,
)
from generator.render.pages import nav, render_release
from generator.render.urls import page_url
from tests.conftest import SMALL_PLAN


def test_escape_text_shows_markup_literally():
    assert escape_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert (
        escape_text("*bold* [x](y) {{ a }}") == "\\*bold\\* \\[x\\](y) &#123;&#123; a &#125;&#125;"
    )
    # CriticMarkup is recognised even after a backslash, inside attributes too
    assert escape_text("{++a++} x ++}") == "&#123;++a++&#125; x ++&#125;"
    assert escape_text("| a_b `c`") == "\\| a\\_b \\`c\\`"


def test_escape_text_escapes_block_syntax_only_at_the_start():
    assert escape_text("1. Not a list") == "1\\. Not a list"
    assert escape_text("2) Nor this") == "2\\) Nor this"
    assert escape_text("- no") == "\\- no"
    assert escape_text("# no") == "\\# no"
    assert escape_text("Action 1.4 (red) - 50% + more #1") == "Action 1.4 (red) - 50% + more #1"
    assert escape_text(", ") == ", "
    assert escape_text("a\n\n  b") == "a b"
    assert escape_text(":smile:") == "&#58;smile&#58;"


def test_markdown_block_keeps_markdown_but_escapes_html():
    assert markdown_block("**yes** <img src=x onerror=alert(1)>") == (
        "**yes** &lt;img src=x onerror=alert(1)&gt;"
    )
    assert markdown_block("{% raw %}") == "&#123;% raw %&#125;"


def test_status_is_a_word_and_an_icon():
    badge = status_badge(StatusDef(id="red", label="Red (off track)", meaning=Meaning.OFF_TRACK))
    assert "Red (off track)" in badge
    assert '<span class="ps-icon ps-icon--close-octagon" aria-hidden="true"></span>' in badge
    assert 'class="ps-status ps-status--off-track"' in badge


def test_number_formatting():
    assert format_number(1864.0, "count") == "1,864"
    assert format_number(28.5, "%") == "28.5%"
    assert format_number(3.0, "days") == "3 days"
    assert format_change(-40.0) == "−40"
    assert format_change(2.0, "%") == "+2%"
    assert format_change(0.0) == "no change"


def test_page_urls():
    assert page_url("index.md") == ""
    assert page_url("pillars/index.md") == "pillars/"
    assert page_url("recommendations/13-14.md") == "recommendations/13-14/"


def test_rendered_pages(tmp_path):
    view = release_view(load_content(SMALL_PLAN), "2015-01")
    written = render_release(view, tmp_path)
    assert "recommendations/13-14.md" in written and "pillars/aip-9.md" in written
    rec = (tmp_path / "recommendations/1.md").read_text()
    assert "### Action 1.4 { #1.4 }" in rec
    assert "**Overdue**: past its due date and not complete" in rec
    assert "Reason given: Repetition of action 1.4 and has been removed." in rec
    home = (tmp_path / "index.md").read_text()
    assert "[Police protection](pillars/aip-1.md)" in home
    assert "**Overdue actions&#58;**" not in home and "**Overdue actions:**" in home
    kpi = (tmp_path / "kpis/neet.md").read_text()
    assert "**Target:** 28% by 31 March 2015" in kpi


def test_nav_is_hierarchical():
    view = release_view(load_content(SMALL_PLAN), "2015-01")
    sections = [next(iter(item)) for item in nav(view)]
    assert sections == [
        "Home",
        "What changed",
        "Areas for improvement",
        "Recommendations",
        "KPIs",
        "Leads",
        "Independent assessments",
        "Printable report",
        "How progress is judged",
        "Data",
        "Glossary",  # every site explains the acronyms of its own pages
        "Releases",
        "Accessibility",
    ]
    first = release_view(load_content(SMALL_PLAN), "2014-06")
    assert "What changed" not in [next(iter(item)) for item in nav(first)]
    assert "Independent assessments" not in [next(iter(item)) for item in nav(first)]


def test_critic_markup_marks_words_and_keeps_blocks_whole():
    from generator.facts.words import word_diff
    from generator.render.format import critic_markup

    assert critic_markup(word_diff("Numbers are reported.", "Numbers are reported monthly.")) == (
        "Numbers are reported {++monthly++}."
    )
    lists = critic_markup(word_diff("Intro.\n\n- one\n- two", "Intro.\n\n- one\n- two\n- three"))
    assert lists == "Intro.\n\n- one\n- two\n- {++three++}"
    # Markdown syntax inside a change is shown literally, so it cannot unbalance the page
    assert critic_markup(word_diff("A *b* c", "A **b** c")) == "A *{--b--}{++\\*b\\*++}* c"


def test_critic_markup_shows_a_rewrite_as_two_blocks():
    from generator.facts.words import word_diff
    from generator.render.format import critic_markup

    rewrite = critic_markup(word_diff("Old text.", "New words!"))
    assert rewrite == (
        "Before:\n{: .ps-label }\n\n> Old text.\n\nNow:\n{: .ps-label }\n\n> New words!"
    )
    # less than half of the old words kept: still the old text, then the new
    half = critic_markup(word_diff("The panel met in May.", "The board will meet in June."))
    assert half == (
        "Before:\n{: .ps-label }\n\n> The panel met in May.\n\n"
        "Now:\n{: .ps-label }\n\n> The board will meet in June."
    )
    kept = critic_markup(word_diff("The panel met in May.", "The panel met in June."))
    assert kept == "The panel met in {--May--}{++June++}."
    assert critic_markup(word_diff("", "New.")) == "Now:\n{: .ps-label }\n\n> New."


def test_critic_markup_cannot_be_injected():
    from generator.facts.words import word_diff
    from generator.render.format import critic_markup

    marked = critic_markup(word_diff("Safe.", "Safe. {--x--} <b>y</b>"))
    assert "{--x--}" not in marked and "<b>" not in marked
    assert "&#123;--x--&#125;" in marked and "&lt;b&gt;" in marked


def test_changes_pages_and_history(tmp_path):
    from generator.facts.derive import release_views

    views = release_views(load_content(SMALL_PLAN))
    written = render_release(views[2], tmp_path, earlier=views[:2])
    assert "changes/index.md" in written and "changes/baseline.md" in written
    changes = (tmp_path / "changes/index.md").read_text()
    # comparisons are left out of the search, so that a search lands on the current wording
    assert changes.startswith(
        "---\nsearch:\n  exclude: true\ntoc_depth: 2\n---\n# What changed since October 2014\n"
    )
    assert (
        "- **[Action 8.1](../recommendations/8.md#8.1)** "
        "([as at Oct\u00a02014](../../2014-10/recommendations/8/#8.1))"
    ) in changes
    assert "Membership has increased from {--7--}{++9++} to {--9--}{++12 — the council’s" in changes
    baseline = (tmp_path / "changes/baseline.md").read_text()
    assert baseline.startswith(
        "---\nsearch:\n  exclude: true\ntoc_depth: 2\n---\n# What changed since the first"
    )
    assert "**January 2015** (31 January 2015) compared with **June 2014**" in baseline
    home = (tmp_path / "index.md").read_text()
    assert (
        "**[What changed since October 2014](changes/index.md)**: 1 status change, "
        "1 action not rated in this report, 1 newly overdue"
    ) in home
    assert "- **Not rated:** 1 action not rated in this report\n" in changes
    assert "## Not rated\n\n1 action not rated in this report." in changes
    assert "- **Status changes:** 1 improved, 0 worsened, 0 other\n" in changes
    rec = (tmp_path / "recommendations/1.md").read_text()
    assert "## Status history" in rec
    assert (
        "| [1.6](1.md#1.6) | "
        "[Jun\u00a02014 – Oct\u00a02014](../../2014-06/recommendations/1/#1.6): "
    ) in rec
    first = render_release(views[0], tmp_path / "first", earlier=[])
    assert "changes/index.md" not in first
    assert "## Status history" not in (tmp_path / "first/recommendations/1.md").read_text()


def test_narratives_keep_web_links_only():
    text = (
        "[a](https://ofsted.gov.uk) [b](javascript:alert(1)) [c](java\tscript:x) "
        "[d](../kpis/x.md) ![i](data:image/png;base64,AA) [e](mailto:a@b.org)"
    )
    assert markdown_block(text) == (
        "[a](https://ofsted.gov.uk) [b]\\(javascript:alert(1)) [c]\\(java\tscript:x) "
        "[d]\\(../kpis/x.md) \\![i]\\(data:image/png;base64,AA) [e](mailto:a@b.org)"
    )
    assert (
        markdown_block("[x][1]\n[1]: javascript:alert(1)") == "[x][1]\n\\[1\\]: javascript:alert(1)"
    )
    assert markdown_block("*[MASH]: Wrong") == "*\\[MASH\\]: Wrong"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # reference definitions, whatever their destination, wherever they are
        ("[x]: https://a.example/ 'T'", "\\[x\\]: https://a.example/ 'T'"),
        ("- item\n\n    [x]: javascript:alert(1)", "- item\n\n    \\[x\\]: javascript:alert(1)"),
        ("> [x] : https://a.example/", "&gt; \\[x\\] : https://a.example/"),
        (
            "1. a\n   * b\n     [x]:\n     javascript:x",
            "1. a\n   * b\n     \\[x\\]:\n     javascript:x",
        ),
        # abbreviation definitions
        (
            "- *[HTML]: <img src=x onerror=alert(1)>",
            "- *\\[HTML\\]: &lt;img src=x onerror=alert(1)&gt;",
        ),
        ("text\n\t*[A\nB]:x", "text\n\t*\\[A\nB\\]:x"),
        # an abbreviation's label may hold "]": the one before the colon is escaped too
        ("*[a]b]: <b>x</b>\n\na]b", "*[a]b\\]: &lt;b&gt;x&lt;/b&gt;\n\na]b"),
        ("*[a]\nb] : x", "*[a]\nb\\] : x"),
        # already escaped brackets stay escaped; an escaped backslash does not escape one
        ("\\[x]: y", "\\[x\\]: y"),
        ("\\\\[x]: y", "\\\\\\[x\\]: y"),
        # images become links to the image, which are not loaded
        ("![x](https://evil.example/x.png)", "\\![x](https://evil.example/x.png)"),
        ("- ![x][y]", "- \\![x][y]"),
    ],
)
def test_narratives_cannot_define_references_abbreviations_or_load_images(source, expected):
    assert markdown_block(source) == expected


def test_defined_things_in_narratives_are_shown_as_text_by_markdown():
    import markdown

    text = markdown_block(
        "[go][x] ABBR ![i](https://evil.example/i.png)\n\n- a\n\n    [x]: javascript:alert(1)"
        "\n\n    *[ABBR]: <b>bold</b>\n\n*[a]b]: <b>bold</b>\n\na]b"
    )
    html = markdown.markdown(str(text), extensions=["abbr", "attr_list", "md_in_html"])
    assert "<abbr" not in html and "<img" not in html and "javascript:alert(1)</p>" in html
    assert 'href="javascript' not in html
    assert '<a href="https://evil.example/i.png">i</a>' in html


def test_nav_marks_withdrawn_and_merged_recommendations(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    plan = content / "plan.yaml"
    text = plan.read_text()
    plan.write_text(
        text.replace(
            "Combined with recommendation 13.\n      merged_into: 13/14\n", "No longer needed.\n"
        )
    )
    view = release_view(load_content(content), "2015-01")
    recs = next(item["Recommendations"] for item in nav(view) if "Recommendations" in item)
    titles = [next(iter(r)) for r in recs[1:]]
    assert titles == [
        "1: Ensure that sufficient checks and enquiries are …",
        "8: Increase consultation arrangements and …",
        "13: Improve the stability of placements. (merged)",
        "14: Improve the sufficiency of placements. (withdrawn)",
        "13/14: Improve the stability and sufficiency of …",
    ]


def test_recommendation_texts_descriptions_and_outcomes_keep_paragraphs_and_lists(tmp_path):
    import shutil

    import markdown

    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    plan = content / "plan.yaml"
    text = plan.read_text()
    text = text.replace(
        "text: Ensure that sufficient checks and enquiries are undertaken before any unplanned"
        " removal of children from their families.",
        "text: |\n      Ensure that checks are made.\n\n      Before any removal:\n"
        "      - check records\n      - consult the police",
    )
    text = text.replace(
        "description: Develop a police protection strategy and revise the protocol.",
        "description: |\n          Develop a strategy:\n          - revise the protocol\n"
        "          - train staff",
    )
    text = text.replace(
        "outcome: Significant reduction in police protection.",
        "outcome: |\n          Fewer cases.\n\n          Measured by:\n          - audits",
    )
    plan.write_text(text)
    render_release(release_view(load_content(content), "2015-01"), tmp_path / "docs")
    page = (tmp_path / "docs/recommendations/1.md").read_text()
    html = markdown.markdown(page, extensions=["admonition", "attr_list", "md_in_html"])
    assert (
        "<blockquote>\n<p>Ensure that checks are made.</p>\n<p>Before any removal:</p>\n<ul>\n"
        "<li>check records</li>\n<li>consult the police</li>\n</ul>\n</blockquote>"
    ) in html
    assert (
        "<p>Develop a strategy:</p>\n<ul>\n<li>revise the protocol</li>\n"
        "<li>train staff</li>\n</ul>\n</div>" in html
    )
    assert (
        "<li>\n<p><strong>Outcome and evidence:</strong> Fewer cases.</p>\n<p>Measured by:</p>\n"
        "<ul>\n<li>audits</li>\n</ul>\n</li>"
    ) in html


def _home_with_site(tmp_path, old: str, new: str) -> str:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    site = content / "site.yaml"
    site.write_text(site.read_text().replace(old, new))
    render_release(release_view(load_content(content), "2015-01"), tmp_path / "docs")
    return (tmp_path / "docs/index.md").read_text()


def test_home_states_a_judgement_only_when_the_content_gives_one(tmp_path):
    home = _home_with_site(tmp_path / "given", "", "")
    assert "**What was found:** Ofsted judged the services **Requires improvement** (30 May" in home
    assert "on 30 May 2014. Overall judgement: **Requires improvement**." in home
    home = _home_with_site(tmp_path / "none", "  judgement: Requires improvement\n", "")
    assert "**What was found:** see below." in home
    assert "judge" not in home and "improvement**" not in home
    assert "Ofsted published *Single inspection" in home


def test_home_without_an_inspection_says_nothing_about_one(tmp_path):
    start = "inspection:\n"
    end = "  findings: Ofsted set out areas for improvement.\n"
    import re

    site = (SMALL_PLAN / "site.yaml").read_text()
    block = re.search(re.escape(start) + r".*?" + re.escape(end), site, re.S)[0]
    home = _home_with_site(tmp_path, block, "")
    assert "judge" not in home and "Ofsted" not in home
    assert "inspection" not in home.lower() and "What was found" not in home
    assert "About this plan" not in home  # neither purpose nor period was given
    recs = (tmp_path / "docs/recommendations/index.md").read_text()
    assert "The plan has 5 recommendations." in recs
