"""The preview's rebuilds: which versions a change reaches, and the files a dirty build keeps."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from generator.content.validate import load_content
from generator.facts.derive import release_views
from generator.site.preview import SEARCH_INDEX, merge_search_index, preview_digests, sync, untitled
from tests.conftest import SMALL_PLAN

RELEASES = ["2014-06", "2014-10", "2015-01"]


def _digests(content: Path) -> dict[str, str]:
    loaded = load_content(content)
    views = release_views(loaded)
    return dict(zip(RELEASES, preview_digests(loaded, views, "shared"), strict=True))


@pytest.mark.parametrize(
    ("file", "old", "new", "reached"),
    [
        ("progress/2015-01.yaml", "checked by the board", "checked by the panel", ["2015-01"]),
        (
            "progress/2014-10.yaml",
            "Membership has increased",
            "Membership has grown",
            ["2014-10", "2015-01"],
        ),
        (
            "progress/2014-06.yaml",
            "1.2: {status: planned}",
            "1.2: {status: planned, narrative: Begun.}",
            RELEASES,
        ),
        (
            "progress/2014-10.yaml",
            "1.4: {status: on-track",
            "1.4: {status: completed",
            RELEASES[1:],
        ),
        ("releases.yaml", "title: January 2015", "title: Early 2015", RELEASES),
    ],
)
def test_a_change_reaches_the_versions_whose_pages_show_it(tmp_path, file, old, new, reached):
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    before = _digests(content)
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    after = _digests(content)
    assert [rid for rid in RELEASES if before[rid] != after[rid]] == reached


def test_a_narrative_two_releases_back_does_not_reach_a_version(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    releases = content / "releases.yaml"
    text = releases.read_text(encoding="utf-8")
    assert "  - id: 2015-01" in text
    progress = (content / "progress" / "2015-01.yaml").read_text(encoding="utf-8")
    (content / "progress" / "2015-03.yaml").write_text(progress, encoding="utf-8")
    text += "  - id: 2015-03\n    date: 2015-03-31\n    title: March 2015\n"
    releases.write_text(text, encoding="utf-8")
    loaded = load_content(content)
    before = preview_digests(loaded, release_views(loaded), "shared")
    path = content / "progress" / "2014-10.yaml"
    path.write_text(path.read_text().replace("has increased", "has grown"), encoding="utf-8")
    loaded = load_content(content)
    after = preview_digests(loaded, release_views(loaded), "shared")
    assert [b != a for b, a in zip(before, after, strict=True)] == [False, True, True, False]


def test_sync_rewrites_only_what_changed(tmp_path):
    source, target = tmp_path / "new", tmp_path / "kept"
    for root, files in ((target, {"a.md": "same", "b.md": "old", "gone.md": "x"}),):
        for name, text in files.items():
            (root / "sub").mkdir(parents=True, exist_ok=True)
            (root / "sub" / name).write_text(text)
    os.utime(target / "sub" / "a.md", ns=(1, 1))
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "a.md").write_text("same")
    (source / "sub" / "b.md").write_text("new")
    (source / "c.md").write_text("added")
    assert sync(source, target) == ["c.md", "sub/b.md"]
    assert (target / "sub" / "a.md").stat().st_mtime_ns == 1
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*.md")) == [
        "c.md",
        "sub/a.md",
        "sub/b.md",
    ]
    assert (target / "sub" / "b.md").read_text() == "new"


def test_untitled_lists_the_pages_the_navigation_names_without_a_title(tmp_path):
    config = tmp_path / "mkdocs.yml"
    nav = [{"Home": "index.md"}, {"Things": ["things/index.md", {"One": "things/1.md"}]}]
    config.write_text(json.dumps({"site_name": "x", "nav": nav}))
    assert untitled(config) == ["things/index.md"]


def _index(docs: list[str]) -> str:
    entries = [{"location": d, "title": d.upper(), "text": ""} for d in docs]
    return json.dumps({"config": {"lang": ["en"]}, "docs": entries}, separators=(",", ":"))


def test_the_search_index_keeps_every_page_and_takes_the_rebuilt_ones_entries(tmp_path):
    before = _index(["", "#intro", "a/", "a/#one", "a/#two", "b/", "b/#x"])
    (tmp_path / "search").mkdir()
    (tmp_path / SEARCH_INDEX).write_text(_index(["a/", "a/#three", "", "#new"]))
    merge_search_index(before, tmp_path)
    merged = json.loads((tmp_path / SEARCH_INDEX).read_text())
    assert [d["location"] for d in merged["docs"]] == ["", "#new", "a/", "a/#three", "b/", "b/#x"]


def test_sync_replaces_a_folder_that_became_a_file(tmp_path):
    source, target = tmp_path / "new", tmp_path / "kept"
    (target / "page").mkdir(parents=True)
    (target / "page" / "index.md").write_text("old")
    source.mkdir()
    (source / "page").write_text("now a file")
    assert sync(source, target) == ["page"]
    assert (target / "page").read_text() == "now a file"
