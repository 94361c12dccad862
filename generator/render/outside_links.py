"""Markdown links out of a version's pages (to other versions, to the site's feeds), for MkDocs.

The generated Markdown links to files above the version's docs/ as Markdown links, relative
to the Markdown file (``[Open this release](../2014-10/)`` on releases.md), as it links to
its own pages: both engines read them the same way. Zensical turns every such link into one
relative to the published page, as it does any link. MkDocs does so only for links to files
among the docs, and reports the others as not found (a failure in strict mode).

This extension, named in mkdocs.yml, does for MkDocs what Zensical does: while MkDocs' own
link processing runs (its ``relpath`` treeprocessor), a link leaving the docs is set aside
with its address already made relative to the published page, then put back. Under any
other engine (no ``relpath`` processor) it does nothing.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

ASIDE = "progress-site-outside-link"
"""The tag a link leaving the docs carries while MkDocs' own link processing runs."""


def published(href: str, src_uri: str, url: str) -> str | None:
    """``href``, written relative to the Markdown file ``src_uri``, relative to the page
    published at ``url`` instead; None if it is not a relative link leaving the docs."""
    scheme, netloc, path, query, fragment = urlsplit(href)
    if scheme or netloc or not path or path.startswith("/"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    if not target.startswith("../"):
        return None
    page_dir = url if url.endswith("/") else posixpath.dirname(url)
    depth = len([part for part in page_dir.split("/") if part not in ("", ".")])
    relative = "../" * depth + target + ("/" if path.endswith("/") else "")
    return urlunsplit(("", "", relative, query, fragment))


class _SetAside(Treeprocessor):
    """Before MkDocs' ``relpath``: a link leaving the docs, readdressed and set aside."""

    def run(self, root: etree.Element) -> None:
        if "relpath" not in self.md.treeprocessors:
            return  # not MkDocs
        file = getattr(self.md.treeprocessors["relpath"], "file", None)
        if file is None:
            return
        for element in root.iter("a"):
            href = element.get("href")
            readdressed = published(href, file.src_uri, file.url) if href else None
            if readdressed is not None:
                element.set("href", readdressed)
                element.tag = ASIDE


class _PutBack(Treeprocessor):
    """After MkDocs' ``relpath``: the links set aside are links again."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter(ASIDE):
            element.tag = "a"


class OutsideLinks(Extension):
    """Around MkDocs' ``relpath`` (priority 0, registered by MkDocs after the extensions)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        md.treeprocessors.register(_SetAside(md), "progress_site_set_aside", 0.5)
        md.treeprocessors.register(_PutBack(md), "progress_site_put_back", -0.5)


def makeExtension(**kwargs: Any) -> OutsideLinks:  # noqa: N802 - Python-Markdown's name
    return OutsideLinks(**kwargs)
