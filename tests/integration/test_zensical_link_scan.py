"""Every page of the fixture plans and the shipped plan, scanned for links with the stepping
cursor (``site.zensical_cursor``), gives what Zensical's own scan gives."""

from __future__ import annotations

import pytest

from generator.content.validate import load_content
from generator.facts.derive import release_views
from generator.render.pages import release_pages, write_pages
from generator.render.template import environment
from generator.site.zensical_cursor import stepping_references
from tests.conftest import DEFAULT_CONTENT, REAL_PLAN, SMALL_PLAN

references = pytest.importorskip("zensical.collectors.references")


@pytest.mark.parametrize(
    "content", [SMALL_PLAN, REAL_PLAN, SMALL_PLAN.parent / "strategic-plan", DEFAULT_CONTENT]
)
def test_every_page_is_scanned_alike(content, tmp_path):
    stepping = stepping_references(references.references)
    assert stepping is not references.references
    views = release_views(load_content(content))
    view, docs = views[-1], tmp_path / "docs"
    write_pages(view, docs, environment(), release_pages(view, views[:-1]))
    pages = [p.read_bytes() for p in sorted(docs.rglob("*.md"))]
    found = 0
    for page in pages:
        theirs = list(references.references(page))
        assert list(stepping(page)) == theirs
        found += len(theirs)
    assert len(pages) > 20 and found > 3 * len(pages)
