"""``deploy`` to a store of files (an S3 bucket or a folder): send only what changed.

A manifest kept in the store (``.progress-site-deploy.json``) records each file a deploy sent
and its SHA-256. A deploy

1. reads the manifest and sends the files whose content differs from it, in the order of
   ``deploy_files`` (version files first, ``versions.json`` last);
2. before sending anything, records those files as ``pending`` in the manifest, so that a
   deploy cut short still knows they are its own;
3. deletes the files of its own (in the manifest) that the site no longer has, and nothing
   else under its prefix;
4. writes the new manifest.

Cut short at any point, the next deploy sends the pending files again and ends in the same
state as one uninterrupted run.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.errors import ProgressSiteError
from generator.plurals import counted
from generator.site.deploy_files import SiteFile, plain_path, reading, site_files, stage

MANIFEST = ".progress-site-deploy.json"

Log = Callable[[str], None]


class Store(Protocol):
    """Where a site is deployed; paths are relative to the site's root."""

    name: str
    """How messages name it, such as s3://bucket/prefix."""

    def read(self, path: str) -> bytes | None:
        """The file's content, or None when there is no such file."""

    def put(self, item: SiteFile) -> None: ...

    def put_bytes(self, path: str, data: bytes) -> None: ...

    def delete(self, path: str) -> None: ...

    def locked(self) -> contextlib.AbstractContextManager[None]:
        """Held for the whole deploy: a second deploy to the same place refuses."""


@dataclass(frozen=True)
class Manifest:
    files: dict[str, str] = field(default_factory=dict)
    """Each file deployed, and the SHA-256 of its content."""
    pending: frozenset[str] = frozenset()
    """Files a deploy began sending but may not have finished."""

    def to_bytes(self) -> bytes:
        data = {
            "format": 1,
            "files": dict(sorted(self.files.items())),
            "pending": sorted(self.pending),
        }
        return (json.dumps(data, indent=1) + "\n").encode("utf-8")


def read_manifest(store: Store) -> Manifest:
    data = store.read(MANIFEST)
    if data is None:
        return Manifest()
    try:
        found = json.loads(data)
        files = {str(k): str(v) for k, v in found["files"].items()}
        pending = frozenset(str(p) for p in found.get("pending", ()))
        if not all(map(plain_path, [*files, *pending])):
            raise ValueError("a path outside the site")
        return Manifest(files, pending)
    except (ValueError, TypeError, KeyError, AttributeError):
        raise ProgressSiteError(
            f"{store.name}/{MANIFEST} is not a deploy manifest progress-site can read; "
            "it lists what earlier deploys sent, so nothing was changed"
        ) from None


@dataclass(frozen=True)
class Changes:
    uploads: list[SiteFile]
    deletes: list[str]
    unchanged: int


def changes(files: list[SiteFile], manifest: Manifest) -> Changes:
    """What a deploy of ``files`` over what ``manifest`` records must send and delete."""
    uploads = [
        f for f in files if manifest.files.get(f.path) != f.digest or f.path in manifest.pending
    ]
    have = {f.path for f in files}
    deletes = sorted((set(manifest.files) | manifest.pending) - have)
    return Changes(uploads, deletes, len(files) - len(uploads))


def deploy_to_store(site_dir: Path, store: Store, dry_run: bool = False) -> Changes:
    """Deploy the built site at ``site_dir`` into ``store``; returns what changed (or would)."""
    with reading(site_dir):
        files = site_files(site_dir)
        with contextlib.nullcontext() if dry_run else store.locked():
            manifest = read_manifest(store)
            todo = changes(files, manifest)
            if dry_run or not (todo.uploads or todo.deletes):
                return todo
            claimed = manifest.pending | {f.path for f in todo.uploads}
            store.put_bytes(MANIFEST, Manifest(manifest.files, frozenset(claimed)).to_bytes())
            _send(store, todo.uploads)
            for path in todo.deletes:
                store.delete(path)
            store.put_bytes(MANIFEST, Manifest({f.path: f.digest for f in files}).to_bytes())
    return todo


def _send(store: Store, uploads: list[SiteFile]) -> None:
    """Send ``uploads`` stage by stage; within a stage, ``store.workers`` files at once."""
    workers = getattr(store, "workers", 1)
    for _, group in itertools.groupby(uploads, key=stage):
        items = list(group)
        if workers == 1 or len(items) == 1:
            for item in items:
                store.put(item)
            continue
        with ThreadPoolExecutor(workers) as pool:
            futures = [pool.submit(store.put, item) for item in items]
            try:
                for future in futures:
                    future.result()
            except BaseException:
                for future in futures:
                    future.cancel()  # those not yet started; the next deploy sends them
                raise


def describe(todo: Changes, store: Store, dry_run: bool) -> list[str]:
    """What ``deploy`` prints: a summary line, and with ``--dry-run`` every change."""
    sent = counted(len(todo.uploads), "file")
    gone = counted(len(todo.deletes), "file")
    if dry_run:
        colon = ":" if todo.uploads or todo.deletes else ""
        lines = [
            f"Would upload {sent} and delete {gone} in {store.name} "
            f"({todo.unchanged} unchanged){colon}"
        ]
        lines += [f"  upload {f.path}" for f in todo.uploads]
        lines += [f"  delete {path}" for path in todo.deletes]
        return lines
    return [f"Uploaded {sent} and deleted {gone} in {store.name} ({todo.unchanged} unchanged)"]
