from __future__ import annotations

import copy
import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.errors import ProgressSiteError
from generator.site.history import entry_digest
from generator.site.verify import Report, check_against, check_site, parse_history, read_history
from generator.site.verify_source import Missing, Source

FILES = {"data/actions.csv": b"action,status\n1.1,done\n", "data/kpis.json": b"{}\n"}


def _chain(entries: list[dict]) -> list[dict]:
    previous = None
    for entry in entries:
        entry["previous"] = previous
        previous = entry_digest(entry)
    return entries


def _entries(ids: tuple[str, ...] = ("2014-06", "2014-10")) -> list[dict]:
    return _chain(
        [
            {
                "id": rid,
                "published": "2014-11-01",
                "content": f"{i:064x}",
                "data": {p: hashlib.sha256(b).hexdigest() for p, b in FILES.items()},
                "errata": [],
            }
            for i, rid in enumerate(ids)
        ]
    )


def _site(root: Path, entries: list[dict]) -> Source:
    for entry in entries:
        for path, data in FILES.items():
            (root / entry["id"] / path).parent.mkdir(parents=True, exist_ok=True)
            (root / entry["id"] / path).write_bytes(data)
    (root / "history.json").write_text(json.dumps({"format": 1, "releases": entries}))
    return Source(str(root))


def _check(source: Source) -> Report:
    report = Report()
    check_site(source, read_history(source), report)
    return report


def test_an_untouched_site_matches(tmp_path: Path) -> None:
    report = _check(_site(tmp_path, _entries()))
    assert report.problems == []
    assert report.files == 4
    assert report.lines == {
        "2014-06": ["2 data files match", "chain intact"],
        "2014-10": ["2 data files match", "chain intact"],
    }


def test_an_altered_or_missing_data_file_is_named_with_its_release(tmp_path: Path) -> None:
    source = _site(tmp_path, _entries())
    (tmp_path / "2014-10" / "data" / "actions.csv").write_bytes(b"action,status\n1.1,late\n")
    (tmp_path / "2014-06" / "data" / "kpis.json").unlink()
    report = _check(source)
    assert report.problems == [
        "release 2014-06: data/kpis.json is missing from the site",
        "release 2014-10: data/actions.csv does not match its digest in history.json",
    ]
    assert report.lines["2014-10"] == ["1 of 2 data files do not match", "chain intact"]


def test_an_open_data_file_added_to_a_site_directory_is_named(tmp_path: Path) -> None:
    source = _site(tmp_path, _entries())
    (tmp_path / "2014-06" / "data" / "extra.csv").write_bytes(b"forged\n")
    (tmp_path / "2014-06" / "data" / "index.html").write_bytes(b"<p>the Data page</p>")
    report = _check(source)
    assert report.problems == [
        "release 2014-06: data/extra.csv is on the site but not in history.json"
    ]
    assert report.lines["2014-06"] == [
        "2 data files match",
        "1 more not in history.json",
        "chain intact",
    ]


def test_an_entry_edited_in_place_breaks_the_chain_at_the_next_release(tmp_path: Path) -> None:
    entries = _entries(("2014-06", "2014-10", "2015-01"))
    entries[0]["content"] = "f" * 64  # the history rewritten, but not the chain after it
    report = _check(_site(tmp_path, entries))
    assert report.problems == [
        "release 2014-10: the chain is broken: 'previous' does not match the entry before, "
        "release 2014-06"
    ]
    assert report.lines["2014-10"] == ["2 data files match", "chain broken"]
    assert report.lines["2015-01"] == ["2 data files match", "chain intact"]


def test_a_first_entry_claiming_a_previous_one_breaks_the_chain(tmp_path: Path) -> None:
    entries = _entries(("2014-06",))
    entries[0]["previous"] = "a" * 64
    report = _check(_site(tmp_path, entries))
    assert report.problems == [
        "release 2014-06: the chain is broken: 'previous' does not match the entry before, "
        "no entry (it is first)"
    ]


def _history(entries: list[dict]) -> bytes:
    return json.dumps({"format": 1, "releases": entries}).encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: e.update(id="../etc"), "field 'id': a release id becomes part of the URL"),
        (lambda e: e.pop("previous"), "missing field 'previous'"),
        (lambda e: e.update(content="abc"), "field 'content': expected 64 hexadecimal digits"),
        (
            lambda e: e.update(data={"../../etc/passwd": "0" * 64}),
            "field 'data': '../../etc/passwd' is not an open-data file path",
        ),
        (
            lambda e: e.update(data={"data/sub/a.csv": "0" * 64}),
            "field 'data': 'data/sub/a.csv' is not an open-data file path",
        ),
        (
            lambda e: e.update(data={"data/a.csv": 5}),
            "field 'data': the digest of data/a.csv is not 64 hexadecimal digits",
        ),
        (
            lambda e: e.update(published="2014-13-01"),
            "field 'published': expected a date as YYYY-MM-DD or null",
        ),
        (
            lambda e: e.update(errata=[{"date": "2015-01-01"}]),
            "field 'errata': expected a list of {date, reason}",
        ),
    ],
)
def test_a_malformed_entry_is_refused_naming_it(change, message: str) -> None:
    entries = _entries()
    change(entries[1])
    with pytest.raises(ProgressSiteError) as info:
        parse_history(_history(entries), "h.json")
    assert str(info.value).startswith(f"h.json: release entry 2: {message}")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{", "h.json is not valid JSON (Expecting property name enclosed in double quotes)"),
        (b"\xff", "h.json is not UTF-8 text"),
        (b"[" * 100000, "h.json is nested too deeply to be a history"),
        (
            b'{"format": 2, "releases": []}',
            "h.json is not a progress-site history "
            "(expected a mapping with 'format': 1 and a list of 'releases')",
        ),
    ],
)
def test_a_file_that_is_not_a_history_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ProgressSiteError) as info:
        parse_history(data, "h.json")
    assert str(info.value) == message


def test_a_release_listed_twice_is_refused() -> None:
    entries = _entries()
    entries.append(copy.deepcopy(entries[0]))
    with pytest.raises(ProgressSiteError) as info:
        parse_history(_history(entries), "h.json")
    assert str(info.value) == "h.json: release entry 3: release 2014-06 is listed twice"


def test_a_site_without_a_history_or_a_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProgressSiteError) as info:
        read_history(Source(str(tmp_path)))
    assert str(info.value) == (
        f"{tmp_path}/history.json does not exist: is {tmp_path} a site built by progress-site?"
    )
    with pytest.raises(ProgressSiteError) as info:
        Source(str(tmp_path / "nowhere"))
    assert str(info.value) == (
        f"{tmp_path}/nowhere does not exist: give a built site directory or an http(s) address"
    )


def _against(old: list[dict], new: list[dict]) -> Report:
    report = Report()
    check_against(old, new, "old.json", report)
    return report


def test_an_unchanged_history_passes_and_new_releases_are_noted() -> None:
    old = _entries(("2014-06",))
    report = _against(old, _entries(("2014-06", "2014-10")))
    assert report.problems == []
    assert report.lines == {
        "2014-06": ["unchanged since old.json"],
        "2014-10": ["new since old.json"],
    }


def test_content_changed_without_an_erratum_is_refused() -> None:
    old = _entries()
    new = copy.deepcopy(old)
    new[0]["content"] = "e" * 64
    new[0]["data"]["data/actions.csv"] = "d" * 64
    report = _against(old, _chain(new))
    assert report.problems == [
        "release 2014-06: its content changed since old.json, with no erratum recorded",
        "release 2014-06: data/actions.csv changed since old.json, with no erratum recorded",
    ]
    assert report.lines["2014-06"] == ["changed since old.json"]
    assert report.lines["2014-10"] == ["unchanged since old.json"]


def test_content_changed_under_a_new_erratum_passes() -> None:
    old = _entries()
    new = copy.deepcopy(old)
    new[0]["content"] = "e" * 64
    new[0]["errata"].append({"date": "2015-02-01", "reason": "A figure was wrong."})
    report = _against(old, _chain(new))
    assert report.problems == []
    assert report.lines["2014-06"] == ["corrected since old.json by an erratum of 2015-02-01"]


def test_errata_removed_or_rewritten_are_refused() -> None:
    old = _entries()
    old[0]["errata"] = [{"date": "2015-02-01", "reason": "A figure was wrong."}]
    new = copy.deepcopy(old)
    new[0]["errata"] = [{"date": "2015-02-01", "reason": "Nothing to see."}]
    assert _against(old, new).problems == [
        "release 2014-06: its errata have been changed or removed since old.json"
    ]
    new[0]["errata"] = []
    assert _against(old, new).problems == [
        "release 2014-06: its errata have been changed or removed since old.json"
    ]


def test_a_removed_release_file_or_date_change_is_refused() -> None:
    old = _entries()
    new = copy.deepcopy(old)
    del new[1]["data"]["data/kpis.json"]
    new[1]["published"] = "2015-01-01"
    assert _against(old, new).problems == [
        "release 2014-10: its publication date changed from 2014-11-01 to 2015-01-01 "
        "since old.json, "
        "with no erratum recorded",
        "release 2014-10: data/kpis.json was removed since old.json, with no erratum recorded",
    ]
    assert _against(old, new[:1]).problems == [
        "release 2014-10: was published in old.json but is no longer in the site's history"
    ]


def test_open_data_names_with_dots_are_accepted() -> None:
    entries = _entries(("2014-06",))
    entries[0]["data"] = {"data/kpis.v2.csv": "0" * 64}
    assert parse_history(_history(entries), "h.json")[0]["data"] == entries[0]["data"]


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        status = {"/site/history.json": 200, "/site/2014-06/data/a.csv": 500}.get(self.path, 404)
        self.send_response(status)
        self.end_headers()
        if status == 200:
            self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


def test_over_http_missing_files_and_server_errors_are_told_apart() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/site"
        source = Source(base)
        assert source.read("history.json") == b"{}"
        with pytest.raises(Missing):
            source.read("2014-06/data/b.csv")
        with pytest.raises(ProgressSiteError) as info:
            source.read("2014-06/data/a.csv")
        assert str(info.value) == (
            f"cannot read {base}/2014-06/data/a.csv (HTTP 500 Internal Server Error)"
        )
    finally:
        server.shutdown()
        server.server_close()
