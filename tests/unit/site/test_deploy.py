"""``deploy`` to a store: what is sent, in which order, and what a cut-short deploy leaves."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.errors import ProgressSiteError
from generator.site.deploy import MANIFEST, deploy_to_store
from generator.site.deploy_files import SiteFile, site_files
from generator.site.deploy_folder import FolderStore


def make_site(root: Path, versions: list[str], extra: str = "") -> Path:
    """A built site's shape: versions (newest first), latest/, feeds and the root files."""
    root.mkdir(parents=True, exist_ok=True)
    entries = [{"version": v, "title": v, "aliases": []} for v in versions]
    (root / "versions.json").write_text(json.dumps(entries))
    for version in versions:
        for page in ("index.html", "kpis/index.html", "assets/main.57a0d79d.min.css"):
            path = root / version / page
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"{version} {page}")
    for page in ("index.html", "latest/index.html", "feed.xml", "sitemap.xml", "feeds/1.xml"):
        path = root / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"newest {versions[0]} {page} {extra}")
    (root / ".progress-site-cache.json").write_text("{}")
    return root


class Memory:
    """A store in memory that can be made to fail after a number of writes."""

    name = "memory://site"

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.sent: list[str] = []
        self.fail_after: int | None = None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        yield

    def _count(self) -> None:
        if self.fail_after is not None:
            if self.fail_after == 0:
                raise ProgressSiteError("connection lost")
            self.fail_after -= 1

    def read(self, path: str) -> bytes | None:
        return self.files.get(path)

    def put(self, item: SiteFile) -> None:
        self._count()
        self.files[item.path] = item.source.read_bytes()
        self.sent.append(item.path)

    def put_bytes(self, path: str, data: bytes) -> None:
        self._count()
        self.files[path] = data

    def delete(self, path: str) -> None:
        self._count()
        self.files.pop(path, None)


def public(store: Memory) -> dict[str, bytes]:
    return {k: v for k, v in store.files.items() if k != MANIFEST}


def tree(site: Path) -> dict[str, bytes]:
    return {f.path: f.source.read_bytes() for f in site_files(site)}


def test_version_files_go_first_and_versions_json_last(tmp_path):
    site = make_site(tmp_path / "site", ["2015-01", "2014-10"])
    order = [f.path for f in site_files(site)]
    assert order[-6:] == [
        "latest/index.html",
        "feeds/1.xml",
        "feed.xml",
        "index.html",
        "sitemap.xml",
        "versions.json",
    ]
    assert order.index("latest/index.html") > max(
        i for i, p in enumerate(order) if p.startswith(("2015-01/", "2014-10/"))
    )
    assert ".progress-site-cache.json" not in order


def test_each_file_is_served_with_its_type_and_caching(tmp_path):
    site = make_site(tmp_path / "site", ["2015-01"])
    found = {f.path: (f.content_type, f.cache_control) for f in site_files(site)}
    assert found["2015-01/index.html"] == ("text/html; charset=utf-8", "public, max-age=300")
    assert found["2015-01/assets/main.57a0d79d.min.css"] == (
        "text/css; charset=utf-8",
        "public, max-age=31536000, immutable",
    )
    assert found["feed.xml"] == ("application/atom+xml", "no-cache")
    assert found["versions.json"] == ("application/json", "no-cache")
    assert found["sitemap.xml"] == ("application/xml", "no-cache")


def test_a_second_deploy_sends_only_what_changed_and_deletes_only_its_own(tmp_path):
    store = Memory()
    store.files["notes/readme.txt"] = b"someone else's"
    site = make_site(tmp_path / "one", ["2014-10", "2014-06"])
    first = deploy_to_store(site, store)
    assert len(first.uploads) == len(tree(site)) and first.deletes == []
    site2 = make_site(tmp_path / "two", ["2015-01", "2014-10"], extra="changed")
    for path in (site / "2014-10").rglob("*"):  # the older version is unchanged
        assert (site2 / path.relative_to(site)).exists()
    store.sent.clear()
    second = deploy_to_store(site2, store)
    assert all(not p.startswith(("2014-10/", "2014-06/")) for p in store.sent)
    assert {p for p in store.sent if p.startswith("2015-01/")} == {
        p for p in tree(site2) if p.startswith("2015-01/")
    }
    assert store.sent[-1] == "versions.json"
    assert sorted(second.deletes) == sorted(p for p in tree(site) if p.startswith("2014-06/"))
    assert public(store) == {**tree(site2), "notes/readme.txt": b"someone else's"}


def test_a_deploy_cut_short_anywhere_ends_in_the_same_state_when_run_again(tmp_path):
    old = make_site(tmp_path / "old", ["2014-10", "2014-06"])
    new = make_site(tmp_path / "new", ["2015-01", "2014-10"], extra="changed")
    writes = 0
    for cut in range(100):
        store = Memory()
        deploy_to_store(old, store)
        store.fail_after = cut
        try:
            deploy_to_store(new, store)
        except ProgressSiteError as exc:
            assert str(exc) == "connection lost"
            writes += 1
        else:
            break
        store.fail_after = None
        deploy_to_store(new, store)
        assert public(store) == tree(new), cut
        assert json.loads(store.files[MANIFEST])["pending"] == []
    assert writes == 1 + 9 + 3 + 1  # the claim, the new files, the deletions, the manifest


def test_files_sent_by_a_deploy_cut_short_are_deleted_if_the_site_drops_them(tmp_path):
    store = Memory()
    new = make_site(tmp_path / "new", ["2015-01", "2014-10"])
    store.fail_after = 3  # the manifest, then two files of 2014-10
    with pytest.raises(ProgressSiteError):
        deploy_to_store(new, store)
    assert any(p.startswith("2014-10/") for p in store.files)
    store.fail_after = None
    only = make_site(tmp_path / "only", ["2015-01"])
    deploy_to_store(only, store)
    assert public(store) == tree(only)


def test_a_dry_run_changes_nothing(tmp_path):
    store = Memory()
    site = make_site(tmp_path / "site", ["2015-01"])
    todo = deploy_to_store(site, store, dry_run=True)
    assert store.files == {} and len(todo.uploads) == len(tree(site))
    deploy_to_store(site, FolderStore(tmp_path / "web", site), dry_run=True)
    assert not (tmp_path / "web").exists()


@pytest.mark.parametrize(
    "manifest",
    [
        b"not json",
        b'{"files": []}',
        b'{"files": {"../../etc/passwd": "x"}}',
        b'{"files": {}, "pending": ["/etc/passwd"]}',
        b'{"files": {"a//b": "x"}}',
    ],
)
def test_an_unreadable_manifest_stops_the_deploy_before_any_change(tmp_path, manifest):
    store = Memory()
    store.files[MANIFEST] = manifest
    with pytest.raises(ProgressSiteError) as info:
        deploy_to_store(make_site(tmp_path / "site", ["2015-01"]), store)
    assert str(info.value) == (
        "memory://site/.progress-site-deploy.json is not a deploy manifest progress-site can "
        "read; it lists what earlier deploys sent, so nothing was changed"
    )
    assert store.files == {MANIFEST: manifest}


def test_a_folder_deploy_prints_what_it_did_and_keeps_other_files(tmp_path):
    site = make_site(tmp_path / "site", ["2015-01", "2014-10"])
    web = tmp_path / "web"
    (web / "2014-10").mkdir(parents=True)
    (web / "2014-10" / "mine.txt").write_text("kept")
    runner = CliRunner()
    dry = runner.invoke(cli, ["deploy", "--site", str(site), "--to", str(web), "--dry-run"])
    count = len(tree(site))
    assert dry.stdout.splitlines()[0] == (
        f"Would upload {count} files and delete 0 files in {web} (0 unchanged):"
    )
    assert dry.stdout.splitlines()[-1] == "  upload versions.json"
    assert sorted(p.name for p in web.iterdir()) == ["2014-10"]
    done = runner.invoke(cli, ["deploy", "--site", str(site), "--to", str(web)])
    assert done.stdout == f"Uploaded {count} files and deleted 0 files in {web} (0 unchanged)\n"
    smaller = make_site(tmp_path / "smaller", ["2015-01"])
    again = runner.invoke(cli, ["deploy", "--site", str(smaller), "--to", str(web)])
    # only versions.json differs: the pages of 2015-01 and the root files are the same
    assert again.stdout == f"Uploaded 1 file and deleted 3 files in {web} (8 unchanged)\n"
    assert (web / "2014-10" / "mine.txt").read_text() == "kept"
    assert sorted(p.name for p in (web / "2014-10").iterdir()) == ["mine.txt"]
    assert (web / "versions.json").read_bytes() == (smaller / "versions.json").read_bytes()
    nothing = runner.invoke(cli, ["deploy", "--site", str(smaller), "--to", str(web), "--dry-run"])
    assert nothing.stdout == f"Would upload 0 files and delete 0 files in {web} (9 unchanged)\n"


def test_deploy_refuses_a_site_that_was_not_built(tmp_path):
    (tmp_path / "site").mkdir()
    result = CliRunner().invoke(
        cli, ["deploy", "--site", str(tmp_path / "site"), "--to", str(tmp_path / "web")]
    )
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path / 'site'} has no versions.json: build the site first "
        "(progress-site build)\n",
    )
    assert not (tmp_path / "web").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--to", "git", "--endpoint-url", "http://x"],
            "--endpoint-url is only for --to s3://BUCKET/PREFIX",
        ),
        (["--to", "web", "--branch", "b"], "--branch is only for --to git"),
        (["--to", "s3://b/p", "--push"], "--push is only for --to git"),
        (["--to", "s3:///p"], "--to s3:///p: expected s3://BUCKET/PREFIX"),
        (["--to", ""], "--to: expected git, s3://BUCKET/PREFIX or a folder"),
        (
            ["--to", "s3://b/../x"],
            "--to s3://b/../x: the prefix must be folder names, without '.', '..', empty "
            "names, backslashes or control characters",
        ),
        (
            ["--to", "s3://b/a//x"],
            "--to s3://b/a//x: the prefix must be folder names, without '.', '..', empty "
            "names, backslashes or control characters",
        ),
        (
            ["--to", "s3://b\nc/x"],
            "--to s3://b\\nc/x: holds a control character, a line break or a backslash",
        ),
        (
            ["--to", "s3://b/x\x01"],
            "--to s3://b/x\\x01: holds a control character, a line break or a backslash",
        ),
        (
            ["--to", "s3://user@b/x"],
            "--to s3://user@b/x: 'user@b' is not a bucket name (letters, digits, '.', '-' and '_')",
        ),
        (
            ["--to", "s3://b/x", "--endpoint-url", "not-a-url"],
            "--endpoint-url not-a-url: expected an address such as https://s3.example.gov.uk "
            "or http://127.0.0.1:9000",
        ),
        (
            ["--to", "s3://b/x", "--endpoint-url", "http://[::1"],
            "--endpoint-url http://[::1: expected an address such as https://s3.example.gov.uk "
            "or http://127.0.0.1:9000",
        ),
        (["--to", "s3://[b/x"], "--to s3://[b/x: expected s3://BUCKET/PREFIX"),
        (
            ["--to", "https://example.gov.uk/plans"],
            "--to https://example.gov.uk/plans: expected git, s3://BUCKET/PREFIX or a folder "
            "(write ./https://example.gov.uk/plans for a folder of that name)",
        ),
        (
            ["--to", "S3://b/x"],
            "--to S3://b/x: expected git, s3://BUCKET/PREFIX or a folder (write ./S3://b/x "
            "for a folder of that name)",
        ),
    ],
)
def test_options_for_another_kind_of_target_are_refused(tmp_path, args, message):
    site = make_site(tmp_path / "site", ["2015-01"])
    result = CliRunner().invoke(cli, ["deploy", "--site", str(site), *args])
    assert (result.exit_code, result.stderr) == (1, f"Error: {message}\n")


def test_a_folder_inside_the_site_is_refused(tmp_path):
    site = make_site(tmp_path / "site", ["2015-01"])
    with pytest.raises(ProgressSiteError, match="choose a folder outside the built site"):
        FolderStore(site / "copy", site)


def test_files_sent_at_once_keep_the_stages_in_order(tmp_path):
    import threading
    import time

    class Parallel(Memory):
        workers = 4
        lock = threading.Lock()

        def put(self, item):
            time.sleep(0.001 * (hash(item.path) % 5))
            with self.lock:
                super().put(item)

    site = make_site(tmp_path / "site", ["2015-01", "2014-10", "2014-06"])
    store = Parallel()
    deploy_to_store(site, store)
    stages = [
        ("2015-01/", "2014-10/", "2014-06/"),
        ("latest/",),
        ("feeds/",),
        ("feed.xml", "index.html", "sitemap.xml"),
        ("versions.json",),
    ]
    order = [next(i for i, s in enumerate(stages) if p.startswith(s)) for p in store.sent]
    assert order == sorted(order) and store.sent[-1] == "versions.json"
    assert public(store) == tree(site)


def test_a_folder_deploy_clears_what_a_killed_deploy_left_half_written(tmp_path):
    site = make_site(tmp_path / "site", ["2015-01"])
    web = tmp_path / "web"
    (web / "2015-01").mkdir(parents=True)
    leftover = web / "2015-01" / ".index.html.k3j_x9a2.deploy-partial"
    leftover.write_text("half")
    foreign = web / "2015-01" / ".index.html.bak"
    foreign.write_text("someone's")
    deploy_to_store(site, FolderStore(web, site))
    assert not leftover.exists() and foreign.read_text() == "someone's"
    assert [p.name for p in web.rglob("*.deploy-partial")] == []


def test_a_site_file_with_a_name_deploy_cannot_send_is_refused_before_any_change(tmp_path):
    site = make_site(tmp_path / "site", ["2015-01"])
    (site / "2015-01" / "a\nb.html").write_text("odd")
    result = CliRunner().invoke(cli, ["deploy", "--site", str(site), "--to", str(tmp_path / "web")])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {site}/2015-01/a\\nb.html: a file name deploy cannot send (a control "
        "character, a line break or a backslash); is this a site progress-site built?\n",
    )
    assert not (tmp_path / "web").exists()


def test_a_folder_deploy_names_a_file_in_the_way_of_a_folder_it_needs(tmp_path):
    site = make_site(tmp_path / "site", ["2015-01"])
    web = tmp_path / "web"
    web.mkdir()
    (web / "2015-01").write_text("someone's")
    result = CliRunner().invoke(cli, ["deploy", "--site", str(site), "--to", str(web)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: cannot write {web}/2015-01/assets/main.57a0d79d.min.css: a file or folder "
        "that deploy did not put there is in the way; move it and deploy again\n",
    )
    assert (web / "2015-01").read_text() == "someone's"
    (web / "2015-01").unlink()
    again = CliRunner().invoke(cli, ["deploy", "--site", str(site), "--to", str(web)])
    assert again.exit_code == 0, again.output


@pytest.mark.parametrize(
    "versions", ['{"a": 1}', "[1]", '[{"version": "x"}]', "\udcff", "not json"]
)
def test_a_versions_json_progress_site_did_not_write_is_refused(tmp_path, versions):
    site = tmp_path / "site"
    site.mkdir()
    (site / "versions.json").write_bytes(versions.encode("utf-8", "surrogateescape"))
    result = CliRunner().invoke(cli, ["deploy", "--site", str(site), "--to", str(tmp_path / "web")])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {site}/versions.json is not a progress-site versions.json (a list of "
        "versions, each with a version and a title): build the site again (progress-site "
        "build)\n",
    )
    assert not (tmp_path / "web").exists()
