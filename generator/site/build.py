"""Build every release with MkDocs and publish the multi-version site atomically.

``build_site`` reads as its phases: gather, derive, render, build, write. The work directory,
the MkDocs calls and the final swap into the output directory live here; the site's own
files (versions.json, feeds, history, the ``latest/`` redirects) are ``site_files``'. The
existing output is replaced only once everything has been built; a failed build leaves it
byte-identical.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import (
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
)
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NoReturn

from generator import BASE_MKDOCS_YML
from generator.content.model import Content
from generator.errors import BuildError, ProgressSiteError
from generator.facts import diff_cache
from generator.facts.derive import ReleaseView
from generator.facts.kept import Keyed
from generator.facts.phases import Derived, derive, gather
from generator.plurals import counted
from generator.render.feed_texts import feed_texts
from generator.render.pages import mkdocs_config
from generator.render.template import compiled_environment, environment
from generator.site import engine as site_engine
from generator.site.cache import read_kept, read_manifest, reusable, reuse, shared_digest
from generator.site.look import Logo, look_digest, read_logo, write_logo
from generator.site.mkdocs_run import ChildStopped, in_child
from generator.site.output import (
    check_owned,
    clear_stale,
    discard,
    lock,
    remove_later,
    resolve_out,
    swap_into_place,
    update_in_place,
)
from generator.site.preview import Preview, build_version, preview_digests
from generator.site.procs import die_with_parent
from generator.site.render_split import render_version, shares
from generator.site.site_files import write_site_files

Log = Callable[[str], None]
Step = Callable[[int, int, str], None]
"""Item ``done`` of ``total`` is finished: (done, total, what)."""


@dataclass(frozen=True)
class BuiltRelease:
    id: str
    pages: int
    seconds: float
    render_seconds: float = 0.0
    """Of which rendering the Markdown, charts and downloads (the rest is MkDocs)."""
    rebuilt: int | None = None
    """In a preview, the pages MkDocs rendered again (the others were kept)."""


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    releases: tuple[BuiltRelease, ...]
    """The versions built this time."""
    reused: tuple[str, ...]
    """The versions copied unchanged from the previous output."""
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent loading, deriving (views and cache digests), rendering and in MkDocs."""
    drafts_left_out: tuple[str, ...] = ()
    """The draft releases not built (a build without ``drafts``)."""


def _build_one(
    view: ReleaseView, earlier: Sequence[ReleaseView], work: Path, site_dir: Path
) -> BuiltRelease:
    started = time.perf_counter()
    # the word diffs this version, and the one before it, showed when last built
    diff_cache.use(view.release.id, earlier[-1].release.id if earlier else None)
    env = _SHARED.get("env") or environment()
    split, logo = _SHARED.get("split", 1), _SHARED.get("logo")
    engine = _SHARED.get("engine", site_engine.DEFAULT_ENGINE)
    release_work = work / view.release.id
    preview: Preview | None = _SHARED.get("preview")
    if preview is not None:
        out_dir = _SHARED["out_dir"]
        done = build_version(
            view, earlier, env, preview, release_work, site_dir, out_dir, split, engine, logo
        )
        diff_cache.keep()
        if done.code != 0:
            _failed(view, done.output, done.release_work, site_dir, engine)
        seconds = time.perf_counter() - started
        return BuiltRelease(view.release.id, done.pages, seconds, done.render_seconds, done.rebuilt)
    docs = release_work / "docs"
    pages = render_version(view, docs, env, earlier, split)
    write_logo(docs, logo)
    diff_cache.keep()  # this version's new word diffs, for the build to merge
    rendered = time.perf_counter()
    if _SHARED.get("rendered") is not None:
        _SHARED["rendered"].set()
    config = release_work / "mkdocs.yml"
    config.write_text(
        mkdocs_config(view, BASE_MKDOCS_YML, docs, site_dir / view.release.id), encoding="utf-8"
    )
    code, output = site_engine.run(engine, config, view.release.date)
    if code != 0:
        _failed(view, output, release_work, site_dir, engine)
    done = time.perf_counter()
    return BuiltRelease(view.release.id, len(pages), done - started, rendered - started)


def _failed(view: ReleaseView, output: str, work: Path, site_dir: Path, engine: str) -> NoReturn:
    """Raise what ``engine`` reported of its failed build of the version."""
    name = site_engine.NAMES[engine]
    raise BuildError(mkdocs_failure(view.release.id, output, work, site_dir, name))


_SHARED: dict[str, Any] = {}
"""What the parent prepares for the versions' processes: the views and the compiled templates."""


def _build_version(index: int, work: Path, site_dir: Path) -> BuiltRelease:
    """Build version ``index`` of the views the parent process prepared, in a child of its own."""
    views = _SHARED["views"]
    return in_child(_build_one, views[index], views[:index], work, site_dir)


_OS_ERROR = re.compile(r"^\w*(?:Error|Exception): \[Errno \d+\] ([^:]+)")
_ERRNO = re.compile(r"^\[Errno \d+\] ([^:]+)")


def mkdocs_failure(
    release_id: str, output: str, work: Path, site_dir: Path, name: str = "MkDocs"
) -> str:
    """What the engine (``name``) reported, in terms of the release: no temporary paths, no
    traceback.

    Its warnings and errors are kept; a crash is reduced to what went wrong.
    """
    places = {
        str(work / "docs"): f"(release {release_id} pages)",
        str(site_dir / release_id): f"(release {release_id} output)",
        str(work): f"(release {release_id})",
        str(site_dir): "(the site)",
    }
    lines, crash = [], None
    in_traceback = False
    for line in output.splitlines():
        if line.startswith("Traceback ("):
            in_traceback = True
        elif in_traceback and line and not line[0].isspace():
            crash, in_traceback = line, False
        elif line.startswith(("WARNING", "ERROR")):
            lines.append(line)
    if crash is not None:
        found = _OS_ERROR.match(crash)
        lines.append(f"{name} stopped: {found.group(1) if found else crash}")
    elif not lines:
        lines = [line for line in output.splitlines() if line.strip()][-1:] or ["(no message)"]
    detail = "\n".join(lines)
    for path, place in places.items():
        detail = detail.replace(path, place)
    return f"{name} failed for release {release_id}:\n{detail}"


def _pool(workers: int) -> Executor:
    """Versions build in separate processes (forked, so they share the prepared views); one
    job runs in this process. The workers die with this process, even if it is killed."""
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        )
    return ThreadPoolExecutor(max_workers=1)


def _rendered_event() -> Any:
    """Set by the first version whose pages are rendered (None where processes cannot fork
    or share a semaphore: the kept versions are then linked at once)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    try:
        return multiprocessing.get_context("fork").Event()
    except (OSError, ImportError):
        return None


def _after_rendering(rendered: Any, futures: Iterable[Future[BuiltRelease]]) -> None:
    """Wait until a version's pages are rendered, or every version has ended. Rendering uses
    every core the build leaves idle; the engine, that comes after it, one per version: so
    the versions kept from the last build are linked into the new output while it runs."""
    waiting = list(futures)
    while rendered is not None and not rendered.wait(0.05):
        if all(future.done() for future in waiting):
            return


def _reason(error: OSError) -> str:
    """What went wrong, without the (temporary) paths involved."""
    if error.strerror:
        return error.strerror
    if isinstance(error, shutil.Error) and error.args and isinstance(error.args[0], list):
        for *_, reason in error.args[0]:  # (source, target, reason) for each file copied
            found = _OS_ERROR.match(str(reason)) or _ERRNO.match(str(reason))
            if found:
                return found.group(1)
    return "a file could not be written"


def build_site(
    content_dir: Path,
    out_dir: Path,
    jobs: int | None = None,
    log: Log = lambda message: None,
    drafts: bool = False,
    step: Step | None = None,
    preview: Preview | None = None,
    engine: str = site_engine.DEFAULT_ENGINE,
) -> BuildResult:
    """Build every release and swap the result into ``out_dir``, in five phases: gather (load,
    validate, read the lock), derive (every view, key, fingerprint and digest, and the lock
    check), render (the feeds' texts here, each version's pages in its worker), build (the
    site engine, per version) and write (the site's own files, then the swap).

    Draft releases are left out unless ``drafts`` is set (for previews). ``log`` is told of
    each phase, ``step`` of each version built (by default, ``log`` is, as ``[2/5] ...``).
    A ``preview`` (``serve``) keys each version by what its pages show and rebuilds in it only
    the pages whose Markdown changed (``site.preview``).
    ``engine`` builds the HTML (generator.site.engine): refused before anything is written
    if it is not installed.
    """
    site_engine.require(engine)
    started = time.perf_counter()
    gathered = gather(content_dir, drafts)
    loaded = time.perf_counter()
    count = len(gathered.content.releases)
    log(f"Working out what the {counted(count, 'release')} show")
    kept = read_kept(out_dir, KEPT)
    logo = read_logo(content_dir, gathered.content.site)
    look = look_digest(gathered.content.site, logo)
    shared = site_engine.digest(engine, shared_digest() + look)
    derived = derive(gathered, kept, shared, preview.views if preview else None)
    if preview is not None:
        digests = preview_digests(gathered.content, derived.views, shared, derived.described)
        derived = replace(derived, digests=digests)
    texts = feed_texts(derived.views, derived.keys, kept)
    done_deriving = time.perf_counter()
    given = out_dir
    try:
        out_dir = resolve_out(out_dir, content_dir)
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with lock(out_dir, given):
            check_owned(out_dir, given)
            clear_stale(out_dir)
            step = step or (lambda done, total, what: log(f"[{done}/{total}] {what}"))
            plan = _Plan(gathered.content, derived, texts, kept, engine, logo)
            _SHARED.update(preview=preview, out_dir=out_dir, shared=shared)
            built, reused, compiling = _build_into(out_dir, plan, jobs, log, step)
    except OSError as exc:
        raise ProgressSiteError(
            f"cannot write the site into {given} ({_reason(exc)}); the existing output is unchanged"
        ) from None
    except (BrokenProcessPool, ChildStopped):
        raise ProgressSiteError(
            "a build process stopped unexpectedly (killed, or out of memory); "
            "the existing output is unchanged"
        ) from None
    versions_render = sum(b.render_seconds for b in built)
    render = versions_render + compiling  # with the templates compiled for every version
    timings = {
        "load": loaded - started,
        "derive": done_deriving - loaded,
        "render": render,
        "mkdocs": sum(b.seconds for b in built) - versions_render,
    }
    seconds = time.perf_counter() - started
    return BuildResult(
        given.absolute(), tuple(built), tuple(reused), seconds, timings, gathered.drafts_left_out
    )


KEPT = ("fingerprints", "contents", "summaries", "recfeeds", "data")
"""What the last build recorded by content key, read once by the next."""


@dataclass(frozen=True)
class _Plan:
    """What a build makes: the content shown, what was derived from it, the feeds' texts, and
    what the last build kept."""

    content: Content
    derived: Derived
    texts: dict[str, Keyed]
    kept: dict[str, Keyed]
    engine: str = site_engine.DEFAULT_ENGINE
    logo: Logo | None = None
    """The council's logo, copied into every version."""


def _build_into(
    out_dir: Path, plan: _Plan, jobs: int | None, log: Log, step: Step
) -> tuple[list[BuiltRelease], list[str], float]:
    """Build the site in a scratch directory beside ``out_dir`` and swap it in; returns the
    versions built, those reused, and the seconds spent compiling templates for them all."""
    views, digests = plan.derived.views, plan.derived.digests
    scratch = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.build-", dir=out_dir.parent))
    try:
        work, site_dir = scratch / "work", scratch / "site"
        site_dir.mkdir()
        manifest = read_manifest(out_dir)
        todo, reused = [], []
        for index, (view, digest) in enumerate(zip(views, digests, strict=True)):
            if reusable(out_dir, view.release.id, digest, manifest):
                reused.append(view.release.id)
            else:
                todo.append(index)
        cores = jobs or os.cpu_count() or 1
        workers = max(1, min(cores, len(todo) or 1))
        _SHARED["split"] = shares(cores, len(todo))  # idle cores share a version's pages
        _SHARED["views"] = views  # inherited by the worker processes, not pickled
        _SHARED["engine"] = plan.engine
        _SHARED["logo"] = plan.logo
        preview = _SHARED.get("preview")
        _SHARED["rendered"] = _rendered_event() if todo and reused and preview is None else None
        if todo:
            site_engine.preload(plan.engine)  # imported once here, not once per version
        compiling = time.perf_counter()
        # compiled once for all the versions, not once by each; one version compiles its own
        if preview is not None:  # kept from one rebuild to the next
            _SHARED["env"] = preview.environment(_SHARED["shared"]) if todo else None
        else:
            _SHARED["env"] = compiled_environment() if len(todo) > 1 else None
        compiling = time.perf_counter() - compiling
        with _pool(workers) as pool:
            # newest first: later versions are the longest to build (their history is longest),
            # so the cores finish together rather than one waiting on the last version alone
            futures = {
                index: pool.submit(_build_version, index, work, site_dir)
                for index in reversed(todo)
            }
            if preview is None:  # a preview is updated in place: its output keeps them
                # linked while the engine builds, once a version's pages are rendered
                _after_rendering(_SHARED["rendered"], futures.values())
                reuse(out_dir, reused, site_dir)
            if reused:
                log(f"Unchanged, not rebuilt: {', '.join(reused)}")
            if todo:
                log(f"Building {counted(len(todo), 'release')}")
            for done, future in enumerate(as_completed(futures.values()), start=1):
                step(done, len(todo), f"Built release {future.result().id}")
            built = [futures[index].result() for index in todo]
        if todo:
            diff_cache.merge()
        left = write_site_files(
            site_dir,
            plan.content,
            plan.derived,
            plan.texts,
            plan.kept,
            reused,
            out_dir if preview is not None else None,
        )
        if preview is not None:
            update_in_place(site_dir, out_dir, scratch, [view.release.id for view in views], left)
        else:
            swap_into_place(site_dir, out_dir, scratch)
    except BaseException:
        discard(scratch, out_dir)
        raise
    remove_later(scratch, out_dir)
    return built, reused, compiling
