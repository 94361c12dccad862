"""A Markdown extension that lets wide tables be read as stacked rows on a phone.

Every data cell of a table with three or more columns is given its column's heading as a
``data-label`` attribute, and the table is marked ``data-stack``. On a narrow screen
``site_templates/assets/phones.css`` shows each row as a block in which every cell is
labelled with its heading (``content: attr(data-label)``), so nothing runs off the right edge
and no column is hidden. Two-column tables fit a phone as they are and are left alone.

The labels are plain text (tags, raw HTML and icons left out); the browser treats an
attribute's value as text, so a heading that reads like markup stays inert.
Used from mkdocs.yml as ``generator.render.stacked``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

MIN_COLUMNS = 3
"""Tables with fewer columns are not stacked."""

_STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")
"""Python-Markdown's placeholder for raw HTML kept aside (an entity, an icon, a tag)."""
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


def heading_text(cell: etree.Element, stashed: Sequence[object] = ()) -> str:
    """A heading cell's words, on one line: the text of raw HTML kept aside (``stashed``,
    Python-Markdown's ``htmlStash.rawHtmlBlocks``) without its tags, entities as characters."""

    def kept(found: re.Match[str]) -> str:
        index = int(found.group(1))
        raw = stashed[index] if index < len(stashed) else ""
        return html.unescape(_TAG.sub("", raw)) if isinstance(raw, str) else ""

    text = _STASHED.sub(kept, "".join(cell.itertext())).replace(AMP_SUBSTITUTE, "&")
    return _SPACES.sub(" ", text).strip()


def label_table(table: etree.Element, stashed: Sequence[object] = ()) -> bool:
    """Give each data cell of ``table`` its column's heading; False if the table is left as
    it is (fewer than three columns, or no heading row)."""
    head = table.find("thead/tr")
    if head is None:
        return False
    headings = [heading_text(cell, stashed) for cell in head if cell.tag in ("th", "td")]
    if len(headings) < MIN_COLUMNS:
        return False
    for row in table.iterfind("tbody/tr"):
        cells = [cell for cell in row if cell.tag in ("th", "td")]
        for heading, cell in zip(headings, cells, strict=False):
            if heading:
                cell.set("data-label", heading)
    table.set("data-stack", "")
    return True


class _Labels(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            label_table(table, self.md.htmlStash.rawHtmlBlocks)


class StackedTables(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # after the inline patterns (priority 20), so headings are text, not placeholders
        md.treeprocessors.register(_Labels(md), "ps_stacked_tables", 5)


def makeExtension(**kwargs: object) -> StackedTables:  # noqa: N802 (Python-Markdown's name)
    return StackedTables(**kwargs)
