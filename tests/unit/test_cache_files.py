"""Every cache is keyed by the code that made what it keeps (``atomic.code_digest``): its own
modules, progress-site's and Python's versions, and the libraries as this process imports
them. A write cut short leaves nothing behind for long (``atomic.sweep_leftovers``)."""

from __future__ import annotations

import importlib
import sys

from generator.atomic import code_digest, library_version


def _library(folder, version: str) -> None:
    folder.mkdir(parents=True)
    (folder / "keyedlib.py").write_text(f'__version__ = "{version}"\n', encoding="utf-8")


def _digest_with(folder, monkeypatch) -> bytes:
    monkeypatch.syspath_prepend(str(folder))
    sys.modules.pop("keyedlib", None)
    importlib.invalidate_caches()
    try:
        return code_digest("test", [], ["keyedlib"])
    finally:
        sys.modules.pop("keyedlib", None)


def test_another_version_or_copy_of_a_library_is_another_key(tmp_path, monkeypatch):
    _library(tmp_path / "one", "1.0")
    _library(tmp_path / "two", "2.0")
    _library(tmp_path / "shadow", "1.0")  # the same version, read from another copy
    with monkeypatch.context() as one:
        first = _digest_with(tmp_path / "one", one)
    with monkeypatch.context() as again:
        assert _digest_with(tmp_path / "one", again) == first
    with monkeypatch.context() as two:
        assert _digest_with(tmp_path / "two", two) != first
    with monkeypatch.context() as shadow:
        assert _digest_with(tmp_path / "shadow", shadow) != first


def test_a_library_that_is_not_there_is_named_as_such():
    assert library_version("no_such_library_here") == "none"
    assert code_digest("x", [], ["no_such_library_here"]) != code_digest("x", [])


def test_a_library_without_a_version_attribute_takes_its_distributions():
    import zensical

    assert not hasattr(zensical, "__version__")
    assert library_version("zensical").startswith(f"{zensical.version()} ")


def test_a_write_cut_short_leaves_nothing_for_long(tmp_path):
    """A process killed mid-write leaves its temporary file; the next write to the folder
    removes it once it is an hour old, and never a write still under way."""
    import os
    import time

    from generator import atomic

    folder = tmp_path / "cache"
    folder.mkdir()
    old, recent = folder / ".a.pickle.x1.tmp", folder / ".b.pickle.x2.tmp"
    kept = folder / "c.pickle"
    for path in (old, recent, kept):
        path.write_bytes(b"partial")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    os.utime(kept, (hours_ago, hours_ago))
    atomic._swept.discard(folder)
    assert atomic.keep_file(folder / "d.pickle", b"whole")
    assert not old.exists()
    assert recent.read_bytes() == kept.read_bytes() == b"partial"
    assert (folder / "d.pickle").read_bytes() == b"whole"
