"""A version's pages rendered on the cores the build leaves idle.

When fewer versions are built than there are cores (publishing one release, a preview's
refresh), the version's pages are shared out: forked children render every n-th page each,
while this process renders its own share and the files beside the pages. The children
inherit everything prepared (the views, the compiled templates, the word diffs kept), and
each writes the word diffs it made or used where the build gathers them (``diff_cache.keep``).
The Markdown written is the same as one process writes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import jinja2

from generator.facts import diff_cache
from generator.facts.derive import ReleaseView
from generator.render.pages import Page, release_pages, render_release, write_files, write_pages
from generator.site.procs import Child, start_child

MAX_SHARES = 4
"""At most this many processes render one version's pages."""


def shares(cores: int, versions: int) -> int:
    """Into how many shares each version's pages are split: the cores each version has (of
    ``cores``, the processes the build may run, and no more than the machine has)."""
    if versions < 1 or not hasattr(os, "fork"):
        return 1
    cores = min(cores, os.cpu_count() or 1)
    return max(1, min(cores // versions, MAX_SHARES))


def _share(view: ReleaseView, docs: Path, env: jinja2.Environment, listed: Sequence[Page]) -> int:
    written = write_pages(view, docs, env, listed)
    diff_cache.keep()  # the diffs this child made and used, for the build to merge
    return len(written)


def render_version(
    view: ReleaseView,
    docs: Path,
    env: jinja2.Environment,
    earlier: Sequence[ReleaseView],
    split: int = 1,
) -> list[str]:
    """``render_release``, its pages rendered by ``split`` processes; the pages' paths."""
    if split < 2:
        return render_release(view, docs, env, earlier)
    listed = release_pages(view, earlier)
    children: list[Child[int]] = [
        start_child(_share, view, docs, env, listed[k::split]) for k in range(1, split)
    ]
    try:
        write_pages(view, docs, env, listed[0::split])
        write_files(view, docs)
    finally:
        outcomes = []
        for child in children:  # every child is waited for, even after a failure here
            try:
                outcomes.append(child.result())
            except BaseException as exc:  # noqa: BLE001 - raised below, once all have ended
                outcomes.append(exc)
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    return [page.path for page in listed]
