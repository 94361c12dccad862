"""Word diffs kept between builds: the same diffs as worked out afresh, whatever the cache holds."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.facts import diff_cache
from generator.facts.words import word_diff

PAIRS = [
    ("The panel met in May.", "The panel met in June and agreed the plan."),
    ("Recruit  two\nsocial workers.", "Recruit three social workers now."),
    ("<img src=x onerror=alert(1)>", "<img src=y onerror=alert(2)> café 日本語"),
    ("Lone \ud800 surrogate", "Lone \udfff surrogate kept"),
    ("", "Something new."),
    ("Gone entirely.", ""),
    ("word " * 400, "word " * 399 + "changed"),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(tmp_path))
    diff_cache.forget()
    yield tmp_path / "word-diffs"
    diff_cache.forget()


def _store(folder: Path, release: str = "2026-01") -> dict[bytes, object]:
    value = pickle.loads((folder / diff_cache.store_name(release)).read_bytes())
    assert isinstance(value, dict)
    return value


def _kept(old: str, new: str) -> bytes:
    return diff_cache._key(old, new)


def test_kept_diffs_are_the_diffs_worked_out_afresh(cache: Path) -> None:
    diff_cache.use("2026-01")
    for old, new in PAIRS:
        assert diff_cache.kept_word_diff(old, new) == word_diff(old, new)
    diff_cache.merge()
    assert len(_store(cache)) == len(PAIRS)
    assert not list(cache.glob("made-*"))
    diff_cache.use("2026-01")
    for old, new in PAIRS:
        assert diff_cache.kept_word_diff(old, new) == word_diff(old, new)
    diff_cache.merge()
    assert len(_store(cache)) == len(PAIRS)


def test_a_kept_diff_is_used_rather_than_worked_out_again(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = PAIRS[0]
    diff_cache.use("2026-01")
    expected = diff_cache.kept_word_diff(old, new)
    diff_cache.merge()
    diff_cache.use("2026-01")

    def fail(old: str, new: str) -> object:
        raise AssertionError("worked out again")

    monkeypatch.setattr(diff_cache, "word_diff", fail)
    assert diff_cache.kept_word_diff(old, new) == expected


def test_a_version_keeps_what_its_last_build_used(cache: Path) -> None:
    diff_cache.use("2026-01")
    diff_cache.kept_word_diff(*PAIRS[0])
    diff_cache.kept_word_diff(*PAIRS[1])
    diff_cache.keep()
    diff_cache.use("2026-02")
    diff_cache.kept_word_diff(*PAIRS[2])
    diff_cache.keep()
    assert len(list(cache.glob("made-*.pickle"))) == 2
    diff_cache.merge()
    assert not list(cache.glob("made-*.pickle"))
    assert set(_store(cache)) == {_kept(*PAIRS[0]), _kept(*PAIRS[1])}
    assert set(_store(cache, "2026-02")) == {_kept(*PAIRS[2])}

    diff_cache.use("2026-01")  # the next build shows one of its two diffs, and a new one
    diff_cache.kept_word_diff(*PAIRS[1])
    diff_cache.kept_word_diff(*PAIRS[3])
    diff_cache.merge()
    assert set(_store(cache)) == {_kept(*PAIRS[1]), _kept(*PAIRS[3])}
    assert set(_store(cache, "2026-02")) == {_kept(*PAIRS[2])}


def test_a_new_version_uses_the_diffs_of_the_version_before_it(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    diff_cache.use("2026-01")
    expected = [diff_cache.kept_word_diff(*pair) for pair in PAIRS[:2]]
    diff_cache.merge()

    def fail(old: str, new: str) -> object:
        raise AssertionError("worked out again")

    diff_cache.use("2026-02", "2026-01")  # a release published after 2026-01
    monkeypatch.setattr(diff_cache, "word_diff", fail)
    assert [diff_cache.kept_word_diff(*pair) for pair in PAIRS[:2]] == expected
    diff_cache.merge()
    assert set(_store(cache, "2026-02")) == {_kept(*PAIRS[0]), _kept(*PAIRS[1])}


def test_outside_a_version_nothing_is_kept(cache: Path) -> None:
    assert diff_cache.kept_word_diff(*PAIRS[0]) == word_diff(*PAIRS[0])
    diff_cache.merge()
    assert not cache.exists()


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a pickle at all",
        pickle.dumps(["a", "list"]),
        pickle.dumps(os.getcwd)[:-3],
    ],
)
def test_a_damaged_store_is_ignored_and_rebuilt(cache: Path, damage: bytes) -> None:
    cache.mkdir(parents=True)
    (cache / diff_cache.store_name("2026-01")).write_bytes(damage)
    diff_cache.use("2026-01")
    old, new = PAIRS[1]
    assert diff_cache.kept_word_diff(old, new) == word_diff(old, new)
    diff_cache.merge()
    assert len(_store(cache)) == 1


def test_a_damaged_file_of_a_version_build_is_ignored(cache: Path) -> None:
    cache.mkdir(parents=True)
    (cache / "made-broken.pickle").write_bytes(b"\x80\x05garbage")
    (cache / "made-elsewhere.pickle").write_bytes(
        pickle.dumps({"store": "../../outside.pickle", "entries": {}})
    )
    diff_cache.use("2026-01")
    diff_cache.kept_word_diff(*PAIRS[0])
    diff_cache.merge()
    assert sorted(p.name for p in cache.iterdir()) == [diff_cache.store_name("2026-01")]
    assert not (cache.parent.parent / "outside.pickle").exists()


def test_a_store_that_would_run_code_is_not_loaded(cache: Path) -> None:
    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (Path.touch, (str(cache / "ran"),))

    cache.mkdir(parents=True)
    (cache / diff_cache.store_name("2026-01")).write_bytes(pickle.dumps({b"k": Payload()}))
    diff_cache.use("2026-01")
    old, new = PAIRS[0]
    assert diff_cache.kept_word_diff(old, new) == word_diff(old, new)
    assert not (cache / "ran").exists()


@pytest.mark.parametrize(
    "entry",
    [
        (("equal", "The panel met in "), ("delete", "May"), ("insert", "July"), ("equal", ".")),
        (("equal", "The panel met in June and agreed the plan."),),
        (("same", "The panel met in June and agreed the plan."),),
        (("insert", 7),),
        "not a tuple",
        (("insert",),),
    ],
)
def test_a_kept_diff_of_other_texts_is_not_trusted(cache: Path, entry: object) -> None:
    old, new = PAIRS[0]
    cache.mkdir(parents=True)
    store = cache / diff_cache.store_name("2026-01")
    store.write_bytes(pickle.dumps({_kept(old, new): entry}))
    diff_cache.use("2026-01")
    assert diff_cache.kept_word_diff(old, new) == word_diff(old, new)


def test_an_unwritable_cache_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(blocker))
    diff_cache.forget()
    try:
        diff_cache.use("2026-01")
        old, new = PAIRS[2]
        assert diff_cache.kept_word_diff(old, new) == word_diff(old, new)
        diff_cache.merge()
    finally:
        diff_cache.forget()
