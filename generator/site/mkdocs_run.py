"""MkDocs, run in this process through its Python entry points, each version in a child.

``load_config`` and ``build`` are what mike and MkDocs' own tests call. The parent imports
MkDocs, Material and the Markdown extensions once (``preload``); every version is then built
in a process forked from it (``in_child``), which starts at once, with everything imported,
and cannot leave anything behind in the others: a version that crashes, or is killed, fails
alone and is reported.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import traceback
import warnings
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from generator.site.procs import ChildStopped, in_child

__all__ = ["ChildStopped", "in_child", "engine_environment", "preload", "run_mkdocs"]

MAX_GZIP_TIME = 2**32 - 1


def preload() -> None:
    """Import what every version's build needs, so that forked children share it."""
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401
    import pymdownx.critic  # noqa: F401
    import pymdownx.emoji  # noqa: F401
    import pymdownx.snippets  # noqa: F401

    from generator.site.mkdocs_theme import preload as list_theme

    list_theme()


class _Collect(logging.Handler):
    """MkDocs' messages as its command line prints them: ``WARNING -  text``."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


@contextlib.contextmanager
def engine_environment(built_on: date | None, cwd: Path) -> Iterator[None]:
    """What an engine runs with, as the MkDocs command line did: the build date, quiet
    warnings, ``cwd``."""
    saved = dict(os.environ)
    os.environ.update({"NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"})
    if built_on is not None and "SOURCE_DATE_EPOCH" not in os.environ:
        midnight = datetime.combine(built_on, datetime.min.time(), tzinfo=UTC)
        # The gzipped sitemap records it in 32 unsigned bits: 1970 to 2106.
        epoch = min(max(int(midnight.timestamp()), 0), MAX_GZIP_TIME)
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        with contextlib.chdir(cwd), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


class _NotDirtyWarning(logging.Filter):
    """A dirty build's warning that it is one: expected in a preview, so not a strict failure."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def run_mkdocs(
    config_file: Path, built_on: date | None = None, dirty: bool = False
) -> tuple[int, str]:
    """Build one version with MkDocs in strict mode; its exit code and what it reported.

    Unless SOURCE_DATE_EPOCH is set already, the build date MkDocs records (in the sitemap)
    is ``built_on``, the release's date (within 1970 to 2106, which is what MkDocs can
    record), so that the same content always builds to the same bytes. MkDocs runs in the
    directory of ``config_file``, where the version's snippets/ folder is. A ``dirty`` build
    renders only the pages whose Markdown is newer than their HTML (the preview's rebuilds).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.site.mkdocs_theme import keep_theme

    logger = logging.getLogger("mkdocs")
    collect, propagate = _Collect(), logger.propagate
    logger.addHandler(collect)
    logger.propagate = False
    quiet_dirty = _NotDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet_dirty)
    code, tail = 0, ""
    try:
        with engine_environment(built_on, config_file.parent), io.StringIO() as quiet:
            with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
                config = load_config(str(config_file), strict=True)
                keep_theme(config)
                build(config, dirty=dirty)
    except MkDocsException as exc:
        code, tail = 1, str(exc)
    except Exception:  # noqa: BLE001 - reported as the MkDocs command line reports a crash
        code, tail = 1, traceback.format_exc()
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet_dirty)
        logger.removeHandler(collect)
        logger.propagate = propagate
    return code, "\n".join([*collect.lines, tail]).strip()
