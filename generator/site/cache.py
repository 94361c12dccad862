"""The build cache: a version whose inputs have not changed is copied, not rebuilt.

A version's digest covers what its pages are made from:
- its own content snapshot: the fingerprint that ``publish`` locks, plus its draft,
  publication and errata, and the glossary;
- the digest of the version before it (its What changed pages and status history show the
  earlier releases);
- everything shared by all versions: the templates and theme, mkdocs.yml, the generator's
  code and version, and the versions of the libraries that build the pages.

Adding a release therefore leaves every older version's digest as it was. The digests of the
built versions are kept in the output, so deleting the output rebuilds everything.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from generator import BASE_MKDOCS_YML, TEMPLATES_DIR, __version__
from generator.atomic import replace_file
from generator.content.files import read_limited
from generator.facts.kept import Keyed

MANIFEST = ".progress-site-cache.json"
LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")


def _library_versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "none"
    return versions


def _tree(hasher: hashlib._Hash, root: Path, pattern: str = "*") -> None:
    for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
        hasher.update(str(path.relative_to(root)).encode())
        hasher.update(path.read_bytes())


def shared_digest(templates_dir: Path = TEMPLATES_DIR) -> str:
    """What every version shares: templates, theme, mkdocs.yml, code and library versions."""
    hasher = hashlib.sha256()
    hasher.update(json.dumps([__version__, sys.version_info[:2], _library_versions()]).encode())
    _tree(hasher, templates_dir)
    _tree(hasher, Path(__file__).parent.parent, "*.py")
    hasher.update(BASE_MKDOCS_YML.read_bytes())
    return hasher.hexdigest()


def _manifest(out_dir: Path) -> object:
    """The build manifest in ``out_dir``, or None; never waits on a pipe or reads a device."""
    data, _ = read_limited(out_dir / MANIFEST)
    try:
        return json.loads(data.decode("utf-8")) if data is not None else None
    except ValueError:
        return None


def read_manifest(out_dir: Path) -> dict[str, str]:
    data = _manifest(out_dir)
    versions = data.get("versions") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in versions.items()} if isinstance(versions, dict) else {}


def read_kept(out_dir: Path, names: Sequence[str]) -> dict[str, Keyed]:
    """What the last build into ``out_dir`` recorded under each of ``names``, from one read
    of its manifest; malformed entries skipped."""
    data = _manifest(out_dir)
    kept: dict[str, Keyed] = {}
    for name in names:
        found = data.get(name) if isinstance(data, dict) else None
        kept[name] = {
            str(k): (v[0], v[1])
            for k, v in (found.items() if isinstance(found, dict) else ())
            if isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v)
        }
    return kept


def forget_versions(out_dir: Path, release_ids: Sequence[str]) -> None:
    """Take ``release_ids`` out of the manifest in ``out_dir`` (atomically), so that a build
    cut short while replacing them in place rebuilds them, rather than reusing what it left."""
    data = _manifest(out_dir)
    versions = data.get("versions") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(versions, dict):
        return
    if not any(rid in versions for rid in release_ids):
        return
    data["versions"] = {k: v for k, v in versions.items() if k not in release_ids}
    replace_file(out_dir / MANIFEST, (json.dumps(data, indent=2) + "\n").encode())


def is_output(out_dir: Path) -> bool:
    """Whether ``out_dir`` holds a build manifest, so progress-site built it."""
    data = _manifest(out_dir)
    return isinstance(data, dict) and isinstance(data.get("versions"), dict)


def write_manifest(
    site_dir: Path, digests: dict[str, str], keyed: Mapping[str, Keyed] | None = None
) -> None:
    """The manifest: each version's digest, and values kept under content keys (``keyed``)."""
    data: dict[str, object] = {"versions": dict(sorted(digests.items()))}
    for name, values in (keyed or {}).items():
        data[name] = {k: list(v) for k, v in sorted(values.items())}
    text = json.dumps(data, indent=2)
    (site_dir / MANIFEST).write_text(text + "\n", encoding="utf-8")


def reusable(out_dir: Path, release_id: str, digest: str, manifest: dict[str, str]) -> bool:
    return manifest.get(release_id) == digest and (out_dir / release_id / "index.html").is_file()


def _link_tree(source: str, target: str) -> None:
    os.mkdir(target)
    with os.scandir(source) as entries:
        for entry in entries:
            dest = os.path.join(target, entry.name)
            if entry.is_dir(follow_symlinks=False):
                _link_tree(entry.path, dest)
                continue
            try:
                os.link(entry.path, dest, follow_symlinks=False)
            except OSError:
                shutil.copy2(entry.path, dest)


def reuse(out_dir: Path, release_ids: Sequence[str], site_dir: Path) -> None:
    """Copy built versions into the new site as hard links (copies where links fail).

    GNU ``cp -al`` links a whole tree several times faster than Python can; where it is
    missing or fails, what it began is removed and the versions are linked one by one.
    """
    if not release_ids:
        return
    sources = [str(out_dir / release_id) for release_id in release_ids]
    cp = shutil.which("cp")
    if cp and sys.platform.startswith("linux"):
        done = subprocess.run(
            [cp, "-al", "--", *sources, str(site_dir)], capture_output=True, check=False
        )
        if done.returncode == 0:
            return
        for release_id in release_ids:
            shutil.rmtree(site_dir / release_id, ignore_errors=True)
    for release_id in release_ids:
        _link_tree(str(out_dir / release_id), str(site_dir / release_id))
