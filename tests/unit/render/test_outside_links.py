"""Markdown links out of a version's docs, readdressed for MkDocs as Zensical readdresses them."""

from __future__ import annotations

import markdown
import pytest

from generator.render.outside_links import OutsideLinks, published


@pytest.mark.parametrize(
    ("href", "src_uri", "url", "expected"),
    [
        # an index page is published in its own folder; any other page one folder further down
        (
            "../../2014-10/recommendations/8/#8.1",
            "changes/index.md",
            "changes/",
            "../../2014-10/recommendations/8/#8.1",
        ),
        (
            "../../2014-10/recommendations/8/#8.1",
            "changes/x.md",
            "changes/x/",
            "../../../2014-10/recommendations/8/#8.1",
        ),
        ("../2014-10/", "releases.md", "releases/", "../../2014-10/"),
        ("../feed.xml", "index.md", "", "../feed.xml"),
        ("../feed.xml", "index.md", "index.html", "../feed.xml"),
        (
            "../../feeds/recommendations/1.xml",
            "recommendations/1.md",
            "recommendations/1/",
            "../../../feeds/recommendations/1.xml",
        ),
        (
            "../../../2015-01/kpis/neet/",
            "embed/kpis/neet.md",
            "embed/kpis/neet/",
            "../../../../2015-01/kpis/neet/",
        ),
        ("../x/?a=1#b", "a.md", "a/", "../../x/?a=1#b"),
        # links inside the docs, to other hosts, absolute paths and anchors are left to MkDocs
        ("1.md#1.6", "recommendations/1.md", "recommendations/1/", None),
        ("../index.md", "recommendations/1.md", "recommendations/1/", None),
        ("https://example.org/", "index.md", "", None),
        ("/feed.xml", "index.md", "", None),
        ("#here", "index.md", "", None),
        ("mailto:a@example.org", "index.md", "", None),
    ],
)
def test_a_link_leaving_the_docs_is_made_relative_to_the_published_page(
    href, src_uri, url, expected
):
    assert published(href, src_uri, url) == expected


def test_without_mkdocs_the_extension_leaves_every_link_as_written():
    html = markdown.markdown(
        '[a](../../2014-10/) [b](../feed.xml){type="application/atom+xml"}',
        extensions=["attr_list", OutsideLinks()],
    )
    assert html == (
        '<p><a href="../../2014-10/">a</a> '
        '<a href="../feed.xml" type="application/atom+xml">b</a></p>'
    )
