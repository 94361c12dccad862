"""The preview's rebuilds: only the versions a change reaches, and in each only the pages whose
Markdown changed.

A version's pages are made from its own release, the release before it (its "What changed"
pages compare the two, and an entry that keeps the words of the one before is carried
forward), the first release (the comparison since the first report), and, of every other
earlier release, all but the narratives (statuses make the status history; titles, dates,
summaries and corrections the list of releases). ``preview_digests`` keys each version by
exactly that, so a saved narrative rebuilds its own release and the next one (every release
when it is the first); anything else in a release rebuilds it and every later one.

Within a version the Markdown is rendered again in full, but written over the last build's
only where it changed (``sync``), and MkDocs makes a "dirty" build: only pages whose Markdown
is newer than their HTML are converted and rendered; the navigation, configuration and
snippets are the same or the version is built in full. The search index, which a dirty build
writes for the rebuilt pages alone, is merged into the last one (``merge_search_index``).
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.content.model import Content
from generator.facts.derive import ReleaseView
from generator.facts.keys import Described, describe

BASIS = ".preview-basis"
SEARCH_INDEX = Path("search") / "search_index.json"


@dataclass
class Preview:
    """What the preview keeps between rebuilds: each version's Markdown in ``work/<release>/``,
    the compiled page templates (compiled again when the templates or code change) and the
    releases' views by content key (``facts.phases.derive``)."""

    work: Path
    env: Any = None
    env_key: str = ""
    views: dict[str, ReleaseView] = field(default_factory=dict)

    def environment(self, shared: str) -> Any:
        from generator.render.template import compiled_environment

        if self.env is None or self.env_key != shared:
            self.env, self.env_key = compiled_environment(), shared
        return self.env


def _sha(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def _without_narratives(release: Any) -> str:
    """The release as its later versions' pages can show it: all but the narratives."""
    progress = {k: v.model_copy(update={"narrative": ""}) for k, v in release.progress.items()}
    recs = {k: v.model_copy(update={"narrative": ""}) for k, v in release.recommendations.items()}
    return repr(release.model_copy(update={"progress": progress, "recommendations": recs}))


_OUTLINES: dict[str, str] = {}
"""The digest of a release without its narratives, by the digest of the whole release: worked
out again only for the releases that changed since the last rebuild."""


def _outline(whole: str, release: Any) -> str:
    if whole not in _OUTLINES:
        if len(_OUTLINES) > 10_000:
            _OUTLINES.clear()
        _OUTLINES[whole] = _sha(_without_narratives(release))
    return _OUTLINES[whole]


def preview_digests(
    content: Content, views: Sequence[ReleaseView], shared: str, described: Described | None = None
) -> list[str]:
    """One digest per version, oldest first, of what its pages are made from (see above);
    ``described`` is the content's ``describe``, where it is known."""
    releases = [v.release for v in views]
    described = described or describe(content)
    whole = list(described.releases)
    outline = [_outline(digest, r) for digest, r in zip(whole, releases, strict=True)]
    everything_else = _sha(shared, described.shared)
    # every version's labels and selector name every release (a later one can crowd its month)
    listed = _sha(repr([(r.id, r.date, r.title, r.draft) for r in content.releases]))
    digests = []
    for index in range(len(releases)):
        earlier = [outline[i] for i in range(1, max(index - 1, 1))]
        read = [whole[index], whole[index - 1] if index else "", whole[0] if index else ""]
        digests.append(_sha(everything_else, listed, *read, *earlier))
    return digests


def _files(root: Path) -> Iterator[Path]:
    for folder, _, names in os.walk(root):
        for name in names:
            yield Path(folder, name).relative_to(root)


def sync(source: Path, target: Path) -> list[str]:
    """Make ``target`` hold what ``source`` holds, rewriting only the files that differ, so
    unchanged files keep their modification time; returns the files written (POSIX paths)."""
    wanted = set(_files(source))
    for path in set(_files(target)) - wanted if target.is_dir() else ():
        (target / path).unlink()
    written = []
    for path in sorted(wanted):
        dest = target / path
        if dest.is_file() and filecmp.cmp(source / path, dest, shallow=False):
            continue
        if dest.is_dir():  # a folder of pages has become a page
            shutil.rmtree(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source / path, dest)
        written.append(path.as_posix())
    return written


def untitled(config: Path) -> list[str]:
    """The pages the navigation lists without a title: MkDocs takes it from the page itself,
    so they are read (rebuilt) by every dirty build."""
    found: list[str] = []

    def walk(item: object) -> None:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, list):
            for entry in item:
                walk(entry)
        elif isinstance(item, dict):
            for value in item.values():
                if not isinstance(value, str):
                    walk(value)

    walk(yaml.safe_load(config.read_text(encoding="utf-8")).get("nav", []))
    return found


def basis(config: str, release_work: Path, docs: Path, shared: str) -> str:
    """What a dirty build of the version relies on being as it was: the configuration (with
    the navigation), the snippets, the list of pages and files, and the theme and code."""
    parts = [shared, config]
    snippets = release_work / "snippets"
    for path in sorted(_files(snippets)) if snippets.is_dir() else ():
        parts += [path.as_posix(), (snippets / path).read_text(encoding="utf-8", errors="replace")]
    parts += sorted(p.as_posix() for p in _files(docs))
    return _sha(*parts)


def copy_version(source: Path, target: Path) -> bool:
    """Copy the last build of a version, keeping modification times; False if there is none."""
    if not (source / "index.html").is_file():
        return False
    cp = shutil.which("cp")
    if (
        cp
        and not subprocess.run([cp, "-a", "--", str(source), str(target)], check=False).returncode
    ):
        return True
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return True


def _page(location: str) -> str:
    return location.split("#", 1)[0]


def merge_search_index(before: str, site: Path) -> None:
    """Put the rebuilt pages' entries of the dirty build's search index in place of theirs in
    the index before it (``before``), keeping the order of the pages."""
    path = site / SEARCH_INDEX
    new = json.loads(path.read_text(encoding="utf-8"))
    old = json.loads(before)
    rebuilt: dict[str, list[Any]] = {}
    for entry in new["docs"]:
        rebuilt.setdefault(_page(entry["location"]), []).append(entry)
    docs: list[Any] = []
    for entry in old["docs"]:
        page = _page(entry["location"])
        if page not in rebuilt:
            docs.append(entry)
        elif rebuilt[page] is not None:
            docs += rebuilt[page]
            rebuilt[page] = None  # type: ignore[assignment]
    docs += [e for entries in rebuilt.values() if entries is not None for e in entries]
    data = {"config": new["config"], "docs": docs}
    text = json.dumps(data, separators=(",", ":"), default=str)
    path.write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Rebuilt:
    pages: int
    """The version's pages."""
    rebuilt: int
    """Of which MkDocs rendered again (all of them unless the build was dirty)."""
    code: int
    output: str
    release_work: Path
    render_seconds: float


def build_version(
    view: ReleaseView,
    earlier: Sequence[ReleaseView],
    env: Any,
    preview: Preview,
    fresh: Path,
    site_dir: Path,
    out_dir: Path,
    split: int = 1,
    engine: str = "mkdocs",
    logo: Any = None,
) -> Rebuilt:
    """Render the version into ``fresh`` (its pages shared by ``split`` processes, with the
    council's ``logo``), bring its
    kept Markdown up to date from it and build it into ``site_dir`` with ``engine``.

    MkDocs builds dirty, from the version's last build in ``out_dir``, when that is possible.
    Zensical builds the whole version, in the same folder each time, where it keeps its own
    cache of the pages it rendered (``.cache``), so it renders again only what changed."""
    from generator import BASE_MKDOCS_YML
    from generator.render.pages import mkdocs_config
    from generator.site import engine as site_engine
    from generator.site.cache import shared_digest
    from generator.site.look import write_logo
    from generator.site.mkdocs_run import run_mkdocs
    from generator.site.render_split import render_version

    started = time.perf_counter()
    rid = view.release.id
    docs = fresh / "docs"
    pages = render_version(view, docs, env, earlier, split)
    write_logo(docs, logo)
    release_work = preview.work / rid
    kept_docs = release_work / "docs"
    changed = sync(docs, kept_docs)
    sync(fresh / "snippets", release_work / "snippets")
    config = release_work / "mkdocs.yml"
    config.write_text(
        mkdocs_config(view, BASE_MKDOCS_YML, kept_docs, site_dir / rid), encoding="utf-8"
    )
    rendered = time.perf_counter() - started
    if engine != site_engine.DEFAULT_ENGINE:
        code, output = site_engine.run(engine, config, view.release.date)
        return Rebuilt(len(pages), len(pages), code, output, release_work, rendered)
    placeholder = mkdocs_config(view, BASE_MKDOCS_YML, kept_docs, Path("/site"))
    wanted = basis(placeholder, release_work, kept_docs, shared_digest())
    marker = release_work / BASIS
    was = marker.read_text(encoding="utf-8") if marker.is_file() else ""
    marker.unlink(missing_ok=True)
    dirty = was == wanted and copy_version(out_dir / rid, site_dir / rid)
    rebuilt = set(changed) & set(pages)
    before = ""
    if dirty:
        before = (site_dir / rid / SEARCH_INDEX).read_text(encoding="utf-8")
        for page in untitled(config):
            if (kept_docs / page).is_file():  # newer than its HTML: read, so its title is known
                os.utime(kept_docs / page)
                rebuilt.add(page)
    code, output = run_mkdocs(config, view.release.date, dirty=dirty)
    if code == 0:
        if dirty:
            merge_search_index(before, site_dir / rid)
        marker.write_text(wanted, encoding="utf-8")
    count = len(rebuilt) if dirty else len(pages)
    return Rebuilt(len(pages), count, code, output, release_work, rendered)
