"""Parsed content files kept on disk by the digest of their text, so that a build reads again
only the files that changed: with a long history, every earlier progress report is the same
from one build to the next.

The cache is the user's own (``PROGRESS_SITE_CACHE``, else ``$XDG_CACHE_HOME/progress-site``
or ``~/.cache/progress-site``), the one the charts are kept in. Only files that parsed without
a problem are kept; a kept file that cannot be read back, or that holds anything but the
parser's mappings and lists and plain values (``_ParsedUnpickler``), is parsed again.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.atomic import code_digest, keep_file
from generator.errors import Problems


def cache_dir() -> Path:
    """Where progress-site keeps what it can make again: parsed files and drawn charts."""
    configured = os.environ.get("PROGRESS_SITE_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "progress-site"


@functools.cache
def _salt() -> bytes:
    """The parser's own version: the code that turns text into parsed values."""
    here = Path(__file__).parent
    modules = ("load.py", "strings.py", "parse_cache.py")
    return code_digest("parsed", [here / name for name in modules], ["yaml"])


def cached_parse(
    text: str, display: str, problems: Problems, parse: Callable[[str, str, Problems], Any]
) -> Any:
    """``parse(text, display, problems)``, or what it gave for the same text before."""
    hasher = hashlib.sha256(_salt())  # ``display`` only names the file in problems
    hasher.update(text.encode("utf-8", "surrogatepass"))
    path = cache_dir() / "parsed" / f"{hasher.hexdigest()}.pickle"
    try:
        return _ParsedUnpickler(io.BytesIO(path.read_bytes())).load()
    except Exception:  # noqa: BLE001 - missing, unreadable, damaged or foreign: parse again
        pass
    before = len(problems)
    value = parse(text, display, problems)
    if len(problems) == before and value is not None:
        _keep(path, value)
    return value


PARSED = ("YMap", "YList")
"""The classes a parsed file is made of, besides plain values (``content.load``'s mappings
and lists, which carry the lines of their keys and items)."""


class _ParsedUnpickler(pickle.Unpickler):
    """Makes a parsed file's mappings and lists, and nothing else (nothing that runs code)."""

    def find_class(self, module: str, name: str) -> type:
        loaded = sys.modules.get("generator.content.load")  # the parser: loaded by now
        if module == "generator.content.load" and name in PARSED and loaded is not None:
            return getattr(loaded, name)  # type: ignore[no-any-return]
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a parsed file")


def _keep(path: Path, value: Any) -> None:
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, RecursionError):
        return
    keep_file(path, data)  # an unwritable cache only costs time
