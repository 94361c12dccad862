"""Stage 5: build every release with MkDocs and publish the multi-version site atomically.

All side effects live here: the work directory, the MkDocs calls, versions.json, the
``latest/`` redirects and the final swap into the output directory. The existing output is
replaced only once everything has been built; a failed build leaves it byte-identical.
"""

from __future__ import annotations

import functools
import html
import json
import multiprocessing
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from generator import BASE_MKDOCS_YML
from generator.content.model import Content
from generator.content.validate import load_content
from generator.errors import BuildError, ProgressSiteError
from generator.facts import diff_cache
from generator.facts.compare import Diff, compare
from generator.facts.derive import ReleaseView, release_views
from generator.facts.keys import release_keys
from generator.facts.lock import refuse_lock_problems
from generator.facts.release_labels import ReleaseLabels
from generator.render.feed import atom_feed, entry_summary
from generator.render.format import html_text
from generator.render.pages import mkdocs_config, render_release
from generator.render.recfeed import Lines, release_lines, write_recommendation_feeds
from generator.render.template import compiled_environment, environment
from generator.site.cache import (
    Keyed,
    read_keyed,
    read_manifest,
    reusable,
    reuse,
    reuse_keyed,
    shared_digest,
    version_digests,
    write_manifest,
)
from generator.site.history import history, locked_digests, version_data, write_history
from generator.site.mkdocs_run import ChildStopped, in_child, preload, run_mkdocs
from generator.site.output import (
    check_owned,
    clear_stale,
    discard,
    lock,
    remove_later,
    resolve_out,
    swap_into_place,
)
from generator.site.preview import Preview, build_version, preview_digests
from generator.site.procs import die_with_parent

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


def versions_json(content: Content) -> list[dict[str, object]]:
    """mike's versions.json: newest first, the newest carrying the alias ``latest``.

    Material's version selector inserts each title and alias into the page as HTML, so they
    are written HTML-escaped: the selector then shows them as the text they are.
    """
    newest_first = list(reversed(content.releases))
    labels = ReleaseLabels(content.releases)
    return [
        {
            "version": r.id,
            "title": html_text(f"{labels.title(r)} (draft)" if r.draft else labels.title(r)),
            "aliases": ["latest"] if i == 0 else [],
        }
        for i, r in enumerate(newest_first)
    ]


def sitemap_index(content: Content) -> str:
    """The site root's sitemap.xml: an index of every version's own sitemap.

    Absolute addresses when the site's ``url`` is known; relative to the root otherwise.
    """
    entries = "".join(
        f"  <sitemap><loc>{xml_escape(f'{content.site.url}{r.id}/sitemap.xml')}</loc></sitemap>\n"
        for r in reversed(content.releases)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</sitemapindex>\n"
    )


def redirect_page(target: str) -> str:
    url = html.escape(target, quote=True)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Redirecting to the latest progress report</title>\n"
        f'<link rel="canonical" href="{url}">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        f"<script>location.replace({json.dumps(target)} + location.hash)</script>\n"
        "</head>\n<body>\n"
        f'<p>Redirecting to <a href="{url}">the latest progress report</a>.</p>\n'
        "</body>\n</html>\n"
    )


def write_aliases(site_dir: Path, newest: str) -> None:
    """``latest/...`` mirrors every page of the newest release as a redirect; so does /."""
    source = site_dir / newest
    for page in sorted(source.rglob("index.html")):
        rel = page.parent.relative_to(source)
        depth = len(rel.parts) + 1
        target = "../" * depth + newest + "/" + "".join(f"{p}/" for p in rel.parts)
        dest = site_dir / "latest" / rel / "index.html"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(redirect_page(target), encoding="utf-8")
    (site_dir / "index.html").write_text(redirect_page(f"{newest}/"), encoding="utf-8")


def _build_one(
    view: ReleaseView, earlier: Sequence[ReleaseView], work: Path, site_dir: Path
) -> BuiltRelease:
    started = time.perf_counter()
    preview: Preview | None = _SHARED.get("preview")
    if preview is not None:
        env = _SHARED.get("env") or environment()
        out_dir = _SHARED["out_dir"]
        done = build_version(view, earlier, env, preview, work / view.release.id, site_dir, out_dir)
        diff_cache.keep()
        if done.code != 0:
            raise BuildError(
                mkdocs_failure(view.release.id, done.output, done.release_work, site_dir)
            )
        seconds = time.perf_counter() - started
        return BuiltRelease(view.release.id, done.pages, seconds, done.render_seconds, done.rebuilt)
    release_work = work / view.release.id
    docs = release_work / "docs"
    pages = render_release(view, docs, _SHARED.get("env") or environment(), earlier)
    diff_cache.keep()  # this version's new word diffs, for the build to merge
    rendered = time.perf_counter()
    config = release_work / "mkdocs.yml"
    config.write_text(
        mkdocs_config(view, BASE_MKDOCS_YML, docs, site_dir / view.release.id), encoding="utf-8"
    )
    code, output = run_mkdocs(config, view.release.date)
    if code != 0:
        raise BuildError(mkdocs_failure(view.release.id, output, release_work, site_dir))
    done = time.perf_counter()
    return BuiltRelease(view.release.id, len(pages), done - started, rendered - started)


_SHARED: dict[str, Any] = {}
"""What the parent prepares for the versions' processes: the views and the compiled templates."""


def _build_version(index: int, work: Path, site_dir: Path) -> BuiltRelease:
    """Build version ``index`` of the views the parent process prepared, in a child of its own."""
    views = _SHARED["views"]
    return in_child(_build_one, views[index], views[:index], work, site_dir)


_OS_ERROR = re.compile(r"^\w*(?:Error|Exception): \[Errno \d+\] ([^:]+)")
_ERRNO = re.compile(r"^\[Errno \d+\] ([^:]+)")


def mkdocs_failure(release_id: str, output: str, work: Path, site_dir: Path) -> str:
    """What MkDocs reported, in terms of the release: no temporary paths, no traceback.

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
        lines.append(f"MkDocs stopped: {found.group(1) if found else crash}")
    elif not lines:
        lines = [line for line in output.splitlines() if line.strip()][-1:] or ["(no message)"]
    detail = "\n".join(lines)
    for path, name in places.items():
        detail = detail.replace(path, name)
    return f"MkDocs failed for release {release_id}:\n{detail}"


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
) -> BuildResult:
    """Validate, render and build every release, then swap the result into ``out_dir``.

    Draft releases are left out unless ``drafts`` is set (for previews). ``log`` is told of
    each phase, ``step`` of each version built (by default, ``log`` is, as ``[2/5] ...``).
    """
    started = time.perf_counter()
    everything = load_content(content_dir)
    loaded = time.perf_counter()
    content = everything if drafts else everything.without_drafts()
    count = len(content.releases)
    log(f"Working out what the {count} release{'s' if count != 1 else ''} show")
    views = release_views(content)
    shared = shared_digest()
    keys = release_keys(content, shared)
    kept, contents = locked_digests(
        views, keys, read_keyed(out_dir, "fingerprints"), read_keyed(out_dir, "contents")
    )
    fingerprints = {rid: fingerprint for rid, (_, fingerprint) in kept.items()}
    refuse_lock_problems(everything, content_dir, fingerprints)
    plan = _Plan(
        views=views,
        digests=(
            preview_digests(content, views, shared)
            if preview
            else version_digests(views, shared, fingerprints)
        ),
        keyed={"fingerprints": kept, "contents": contents, **_feed_texts(views, keys, out_dir)},
    )
    derived = time.perf_counter()
    given = out_dir
    try:
        out_dir = resolve_out(out_dir, content_dir)
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with lock(out_dir, given):
            check_owned(out_dir, given)
            clear_stale(out_dir)
            step = step or (lambda done, total, what: log(f"[{done}/{total}] {what}"))
            _SHARED.update(preview=preview, out_dir=out_dir, shared=shared)
            built, reused, compiling = _build_into(out_dir, plan, content, jobs, log, step)
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
        "derive": derived - loaded,
        "render": render,
        "mkdocs": sum(b.seconds for b in built) - versions_render,
    }
    result_dir = given.absolute()
    seconds = time.perf_counter() - started
    left_out = tuple(r.id for r in everything.releases if r.draft and not drafts)
    return BuildResult(result_dir, tuple(built), tuple(reused), seconds, timings, left_out)


@dataclass(frozen=True)
class _Plan:
    """What a build makes: the views, each version's cache digest, and what the manifest keeps
    under content keys for the next build."""

    views: Sequence[ReleaseView]
    digests: Sequence[str]
    keyed: dict[str, Keyed]


MAX_KEPT_SUMMARY = 4096
"""Longer feed summaries are worked out again by every build rather than kept."""


def _feed_texts(
    views: Sequence[ReleaseView], keys: dict[str, str], out_dir: Path
) -> dict[str, Keyed]:
    """Each release's feed entry summary (``summaries``) and what the recommendations' feeds
    say of it, as JSON (``recfeeds``): kept from the last build while the release, and so the
    one before it, is unchanged; otherwise worked out from one comparison of the two."""

    @functools.cache
    def diff(index: int) -> Diff | None:
        return compare(views[index - 1], views[index]) if index else None

    makers: dict[str, Callable[[int], str]] = {
        "summaries": lambda i: entry_summary(views, i, diff(i)),
        "recfeeds": lambda i: json.dumps(release_lines(views, i, diff(i)), ensure_ascii=False),
    }
    found: dict[str, Keyed] = {}
    for name, make in makers.items():
        known = read_keyed(out_dir, name)
        found[name] = {}
        for index, view in enumerate(views):
            rid = view.release.id
            text = reuse_keyed(known, keys, rid)
            found[name][rid] = (keys[rid], make(index) if text is None else text)
    return found


def _kept_lines(keyed: Keyed, views: Sequence[ReleaseView]) -> list[Lines] | None:
    """The kept feed lines of every release, or None if any is unreadable."""
    try:
        found = [json.loads(keyed[v.release.id][1]) for v in views]
        return [{str(k): tuple(str(x) for x in v) for k, v in lines.items()} for lines in found]
    except (KeyError, ValueError, AttributeError, TypeError):
        return None


def _build_into(
    out_dir: Path, plan: _Plan, content: Content, jobs: int | None, log: Log, step: Step
) -> tuple[list[BuiltRelease], list[str], float]:
    """Build the site in a scratch directory beside ``out_dir`` and swap it in; returns the
    versions built, those reused, and the seconds spent compiling templates for them all."""
    views, digests = plan.views, plan.digests
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
        workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
        _SHARED["views"] = views  # inherited by the worker processes, not pickled
        if todo:
            preload()  # imported once here, not once per version
            diff_cache.load()  # read once here, inherited by every version's process
        compiling = time.perf_counter()
        # compiled once for all the versions, not once by each; one version compiles its own
        preview = _SHARED.get("preview")
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
            reuse(out_dir, reused, site_dir)  # linked here while the workers build
            if reused:
                log(f"Unchanged, not rebuilt: {', '.join(reused)}")
            if todo:
                log(f"Building {len(todo)} release{'s' if len(todo) != 1 else ''}")
            for done, future in enumerate(as_completed(futures.values()), start=1):
                step(done, len(todo), f"Built release {future.result().id}")
            built = [futures[index].result() for index in todo]
        if todo:
            diff_cache.merge()
        kept = dict(plan.keyed)
        kept["summaries"] = {
            rid: kept_text
            for rid, kept_text in kept["summaries"].items()
            if len(kept_text[1]) <= MAX_KEPT_SUMMARY
        }
        digest_of = {v.release.id: d for v, d in zip(views, digests, strict=True)}
        kept["data"] = version_data(site_dir, digest_of, read_keyed(out_dir, "data"), reused)
        contents = {rid: text for rid, (_, text) in kept["contents"].items()}
        data = {rid: text for rid, (_, text) in kept["data"].items()}
        write_history(site_dir, history(views, contents, data))
        write_manifest(site_dir, digest_of, kept)
        (site_dir / "versions.json").write_text(
            json.dumps(versions_json(content), indent=2) + "\n", encoding="utf-8"
        )
        summaries = {rid: text for rid, (_, text) in plan.keyed["summaries"].items()}
        (site_dir / "feed.xml").write_text(atom_feed(views, summaries), encoding="utf-8")
        write_recommendation_feeds(site_dir, views, _kept_lines(plan.keyed["recfeeds"], views))
        (site_dir / "sitemap.xml").write_text(sitemap_index(content), encoding="utf-8")
        if content.releases:
            write_aliases(site_dir, content.releases[-1].id)
            if content.site.url:  # its links are absolute paths: it works at any address
                shutil.copyfile(
                    site_dir / content.releases[-1].id / "404.html", site_dir / "404.html"
                )
        swap_into_place(site_dir, out_dir, scratch)
    except BaseException:
        discard(scratch, out_dir)
        raise
    remove_later(scratch, out_dir)
    return built, reused, compiling
