"""Compiled Jinja templates kept in the user's cache (``PROGRESS_SITE_CACHE``), so that a build
compiles again only a template that changed: Jinja keys each template by its name and file,
and checks the digest of its source. One folder per ``name``, which stands for everything
else that decides how a template compiles (the environment's settings, Jinja, Python); a
cache that cannot be written or read only costs time."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys

import jinja2
import jinja2.bccache

from generator.content.parse_cache import cache_dir


def folder_name(*parts: str) -> str:
    """A cache folder's name for the environment described by ``parts``, with Jinja's and
    Python's versions."""
    hasher = hashlib.sha256(f"{jinja2.__version__}\n{sys.version}\n".encode())
    for part in parts:
        hasher.update(part.encode("utf-8", "replace") + b"\0")
    return hasher.hexdigest()[:32]


class KeptCompiled(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache in ``templates/<name>`` of the user's cache."""

    def __init__(self, name: str) -> None:
        super().__init__(str(cache_dir() / "templates" / name))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - unreadable or damaged: compiled again
            bucket.reset()
