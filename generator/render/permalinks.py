"""Section permalinks named for assistive technology, without a ``title`` tooltip.

The ``toc`` extension gives each heading a "¶" link with ``title="Permanent link"``.
Material mounts a JavaScript tooltip on every element with a ``title`` as the page opens:
on the printable report that is well over a hundred tooltips for one repeated phrase, and
the work delays the page's first meaningful paint on a phone. This extension, named in
mkdocs.yml after ``toc``, gives each permalink its name as ``aria-label`` instead, so
screen readers still announce it and no tooltip is mounted for it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

NAME = "Link to this section"
"""What a screen reader announces for a section's permalink."""


class _Name(Treeprocessor):
    """After ``toc`` (priority 5): each permalink named by ``aria-label``, not ``title``."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter("a"):
            if "headerlink" in (element.get("class") or "").split():
                element.attrib.pop("title", None)
                element.set("aria-label", NAME)


class Permalinks(Extension):
    """Runs after the ``toc`` extension's treeprocessor has added the permalinks."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        md.treeprocessors.register(_Name(md), "progress_site_permalinks", 4)


def makeExtension(**kwargs: Any) -> Permalinks:  # noqa: N802 - Python-Markdown's name
    return Permalinks(**kwargs)
