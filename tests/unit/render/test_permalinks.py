"""Section permalinks carry an accessible name and no title, so no tooltip is mounted."""

from __future__ import annotations

import markdown

from generator.render.permalinks import Permalinks


def _html(text: str, **toc: object) -> str:
    return markdown.markdown(text, extensions=["toc", Permalinks()], extension_configs={"toc": toc})


def test_each_permalink_is_named_by_aria_label_and_has_no_title():
    html = _html("# Plan\n\n## Actions", permalink=True)
    assert html == (
        '<h1 id="plan">Plan<a aria-label="Link to this section" class="headerlink"'
        ' href="#plan">&para;</a></h1>\n'
        '<h2 id="actions">Actions<a aria-label="Link to this section" class="headerlink"'
        ' href="#actions">&para;</a></h2>'
    )


def test_other_links_keep_their_titles():
    html = _html('[Data](data.md "The open data")\n\n# Plan', permalink=True)
    assert '<a href="data.md" title="The open data">Data</a>' in html
    assert html.count("aria-label") == 1


def test_without_permalinks_nothing_is_added():
    assert _html("# Plan") == '<h1 id="plan">Plan</h1>'
