"""A new content tree is written beside where it goes, checked there, then moved in: this
module writes that scratch copy."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path


def scratch_tree(place: Path, label: str, files: Mapping[str, str]) -> Path:
    """Write ``files`` (path within the tree: text) into a new hidden directory beside
    ``place``, readable as the umask allows; on failure nothing is left behind."""
    place.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{place.name or 'content'}.{label}-", dir=place.parent))
    try:
        umask = os.umask(0o022)
        os.umask(umask)
        work.chmod(0o777 & ~umask)
        for name, text in files.items():
            path = work / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return work
