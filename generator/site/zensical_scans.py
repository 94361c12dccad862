"""Zensical's scans of every page, kept in the user's cache by what they scan.

On every build, Zensical 0.0.73 calls back into Python for each page: to find the links in
its Markdown (``zensical.collectors.references``, a scan character by character) and the
anchors in its HTML (``zensical.collectors.anchors``). For a version of 300 pages that was
2 of its 2.8 seconds, even when no page changed; the link scan is now given a cursor that
steps over plain text (``zensical_cursor``), about 4 times faster. Both are pure functions
of their input, so ``remembered`` puts a cache in front of each while a version is built,
keyed by the digest of the input: a preview refresh scans again only the pages that
changed. Zensical is given exactly what the scan gave: values of the same classes, with the
same fields, in order.

The cache is one file per version (by site and release), in a folder per version of Zensical
and of this code (the others are removed, and all but the 200 versions built last), holding
the results the version's last build used, as plain data (``_plain``). It is read back with
an unpickler that makes nothing but plain data, and written atomically after the build; a
file that cannot be read or written only costs time. Only the scans that are there are
wrapped: another version of Zensical without them is used as it is.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import pickle
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from generator.atomic import code_digest, keep_file, prune, read_plain
from generator.content.parse_cache import cache_dir
from generator.site.zensical_cursor import stepping_references

_SCANS = {"references": tuple, "anchors": str}
"""Each scan wrapped, with what each of its values is kept as: a dataclass (a tuple, see
``_plain``) or a string."""


def _plain(value: Any) -> Any:
    """``value`` as tuples, strings and numbers: a dataclass as (its class name, its fields)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return ("", type(value).__name__, tuple(_plain(getattr(value, f.name)) for f in fields))
    if isinstance(value, (str, int, float, bool, bytes)) or value is None:
        return value
    raise TypeError(f"{type(value).__name__} is not kept")


_SCALARS = (str, int, float, bool, bytes, type(None))


def _made(value: Any, classes: dict[str, type]) -> Any:
    """The value ``_plain`` was given; ``ValueError`` if ``value`` is not shaped as one."""
    if isinstance(value, tuple):
        if len(value) != 3 or value[0] != "" or not isinstance(value[2], tuple):
            raise ValueError("not a kept value")
        return classes[value[1]](*(_made(f, classes) for f in value[2]))
    if not isinstance(value, _SCALARS):
        raise ValueError("not a kept value")
    return value


def _classes() -> dict[str, type]:
    """The classes a scan's results are made of, by name."""
    from zensical.collectors.references import types
    from zensical.utilities.span import Span

    found = {Span.__name__: Span}
    for name in dir(types):
        value = getattr(types, name)
        if isinstance(value, type) and dataclasses.is_dataclass(value):
            found[name] = value
    return found


class _Store:
    """The results kept from the last build (``kept``) and those this build used (``used``)."""

    def __init__(self, kept: dict[bytes, Any]) -> None:
        self.kept, self.used = kept, dict[bytes, Any]()
        self.lock = threading.Lock()  # Zensical calls in from several threads


_CURRENT: list[_Store] = []
"""The store of the build under way in this process, if any."""


class Remembered:
    """``scan`` (named ``name``), whose results are looked up in the current store."""

    def __init__(self, name: str, scan: Callable[..., Iterable[Any]]) -> None:
        self.name, self.scan, self.classes = name, scan, _classes()
        self.kept_as = _SCANS[name]

    def __call__(self, text: bytes | str, *args: Any) -> Iterator[Any]:
        store = _CURRENT[-1] if _CURRENT else None
        if store is None:
            return iter(self.scan(text, *args))
        hasher = hashlib.sha256(f"{self.name}\n{args!r}\n{type(text).__name__}\n".encode())
        hasher.update(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
        key = hasher.digest()
        with store.lock:
            plain = store.kept.get(key)
        if plain is not None:
            try:
                if not isinstance(plain, tuple) or not all(
                    isinstance(v, self.kept_as) for v in plain
                ):
                    raise ValueError("not a kept result")
                found = [_made(v, self.classes) for v in plain]
            except Exception:  # noqa: BLE001 - damaged: scanned again
                plain = None
        if plain is None:
            found = list(self.scan(text, *args))
            try:
                plain = tuple(_plain(v) for v in found)
            except TypeError:
                return iter(found)
        with store.lock:
            store.used[key] = plain
        return iter(found)


def _wrap() -> bool:
    """Put ``Remembered`` in front of Zensical's scans in this process; whether it could."""
    try:
        import zensical.collectors as collectors

        for name in _SCANS:
            scan = getattr(collectors, name, None)
            if callable(scan) and not isinstance(scan, Remembered):
                if name == "references":
                    scan = stepping_references(scan)
                setattr(collectors, name, Remembered(name, scan))
    except (ImportError, AttributeError):
        return False
    return True


def _read(path: Path) -> dict[bytes, Any]:
    kept = read_plain(path)
    return kept if isinstance(kept, dict) else {}


@contextlib.contextmanager
def remembered(version: str) -> Iterator[None]:
    """While a version (``version``: its site and release) is built: Zensical's scans use
    and keep the results of its last build."""
    if not _wrap():
        yield
        return
    folder = cache_dir() / "zensical-scans" / _salt()
    path = folder / f"{hashlib.sha256(version.encode()).hexdigest()[:32]}.pickle"
    store = _Store(_read(path))
    _CURRENT.append(store)
    try:
        yield
    finally:
        _CURRENT.remove(store)
    if store.used != store.kept:
        with contextlib.suppress(pickle.PicklingError, RecursionError):
            if keep_file(path, pickle.dumps(store.used, protocol=pickle.HIGHEST_PROTOCOL)):
                prune(folder, KEPT_VERSIONS, folders=1)  # other versions' removed


_CURSOR = Path(__file__).with_name("zensical_cursor.py")


@functools.cache
def _salt() -> str:
    """Zensical's version and this module's: a folder per pair."""
    return code_digest("zensical-scans", [Path(__file__), _CURSOR], ["zensical"]).hex()[:32]


KEPT_VERSIONS = 200
"""Versions whose scans are kept: the most recently built."""
