"""Word diffs kept between builds, keyed by the digests of the two texts.

From one build to the next most narratives compared are the same texts: every earlier
version's "What changed" pages compare texts that have not changed, and a preview rebuilt
after a save compares all but one of them again. A diff is worked out once and kept in the
user's cache (``cache_dir()/word-diffs``), beside the parsed files and drawn charts.

Each version keeps the diffs its pages show in a store of its own, so a version's build
reads only its own and the one before it (``use``), whatever the length of the history.
Versions build in processes of their own: each writes the diffs it used and made to a file
of its own (``keep``), and the build folds those into the versions' stores when it is done
(``merge``); a version's store is then exactly what its last build used. Every write is
atomic. A store or file that cannot be read is ignored (and rebuilt); a kept diff is used
only if it is well formed and is a diff of the two texts asked about, so a damaged cache
costs time, never a wrong page. Outside a version's build (``use`` not called) nothing is
kept or read.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import re
import uuid
from pathlib import Path

from generator.atomic import code_digest, keep_file, read_plain
from generator.content.parse_cache import cache_dir
from generator.facts.words import (
    Op,
    Segment,
    SequenceMatcher,
    normal_text,
    old_and_new,
    same_words,
    word_diff,
)

STORE = "version-{}.pickle"
"""A version's store, named by the digest of its release id."""

Entry = tuple[tuple[str, str], ...]
_OPS = {op.value: op for op in Op}

_store: str | None = None
"""The store of the version this process builds; None outside a version's build."""
_known: dict[bytes, Entry] = {}
_made: dict[bytes, Entry] = {}
_used: set[bytes] = set()


def folder() -> Path:
    return cache_dir() / "word-diffs"


@functools.cache
def _salt() -> bytes:
    """The code that makes a diff: a change to it makes every kept diff stale."""
    matcher = SequenceMatcher.__module__.partition(".")[0]  # cydifflib, or difflib
    return code_digest(f"word-diffs 1 {matcher}", [Path(__file__).parent / "words.py"], [matcher])


def _key(old: str, new: str) -> bytes:
    hasher = hashlib.sha256(_salt())
    for text in (old, new):
        data = text.encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.digest()


def _write(path: Path, value: object) -> None:
    """``value`` into ``path`` atomically; a cache that cannot be written only costs time."""
    try:
        keep_file(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, RecursionError):
        pass


def _entries(value: object) -> dict[bytes, Entry]:
    """The entries of a store or file read back: anything not shaped as one is left out (each
    diff is checked against its texts when used)."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, bytes) and isinstance(v, tuple)}


def store_name(release_id: str) -> str:
    return STORE.format(hashlib.sha256(release_id.encode("utf-8", "surrogatepass")).hexdigest())


def use(release_id: str, previous: str | None = None) -> None:
    """Diffs from now on are kept for the version of ``release_id``: read its store, and the
    store of the version before it (``previous``), whose pages showed most of the same
    comparisons, so that publishing a release works out only the diffs it adds."""
    global _store, _known
    _store = store_name(release_id)
    _known = _entries(read_plain(folder() / store_name(previous))) if previous is not None else {}
    _known.update(_entries(read_plain(folder() / _store)))
    _made.clear()
    _used.clear()


def _segments(entry: object, old: str, new: str) -> tuple[Segment, ...] | None:
    """The kept ``entry`` as segments, if it is a diff of ``old`` and ``new``; else None."""
    if not isinstance(entry, tuple):
        return None
    segments = []
    for part in entry:
        if not (isinstance(part, tuple) and len(part) == 2):
            return None
        op, text = part
        if not isinstance(text, str) or not text or op not in _OPS:
            return None
        segments.append(Segment(_OPS[op], text))
    old_side, new_side = old_and_new(segments)
    if new_side != normal_text(new) or not same_words(old_side, old):
        return None
    return tuple(segments)


def kept_word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """``word_diff(old, new)``, kept from an earlier build where it was worked out before."""
    if _store is None:
        return word_diff(old, new)
    key = _key(old, new)
    found = _made.get(key) or _known.get(key)
    segments = _segments(found, old, new) if found is not None else None
    if segments is not None:
        _used.add(key)
        return segments
    segments = word_diff(old, new)
    _made[key] = tuple((s.op.value, s.text) for s in segments)
    return segments


def keep() -> None:
    """Write the diffs this process made, and which kept ones it used, to a file of its own."""
    if _store is None or not (_made or _used):
        return
    used = {k: _known[k] for k in _used if k in _known and k not in _made}
    record = {"store": _store, "entries": {**used, **_made}}
    _write(folder() / f"made-{uuid.uuid4().hex}.pickle", record)
    _made.clear()
    _used.clear()


def merge() -> None:
    """Make each built version's store what its build used and made; remove the files."""
    keep()
    files = sorted(folder().glob("made-*.pickle"))
    stores: dict[str, dict[bytes, Entry]] = {}
    for path in files:
        value = read_plain(path)
        name = value.get("store") if isinstance(value, dict) else None
        if isinstance(name, str) and re.fullmatch(r"version-[0-9a-f]{64}\.pickle", name):
            stores.setdefault(name, {}).update(_entries(value.get("entries")))
    for name, entries in stores.items():
        _write(folder() / name, entries)
    for path in files:
        path.unlink(missing_ok=True)


def forget() -> None:
    """Back to no version: nothing kept or read (the next ``use`` reads a store again)."""
    global _store, _known
    _store = None
    _known = {}
    _made.clear()
    _used.clear()
