"""Zensical's scans, kept by what they scan: what Zensical is given from the cache is what the
scan gives, a page is scanned again only when it changed, and a damaged cache only costs
time."""

from __future__ import annotations

import os
import pickle

import pytest

from generator.site import zensical_scans
from generator.site.zensical_scans import Remembered, remembered

collectors = pytest.importorskip("zensical.collectors")

MARKDOWN = b"""# Title {#top}

See [the plan](plan.md#goals "Goals"), ![a chart](charts/kpi-1.svg) and <https://example.org>.
A [reference link][ref] and a footnote.[^note]

[ref]: ../other.md
[^note]: Said at the board, on
    two lines.

<a href="raw.md">raw</a> and [[wiki]].
"""
HTML = '<h2 id="goals">Goals</h2><a name="old"></a><p id="x-1">text</p>'


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """Zensical's scans, each counting its calls, behind a cache of the test's own."""
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(tmp_path / "cache"))
    calls = {"references": 0, "anchors": 0}
    for name in calls:
        scan = getattr(collectors, name)
        scan = scan.scan if isinstance(scan, Remembered) else scan

        def counting(*args, _scan=scan, _name=name):
            calls[_name] += 1
            return _scan(*args)

        monkeypatch.setattr(collectors, name, counting)
    zensical_scans._wrap()
    return calls


def _scan() -> tuple[list[object], list[object], list[object]]:
    return (
        list(collectors.references(MARKDOWN)),
        list(collectors.references(MARKDOWN, 7)),
        list(collectors.anchors(HTML)),
    )


def test_what_is_kept_is_what_the_scan_gives(counted):
    with remembered("Plan\n2024-01"):
        scanned = _scan()
    assert counted == {"references": 2, "anchors": 1}
    with remembered("Plan\n2024-01"):
        kept = _scan()
    assert counted == {"references": 2, "anchors": 1}  # nothing scanned again
    assert kept == scanned
    assert [type(v) for v in kept[0]] == [type(v) for v in scanned[0]]
    kinds = {type(v).__name__ for v in kept[0]}
    assert {"Link", "LinkReference", "LinkDefinition", "FootnoteReference"} <= kinds
    assert kept[2] == ["goals", "old", "x-1"]
    assert kept[0] != kept[1]  # the shift is part of what is scanned


def test_a_changed_page_is_scanned_again_and_the_cache_keeps_only_the_last_builds(counted):
    with remembered("Plan\n2024-01"):
        list(collectors.references(MARKDOWN))
    with remembered("Plan\n2024-01"):
        changed = list(collectors.references(MARKDOWN + b"\nMore [text](more.md).\n"))
    assert counted["references"] == 2
    assert changed[-1].kind == "link"
    with remembered("Plan\n2024-01"):
        list(collectors.references(MARKDOWN))
    assert counted["references"] == 3  # dropped: the build before did not use it


def test_each_version_has_its_own_cache(counted):
    with remembered("Plan\n2024-01"):
        list(collectors.references(MARKDOWN))
    with remembered("Plan\n2024-02"):
        list(collectors.references(MARKDOWN))
    with remembered("Plan\n2024-01"):
        list(collectors.references(MARKDOWN))
    assert counted["references"] == 2


def test_outside_a_build_the_scan_is_used_as_it_is(counted):
    list(collectors.references(MARKDOWN))
    list(collectors.references(MARKDOWN))
    assert counted["references"] == 2


@pytest.mark.parametrize(
    "damage",
    [
        b"not a pickle",
        b"",
        # a pickle that would run code: refused, not run
        b"cos\nsystem\n(S'echo hacked'\ntR.",
    ],
)
def test_a_damaged_cache_is_scanned_again(counted, tmp_path, damage):
    with remembered("Plan\n2024-01"):
        scanned = list(collectors.references(MARKDOWN))
    (kept,) = (tmp_path / "cache" / "zensical-scans").glob("*/*.pickle")
    kept.write_bytes(damage)
    with remembered("Plan\n2024-01"):
        again = list(collectors.references(MARKDOWN))
    assert again == scanned
    assert counted["references"] == 2


@pytest.mark.parametrize(
    "entry",
    [
        (("", "Unknown", (1, 2)),),  # a class the scan does not make
        ("goals",),  # a string where a value was kept: not iterated letter by letter
        "goals",  # a result that is not a tuple
        ([1, 2],),  # a list: not plain data as kept
        (("x", "Span", (1, 2)),),
    ],
)
def test_an_entry_of_an_unknown_shape_is_scanned_again(counted, tmp_path, entry):
    with remembered("Plan\n2024-01"):
        scanned = list(collectors.references(MARKDOWN))
    (path,) = (tmp_path / "cache" / "zensical-scans").glob("*/*.pickle")
    kept = zensical_scans._read(path)
    path.write_bytes(pickle.dumps(dict.fromkeys(kept, entry)))
    with remembered("Plan\n2024-01"):
        assert list(collectors.references(MARKDOWN)) == scanned
    assert counted["references"] == 2


def test_only_the_versions_built_last_are_kept(counted, tmp_path, monkeypatch):
    monkeypatch.setattr(zensical_scans, "KEPT_VERSIONS", 2)
    scans = tmp_path / "cache" / "zensical-scans"
    (scans / "another-zensical").mkdir(parents=True)
    (scans / "another-zensical" / "x.pickle").write_bytes(b"old")
    for number, release in enumerate(("2024-01", "2024-02", "2024-03")):
        with remembered(f"Plan\n{release}"):
            list(collectors.references(MARKDOWN + str(number).encode()))
        for kept in scans.glob("*/*.pickle"):  # written in this order, a second apart
            os.utime(kept, (kept.stat().st_mtime - 1,) * 2)
    assert len(list(scans.glob("*/*.pickle"))) == 2
    assert not (scans / "another-zensical").exists()
    with remembered("Plan\n2024-01"):  # the oldest, dropped: scanned again
        list(collectors.references(MARKDOWN + b"0"))
    assert counted["references"] == 4


def test_an_unwritable_cache_only_costs_time(counted, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(blocked))
    with remembered("Plan\n2024-01"):
        scanned = list(collectors.references(MARKDOWN))
    with remembered("Plan\n2024-01"):
        assert list(collectors.references(MARKDOWN)) == scanned
    assert counted["references"] == 2
