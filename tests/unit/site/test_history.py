from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from generator.content.validate import load_content
from generator.facts.derive import release_views
from generator.facts.kept import content_digest, locked_digests
from generator.facts.lock import fingerprint, fingerprint_all
from generator.site.history import canonical, data_digests, entry_digest, history, version_data
from tests.conftest import DEFAULT_CONTENT, SMALL_PLAN


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_canonical_json_sorts_keys_has_no_spaces_and_escapes_beyond_ascii() -> None:
    assert canonical({"b": [1, None], "a": "é\ud800"}) == b'{"a":"\\u00e9\\ud800","b":[1,null]}'
    assert entry_digest({"a": 1}) == _sha(b'{"a":1}')


def test_content_digest_is_the_lock_fingerprint_in_full() -> None:
    views = release_views(load_content(SMALL_PLAN))
    items = fingerprint_all(views)["2014-10"]
    digest = content_digest(items)
    assert len(digest) == 64
    assert digest[:16] == fingerprint(items)
    changed = dict(items)
    changed[next(iter(changed))] = "0" * 16
    assert content_digest(changed) != digest


def _history(content_dir: Path) -> dict:
    views = release_views(load_content(content_dir))
    contents = {v.release.id: f"{i:064x}" for i, v in enumerate(views)}
    data = {v.release.id: json.dumps({"data/a.csv": f"{i:064x}"}) for i, v in enumerate(views)}
    return history(views, contents, data)


def test_history_chains_each_entry_to_the_one_before() -> None:
    record = _history(SMALL_PLAN)
    entries = record["releases"]
    assert record["format"] == 1
    assert [e["id"] for e in entries] == ["2014-06", "2014-10", "2015-01"]
    assert entries[0]["previous"] is None
    assert entries[1]["previous"] == entry_digest(entries[0])
    assert entries[2]["previous"] == entry_digest(entries[1])
    assert entries[1]["content"] == f"{1:064x}"
    assert entries[1]["data"] == {"data/a.csv": f"{1:064x}"}
    # a changed entry changes the digest the next one records
    edited = dict(entries[0], content="f" * 64)
    assert entry_digest(edited) != entries[1]["previous"]


def test_history_records_publication_and_errata_without_the_correction_text() -> None:
    entries = _history(DEFAULT_CONTENT)["releases"]
    assert [(e["id"], e["published"]) for e in entries] == [
        ("2016-08", "2016-08-23"),
        ("2017-04", "2017-06-06"),
    ]
    assert entries[0]["errata"] == []
    assert [list(e) for e in entries[1]["errata"]] == [["date", "reason"]]
    assert entries[1]["errata"][0]["date"] == "2026-11-25"
    assert entries[1]["errata"][0]["reason"].startswith("Week-to-week moves")


def test_drafts_are_left_out_of_the_history() -> None:
    views = list(release_views(load_content(SMALL_PLAN)))
    views[-1] = dataclasses.replace(
        views[-1], release=views[-1].release.model_copy(update={"draft": True})
    )
    contents = {v.release.id: "0" * 64 for v in views}
    data = {v.release.id: "{}" for v in views}
    assert [e["id"] for e in history(views, contents, data)["releases"]] == ["2014-06", "2014-10"]


def test_data_digests_cover_the_csv_and_json_files_of_a_version(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "actions.csv").write_bytes(b"a,b\n")
    (tmp_path / "data" / "kpis.json").write_bytes(b"{}\n")
    (tmp_path / "data" / "index.html").write_bytes(b"<p>page</p>")
    (tmp_path / "data" / ".hidden.csv").write_bytes(b"")
    (tmp_path / "data" / "folder.csv").mkdir()
    assert data_digests(tmp_path) == {
        "data/actions.csv": _sha(b"a,b\n"),
        "data/kpis.json": _sha(b"{}\n"),
    }
    assert data_digests(tmp_path / "missing") == {}


def test_a_reused_version_keeps_the_digests_recorded_when_it_was_built(tmp_path: Path) -> None:
    for rid in ("old", "new"):
        (tmp_path / rid / "data").mkdir(parents=True)
        (tmp_path / rid / "data" / "a.csv").write_bytes(b"altered since\n")
    recorded = json.dumps({"data/a.csv": "1" * 64})
    known = {"old": ("d1", recorded), "new": ("d2", recorded)}
    found = version_data(tmp_path, {"old": "d1", "new": "d2"}, known, ["old"])
    assert found["old"] == ("d1", recorded)  # reused: the digest recorded at its build
    on_disk = json.dumps({"data/a.csv": _sha(b"altered since\n")})
    assert found["new"] == ("d2", on_disk)  # built now: read from the new output
    # reused, but recorded under another digest (or not at all): read from the output
    assert version_data(tmp_path, {"old": "d9"}, known, ["old"])["old"] == ("d9", on_disk)
    assert version_data(tmp_path, {"old": "d1"}, {}, ["old"])["old"] == ("d1", on_disk)


def test_locked_digests_reuse_what_is_known_under_the_same_key() -> None:
    views = release_views(load_content(SMALL_PLAN))
    keys = {v.release.id: f"key-{v.release.id}" for v in views}
    fingerprints, contents = locked_digests(views, keys, {}, {})
    items = fingerprint_all(views)
    for view in views:
        rid = view.release.id
        assert fingerprints[rid] == (keys[rid], fingerprint(items[rid]))
        assert contents[rid] == (keys[rid], content_digest(items[rid]))
    known_fp = {"2014-06": (keys["2014-06"], "kept-fp")}
    known_content = {"2014-06": (keys["2014-06"], "kept-content")}
    again_fp, again_content = locked_digests(views, keys, known_fp, known_content)
    assert again_fp["2014-06"] == (keys["2014-06"], "kept-fp")
    assert again_content["2014-06"] == (keys["2014-06"], "kept-content")
    assert again_content["2014-10"] == contents["2014-10"]
    # known under an old key: computed again
    stale = {"2014-06": ("old-key", "kept-content")}
    assert locked_digests(views, keys, known_fp, stale)[1]["2014-06"] == contents["2014-06"]
