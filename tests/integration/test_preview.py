"""The preview's rebuilds: a saved narrative rebuilds the versions it reaches, and in them
only the pages whose Markdown changed; the result is the site a full build makes."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from generator.site.build import BuildResult, build_site
from generator.site.preview import Preview
from tests.conftest import SMALL_PLAN

MANIFEST = ".progress-site-cache.json"  # the preview keys its versions by finer digests


def state(root: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p.relative_to(root)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def digests(root: Path) -> dict[str, str]:
    return {path: digest for path, (digest, _) in state(root).items()}


def edit(content: Path, release: str, old: str, new: str) -> None:
    path = content / "progress" / f"{release}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_narrative_rebuilds_its_release_and_the_pages_it_changed(tmp_path):
    content, site = tmp_path / "content", tmp_path / "site"
    shutil.copytree(SMALL_PLAN, content)
    preview = Preview(tmp_path / "work")

    def refresh() -> BuildResult:
        return build_site(content, site, drafts=True, preview=preview)

    first = refresh()
    assert [b.id for b in first.releases] == ["2014-06", "2014-10", "2015-01"]
    assert all(b.rebuilt == b.pages for b in first.releases)
    before = state(site)

    edit(content, "2015-01", "checked by the board", "checked by the panel")
    result = refresh()
    assert [b.id for b in result.releases] == ["2015-01"]
    assert result.reused == ("2014-06", "2014-10")
    (built,) = result.releases
    assert 0 < built.rebuilt < built.pages  # type: ignore[operator]
    page = (site / "2015-01/recommendations/1/index.html").read_text(encoding="utf-8")
    assert "checked by the panel" in page
    after = state(site)
    assert set(after) == set(before)
    versions = ("2014-06/", "2014-10/")
    assert {p: after[p] for p in after if p.startswith(versions)} == {
        p: before[p] for p in before if p.startswith(versions)
    }
    changed = {p for p in after if before[p][0] != after[p][0]}
    assert changed == {
        "2015-01/changes/baseline/index.html",
        "2015-01/changes/index.html",
        "2015-01/data/actions.csv",
        "2015-01/data/actions.json",
        "2015-01/recommendations/1/index.html",
        "2015-01/report/index.html",
        "2015-01/search/search_index.json",
        "history.json",
    }
    touched = {p for p in after if p.startswith("2015-01/") and before[p] != after[p]}
    written_every_time = {"2015-01/sitemap.xml", "2015-01/sitemap.xml.gz", "2015-01/404.html"}
    untitled = {"2015-01/pillars/index.html", "2015-01/recommendations/index.html"}
    untitled |= {"2015-01/kpis/index.html"}
    assert touched - changed <= written_every_time | untitled
    assert set(after) == set(before)

    full = build_site(content, tmp_path / "full", drafts=True)
    assert len(full.releases) == 3
    assert digests(site) == digests(tmp_path / "full")


def test_a_narrative_reaches_the_next_release_and_the_first_release_reaches_all(tmp_path):
    content, site = tmp_path / "content", tmp_path / "site"
    shutil.copytree(SMALL_PLAN, content)
    preview = Preview(tmp_path / "work")
    build_site(content, site, drafts=True, preview=preview)

    edit(content, "2014-10", "Membership has increased", "Membership has grown")
    result = build_site(content, site, drafts=True, preview=preview)
    assert [b.id for b in result.releases] == ["2014-10", "2015-01"]
    assert "grown" in (site / "2015-01/changes/index.html").read_text()

    edit(content, "2014-06", "1.2: {status: planned}", "1.2: {status: planned, narrative: Begun.}")
    result = build_site(content, site, drafts=True, preview=preview)
    assert [b.id for b in result.releases] == ["2014-06", "2014-10", "2015-01"]

    edit(content, "2014-10", "1.4: {status: on-track", "1.4: {status: completed")
    result = build_site(content, site, drafts=True, preview=preview)
    assert [b.id for b in result.releases] == ["2014-10", "2015-01"]

    build_site(content, tmp_path / "full", drafts=True)
    assert digests(site) == digests(tmp_path / "full")


LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle r="4"/></svg>'


def test_the_preview_shows_the_councils_logo(tmp_path):
    content, site = tmp_path / "content", tmp_path / "site"
    shutil.copytree(SMALL_PLAN, content)
    (content / "crest.svg").write_bytes(LOGO)
    with (content / "site.yaml").open("a", encoding="utf-8") as file:
        file.write("logo: crest.svg\n")
    preview = Preview(tmp_path / "work")
    build_site(content, site, drafts=True, preview=preview)
    edit(content, "2015-01", "checked by the board", "checked by the panel")
    result = build_site(content, site, drafts=True, preview=preview)
    assert [b.id for b in result.releases] == ["2015-01"]
    for release in ("2014-06", "2014-10", "2015-01"):
        assert (site / release / "assets/logo.svg").read_bytes() == LOGO
    build_site(content, tmp_path / "full", drafts=True)
    assert digests(site) == digests(tmp_path / "full")


def test_a_zensical_preview_keeps_its_cache_and_shows_the_saved_narrative(tmp_path):
    from tests.integration.test_engines import _require_zensical

    _require_zensical()
    content, site = tmp_path / "content", tmp_path / "site"
    shutil.copytree(SMALL_PLAN, content)
    preview = Preview(tmp_path / "work")
    build_site(content, site, drafts=True, preview=preview, engine="zensical")
    kept = tmp_path / "work" / "2015-01" / ".cache"
    assert kept.is_dir()  # Zensical's own cache, kept for the next refresh
    edit(content, "2015-01", "checked by the board", "checked by the panel")
    result = build_site(content, site, drafts=True, preview=preview, engine="zensical")
    assert [b.id for b in result.releases] == ["2015-01"]
    assert kept.is_dir()
    page = (site / "2015-01/recommendations/1/index.html").read_text(encoding="utf-8")
    assert "checked by the panel" in page and "checked by the board" not in page
    full = tmp_path / "full"
    build_site(content, full, drafts=True, engine="zensical")
    assert digests(site) == digests(full)


def inodes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def test_a_refresh_updates_the_preview_in_place_and_matches_a_full_build(tmp_path):
    """The versions a change does not reach are left where they are, not linked into a new
    output; a release added, then taken away, comes and goes, with the aliases and 404 page
    of whichever release is newest."""
    content, site = tmp_path / "content", tmp_path / "site"
    shutil.copytree(SMALL_PLAN, content)
    preview = Preview(tmp_path / "work")
    build_site(content, site, drafts=True, preview=preview)

    releases = (content / "releases.yaml").read_text(encoding="utf-8")
    draft = "  - id: 2015-04\n    date: 2015-04-30\n    title: April 2015\n    draft: true\n"
    (content / "releases.yaml").write_text(releases + draft, encoding="utf-8")
    shutil.copy(content / "progress/2015-01.yaml", content / "progress/2015-04.yaml")
    added = build_site(content, site, drafts=True, preview=preview)
    assert [b.id for b in added.releases] == ["2014-06", "2014-10", "2015-01", "2015-04"]
    assert "2015-04/" in (site / "latest/index.html").read_text(encoding="utf-8")
    build_site(content, tmp_path / "full", drafts=True)
    assert digests(site) == digests(tmp_path / "full")

    # the draft's narrative reaches it alone: the newest is rebuilt, the others stay put
    kept = inodes(site)
    edit(content, "2015-04", "checked by the board", "checked by the panel")
    result = build_site(content, site, drafts=True, preview=preview)
    assert [b.id for b in result.releases] == ["2015-04"]
    now = inodes(site)
    untouched = ("2014-06/", "2014-10/", "2015-01/", "latest/")  # the same pages: same aliases
    assert {p: i for p, i in now.items() if p.startswith(untouched)} == {
        p: i for p, i in kept.items() if p.startswith(untouched)
    }
    assert now["index.html"] != kept["index.html"]  # the rest of the site's own files: new

    # an earlier release's narrative: the newest is not rebuilt, its aliases are kept right
    edit(content, "2014-10", "Membership has increased", "Membership has grown")
    result = build_site(content, site, drafts=True, preview=preview)
    assert [b.id for b in result.releases] == ["2014-10", "2015-01"]
    shutil.rmtree(tmp_path / "full")
    build_site(content, tmp_path / "full", drafts=True)
    assert digests(site) == digests(tmp_path / "full")

    (content / "releases.yaml").write_text(releases, encoding="utf-8")
    (content / "progress/2015-04.yaml").unlink()
    result = build_site(content, site, drafts=True, preview=preview)
    assert not (site / "2015-04").exists()
    assert "2015-01/" in (site / "latest/index.html").read_text(encoding="utf-8")
    shutil.rmtree(tmp_path / "full")
    build_site(content, tmp_path / "full", drafts=True)
    assert digests(site) == digests(tmp_path / "full")
    assert not list(tmp_path.glob(".site.build-*"))  # no scratch left beside the preview


def test_aliases_are_written_again_unless_they_are_what_would_be_written(tmp_path):
    from generator.site.site_files import aliases_current, write_aliases

    versions, site = tmp_path / "versions", tmp_path / "site"
    for rel in ("", "kpis", "kpis/kpi-1", "recommendations"):
        (versions / "2015-01" / rel).mkdir(parents=True, exist_ok=True)
        (versions / "2015-01" / rel / "index.html").write_text("page")
    write_aliases(site, "2015-01", versions)
    assert aliases_current(site, "2015-01", versions)
    assert not aliases_current(site, "2015-04", versions)  # another newest release
    (versions / "2015-01/glossary").mkdir()
    (versions / "2015-01/glossary/index.html").write_text("page")
    assert not aliases_current(site, "2015-01", versions)  # a page more
    write_aliases(site, "2015-01", versions)
    assert aliases_current(site, "2015-01", versions)
    (site / "latest/recommendations/index.html").write_text("an older way of redirecting")
    assert not aliases_current(site, "2015-01", versions)
    shutil.rmtree(site / "latest")
    assert not aliases_current(site, "2015-01", versions)
