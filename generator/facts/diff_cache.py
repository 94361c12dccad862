"""Word diffs kept between builds, keyed by the digests of the two texts.

From one build to the next most narratives compared are the same texts: every earlier
version's "What changed" pages compare texts that have not changed, and a preview rebuilt
after a save compares all but one of them again. A diff is worked out once and kept in the
user's cache (``cache_dir()/word-diffs``), beside the parsed files and drawn charts.

Versions build in processes of their own, forked from the build: the build loads the kept
diffs once before forking (``load``), each version's process writes the diffs it made to a
file of its own (``keep``), and the build merges those into the store when it is done
(``merge``). Every write is atomic. A store or file that cannot be read is ignored (and
rebuilt); a kept diff is used only if it is well formed and is a diff of the two texts asked
about, so a damaged cache costs time, never a wrong page.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import re
import tempfile
import unicodedata
import uuid
from pathlib import Path

from generator.content.parse_cache import cache_dir
from generator.facts.words import Op, Segment, word_diff

STORE = "store.pickle"
MAX_ENTRIES = 250_000
"""A store grown larger keeps only the diffs the last build used or made."""

Entry = tuple[tuple[str, str], ...]
_OPS = {op.value: op for op in Op}
_SPACE = re.compile(r"\s+")

_known: dict[bytes, Entry] | None = None
_made: dict[bytes, Entry] = {}
_used: set[bytes] = set()


def folder() -> Path:
    return cache_dir() / "word-diffs"


@functools.cache
def _salt() -> bytes:
    """The code that makes a diff: a change to it makes every kept diff stale."""
    hasher = hashlib.sha256(b"word-diffs 1\n")
    hasher.update((Path(__file__).parent / "words.py").read_bytes())
    return hasher.digest()


def _key(old: str, new: str) -> bytes:
    hasher = hashlib.sha256(_salt())
    for text in (old, new):
        data = text.encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.digest()


class _PlainUnpickler(pickle.Unpickler):
    """Reads plain data (dicts, tuples, sets, strings, bytes) and nothing that runs code."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def _read(path: Path) -> object:
    """What ``path`` holds, or None if it is missing or cannot be read back."""
    try:
        return _PlainUnpickler(io.BytesIO(path.read_bytes())).load()
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: ignored
        return None


def _write(path: Path, value: object) -> None:
    """``value`` into ``path`` atomically; a cache that cannot be written only costs time."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
    except (OSError, pickle.PicklingError, RecursionError):
        if tmp is not None:
            Path(tmp.name).unlink(missing_ok=True)


def _entries(value: object) -> dict[bytes, Entry]:
    """The entries of a store or file read back: anything not shaped as one is left out (each
    diff is checked against its texts when used)."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, bytes) and isinstance(v, tuple)}


def load() -> None:
    """Read the store, once per process (a forked version build inherits it)."""
    global _known
    if _known is None:
        _known = _entries(_read(folder() / STORE))


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
    new_side = "".join(s.text for s in segments if s.op is not Op.DELETE)
    old_side = "".join(s.text for s in segments if s.op is not Op.INSERT)
    if new_side != _normal(new) or _words(old_side) != _words(_normal(old)):
        return None
    return tuple(segments)


def _normal(text: str) -> str:
    """The text a diff is made of: trimmed, NFC (``words.tokens`` keeps every character)."""
    return unicodedata.normalize("NFC", text.strip())


def _words(text: str) -> str:
    return _SPACE.sub(" ", text)


def kept_word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """``word_diff(old, new)``, kept from an earlier build where it was worked out before."""
    load()
    key = _key(old, new)
    found = _made.get(key)
    if found is None and _known is not None:
        found = _known.get(key)
    segments = _segments(found, old, new) if found is not None else None
    if segments is not None:
        _used.add(key)
        return segments
    segments = word_diff(old, new)
    _made[key] = tuple((s.op.value, s.text) for s in segments)
    return segments


def keep() -> None:
    """Write the diffs this process made, and which kept ones it used, to a file of its own."""
    if not _made and not _used:
        return
    _write(folder() / f"made-{uuid.uuid4().hex}.pickle", {"made": dict(_made), "used": set(_used)})
    _made.clear()
    _used.clear()


def merge() -> None:
    """Fold every version build's file into the store, then remove those files."""
    keep()
    made: dict[bytes, Entry] = {}
    used: set[bytes] = set()
    shards = sorted(folder().glob("made-*.pickle"))
    if not shards:
        return
    for shard in shards:
        value = _read(shard)
        if isinstance(value, dict):
            made.update(_entries(value.get("made")))
            found = value.get("used")
            if isinstance(found, (set, frozenset)):
                used |= {k for k in found if isinstance(k, bytes)}
    known = _entries(_read(folder() / STORE))
    store = {**known, **made}
    if len(store) > MAX_ENTRIES:
        store = {**{k: known[k] for k in used if k in known}, **made}
    _write(folder() / STORE, store)
    global _known
    _known = store
    for shard in shards:
        shard.unlink(missing_ok=True)


def forget() -> None:
    """Drop what this process holds (the next diff reads the store again)."""
    global _known
    _known = None
    _made.clear()
    _used.clear()
