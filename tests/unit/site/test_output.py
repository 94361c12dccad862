import json
import os
from pathlib import Path

import pytest

from generator.errors import ProgressSiteError
from generator.site.cache import MANIFEST, read_manifest
from generator.site.output import check_owned, clear_stale, update_in_place


def test_a_build_killed_mid_swap_gives_back_git_and_cname(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("new")
    scratch = tmp_path / ".site.build-x"
    (scratch / "site" / ".git").mkdir(parents=True)  # moved into the new site, then killed
    (scratch / "site" / ".git" / "HEAD").write_text("ref")
    (scratch / "site" / "CNAME").write_text("plan.example")
    clear_stale(out)
    assert not scratch.exists()
    assert (out / ".git" / "HEAD").read_text() == "ref"
    assert (out / "CNAME").read_text() == "plan.example"


def test_an_output_moved_aside_and_killed_is_put_back(tmp_path):
    out = tmp_path / "site"
    previous = tmp_path / ".site.build-y" / "previous"
    previous.mkdir(parents=True)
    (previous / "index.html").write_text("old")
    clear_stale(out)
    assert (out / "index.html").read_text() == "old"
    assert not (tmp_path / ".site.build-y").exists()


def test_a_manifest_that_is_not_a_file_is_not_read_and_the_output_is_refused(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "page.html").write_text("theirs")
    os.mkfifo(out / MANIFEST)
    with pytest.raises(ProgressSiteError) as failed:
        check_owned(out, Path("site"))
    assert str(failed.value) == (
        "refusing to replace site: it is not empty and was not built by progress-site "
        "(no .progress-site-cache.json). Choose another --out directory."
    )
    assert read_manifest(out) == {}


@pytest.mark.parametrize("with_cp", [True, False])
def test_reused_versions_are_hard_links_of_the_previous_output(tmp_path, monkeypatch, with_cp):
    from generator.site import cache

    if not with_cp:
        monkeypatch.setattr(cache.shutil, "which", lambda name: None)
    out, site = tmp_path / "out", tmp_path / "site"
    for release in ("2014-06", "2014-10"):
        (out / release / "recommendations" / "1").mkdir(parents=True)
        (out / release / "recommendations" / "1" / "index.html").write_text(release)
        (out / release / "index.html").write_text("home")
    site.mkdir()
    cache.reuse(out, ["2014-06", "2014-10"], site)
    for release in ("2014-06", "2014-10"):
        for name in ("index.html", "recommendations/1/index.html"):
            assert (site / release / name).stat().st_ino == (out / release / name).stat().st_ino
    assert sorted(p.name for p in site.iterdir()) == ["2014-06", "2014-10"]


def test_once_a_build_ends_no_process_holds_its_lock(tmp_path, monkeypatch):
    """The process that removes the replaced output in the background never holds the lock,
    however late it closes what it inherited: the next build can start at once."""
    import fcntl
    import time

    from generator.site import output

    out = tmp_path / "site"
    out.mkdir()
    scratch = tmp_path / ".site.build-abc123"
    (scratch / "previous").mkdir(parents=True)
    (scratch / "previous" / "index.html").write_text("old")
    real = os.closerange

    def slow(low: int, high: int) -> None:
        time.sleep(1.5)  # a process scheduled late on a busy machine
        real(low, high)

    monkeypatch.setattr(os, "closerange", slow)
    with output.lock(out, out):
        output.remove_later(scratch, out)
    fd = os.open(tmp_path / ".site.lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if any process still holds it
    finally:
        os.close(fd)
    deadline = time.monotonic() + 30
    while list(tmp_path.glob(".site.old-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not list(tmp_path.glob(".site.old-*"))


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_a_preview_is_updated_in_place_each_entry_in_one_rename_its_manifest_last(
    tmp_path, monkeypatch
):
    out, scratch = tmp_path / "site", tmp_path / ".site.build-z"
    new = scratch / "site"
    _tree(out, {"a/index.html": "a", "b/index.html": "old b", "gone/index.html": "gone"})
    _tree(out, {"latest/x/index.html": "stale alias", "versions.json": "old", MANIFEST: "old"})
    _tree(out, {"CNAME": "plan.example", "feed.xml": "old feed"})
    _tree(new, {"b/index.html": "new b", "latest/index.html": "alias", "versions.json": "new"})
    _tree(new, {MANIFEST: "new", "feed.xml": "new feed"})
    kept = (out / "a/index.html").stat().st_ino
    order: list[str] = []
    replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (order.append(Path(b).name), replace(a, b)))

    update_in_place(new, out, scratch, ["a", "b"])

    assert (out / "a/index.html").stat().st_ino == kept  # a version not rebuilt stays put
    assert (out / "b/index.html").read_text() == "new b"
    assert (out / "latest/index.html").read_text() == "alias"
    assert not (out / "latest/x").exists()
    assert not (out / "gone").exists()  # a version no longer in the site
    assert (out / "CNAME").read_text() == "plan.example"
    assert (out / "versions.json").read_text() == "new"
    assert (out / "feed.xml").read_text() == "new feed"
    assert order[-1] == MANIFEST
    # what was replaced waits in the scratch directory, removed with it
    assert (scratch / "replaced" / "gone" / "index.html").read_text() == "gone"


def test_a_first_preview_moves_the_whole_new_site_into_place(tmp_path):
    out, scratch = tmp_path / "site", tmp_path / ".site.build-z"
    _tree(scratch / "site", {"a/index.html": "a", MANIFEST: "m"})
    update_in_place(scratch / "site", out, scratch, ["a"])
    assert (out / "a/index.html").read_text() == "a"


def test_a_preview_cut_short_while_updated_in_place_rebuilds_what_it_replaced(
    tmp_path, monkeypatch
):
    out, scratch = tmp_path / "site", tmp_path / ".site.build-z"
    new = scratch / "site"
    manifest = json.dumps({"versions": {"a": "old a", "b": "old b"}})
    _tree(out, {"a/index.html": "old a", "b/index.html": "old b", MANIFEST: manifest})
    _tree(new, {"b/index.html": "new b", "history.json": "{}", MANIFEST: "new"})
    replace = os.replace

    def full_disk(source: str, target: str) -> None:
        if str(target).endswith("history.json"):
            raise OSError(28, "No space left on device")
        replace(source, target)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        update_in_place(new, out, scratch, ["a", "b"])
    assert (out / "b/index.html").read_text() == "new b"  # already in place
    assert read_manifest(out) == {"a": "old a"}  # so the next build rebuilds it
