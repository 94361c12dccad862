"""Strings the theme's JavaScript inserts as HTML are written escaped; nothing loads elsewhere."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import markdown
import yaml

from generator import BASE_MKDOCS_YML
from generator.content.validate import load_content
from generator.site.site_files import sitemap_index, versions_json
from tests.conftest import SMALL_PLAN


def test_version_titles_are_escaped_for_the_version_selector():
    content = load_content(SMALL_PLAN)
    hostile = '<img src=x onerror=alert(1)> &lt;b&gt; "q"'
    newest = content.releases[-1].model_copy(update={"title": hostile, "draft": True})
    content = replace(content, releases=(*content.releases[:-1], newest))
    assert versions_json(content)[0] == {
        "version": "2015-01",
        "title": "&lt;img src=x onerror=alert(1)&gt; &amp;lt;b&amp;gt; &quot;q&quot; (draft)",
        "aliases": ["latest"],
    }


def test_the_root_sitemap_indexes_every_version():
    content = load_content(SMALL_PLAN)
    root = ET.fromstring(sitemap_index(content))
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert root.tag == f"{namespace}sitemapindex"
    assert [e.text for e in root.iter(f"{namespace}loc")] == [
        "2015-01/sitemap.xml",
        "2014-10/sitemap.xml",
        "2014-06/sitemap.xml",
    ]
    addressed = replace(
        content, site=content.site.model_copy(update={"url": "https://a.example/p/"})
    )
    assert "<loc>https://a.example/p/2015-01/sitemap.xml</loc>" in sitemap_index(addressed)


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:",
    lambda loader, suffix, node: __import__(suffix.rsplit(".", 1)[0], fromlist=["x"]).__dict__[
        suffix.rsplit(".", 1)[1]
    ],
)


def test_emoji_are_never_images_from_another_host():
    config = yaml.load(Path(BASE_MKDOCS_YML).read_text(), Loader=_Loader)  # noqa: S506
    emoji = next(
        e["pymdownx.emoji"] for e in config["markdown_extensions"] if "pymdownx.emoji" in e
    )
    html = markdown.markdown(
        ":smile: :material-alert: :fontawesome-brands-github:",
        extensions=["pymdownx.emoji"],
        extension_configs={"pymdownx.emoji": emoji},
    )
    assert not re.search(r"<img\b|(?:src|href)=", html)
    assert "\U0001f604" in html  # the character itself
    assert html.count("<svg") == 2  # the theme's icons, inline
