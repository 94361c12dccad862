"""A plain folder (a mounted web root) as a place to deploy to.

Each file is written beside its target under a hidden temporary name and renamed over it, so
a reader meets either the old file or the new one, never part of one. One deploy at a time
per folder: a second refuses while the first holds the folder's lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from generator.errors import ProgressSiteError
from generator.site.deploy_files import SiteFile, spelled

PARTIAL_SUFFIX = ".deploy-partial"
PARTIAL = re.compile(r"^\..+\.[a-z0-9_]{8}\.deploy-partial$")
"""A file being written by a deploy: ``.<name>.<random>.deploy-partial``."""


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


class FolderStore:
    def __init__(self, root: Path, site_dir: Path) -> None:
        self.root = root
        self.name = spelled(str(root))
        real, site = root.absolute().resolve(), site_dir.absolute().resolve()
        if real == site or site in real.parents or real in site.parents:
            raise ProgressSiteError(
                f"--to {self.name}: choose a folder outside the built site "
                f"{spelled(str(site_dir))}, and not one that holds it"
            )
        if root.exists() and not root.is_dir():
            raise ProgressSiteError(f"--to {self.name}: it is a file, not a folder")

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as exc:
            raise ProgressSiteError(f"cannot deploy to {self.name}: {_reason(exc)}") from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise ProgressSiteError(
                    f"another deploy to {self.name} is running; wait for it to finish and "
                    "deploy again"
                ) from None
            self._clear_partial()
            yield
        finally:
            os.close(fd)

    def _clear_partial(self) -> None:
        """Remove the temporary files a deploy that was killed left behind."""
        for base, _, names in os.walk(self.root):
            for name in names:
                if PARTIAL.match(name):
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(base, name))

    def read(self, path: str) -> bytes | None:
        try:
            return (self.root / path).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            shown = spelled(str(self.root / path))
            raise ProgressSiteError(f"cannot read {shown}: {_reason(exc)}") from None

    def _write(self, path: str, copy: Callable[[BinaryIO], object]) -> None:
        target = self.root / path
        temporary: str | None = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX, dir=target.parent
            )
            with os.fdopen(handle, "wb") as out:
                copy(out)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
            temporary = None
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            raise ProgressSiteError(
                f"cannot write {spelled(str(target))}: a file or folder that deploy did not "
                "put there is in the way; move it and deploy again"
            ) from None
        except OSError as exc:
            raise ProgressSiteError(
                f"cannot write {spelled(str(target))}: {_reason(exc)}; deploy again to finish"
            ) from None
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def put(self, item: SiteFile) -> None:
        def copy(out: BinaryIO) -> None:
            with item.source.open("rb") as source:
                shutil.copyfileobj(source, out)

        self._write(item.path, copy)

    def put_bytes(self, path: str, data: bytes) -> None:
        self._write(path, lambda out: out.write(data))

    def delete(self, path: str) -> None:
        target = self.root / path
        try:
            target.unlink(missing_ok=True)
            parent = target.parent
            while parent != self.root and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        except FileNotFoundError:
            pass
        except OSError as exc:
            shown = spelled(str(target))
            raise ProgressSiteError(f"cannot delete {shown}: {_reason(exc)}") from None
