"""The site engine: what turns a version's generated Markdown and mkdocs.yml into HTML.

Everything else builds the same Markdown and the same per-version mkdocs.yml for either
engine; this module is the one place that knows which engines there are, whether one is
installed, and how to run it:

- ``mkdocs``: MkDocs 1.x with Material for MkDocs (the default; Material reaches its end of
  life on 5 May 2027);
- ``zensical``: Zensical, from Material's authors, which reads mkdocs.yml (the ``zensical``
  extra installs the version known to work).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.metadata
from datetime import date
from pathlib import Path

from generator.errors import ProgressSiteError
from generator.site import mkdocs_run, zensical_run

ENGINES = ("mkdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"
NAMES = {"mkdocs": "MkDocs", "zensical": "Zensical"}
INSTALL = {"zensical": "pip install 'progress-site[zensical]'"}
PACKAGES = {"mkdocs": ("mkdocs", "mkdocs-material"), "zensical": ("zensical",)}


def require(engine: str) -> None:
    """Refuse an engine that is unknown or not installed, saying how to install it."""
    if engine not in ENGINES:
        raise ProgressSiteError(f"unknown site engine {engine!r}: use one of {', '.join(ENGINES)}")
    if engine in INSTALL:
        try:
            importlib.import_module(engine)
        except ImportError:
            raise ProgressSiteError(
                f"the {engine} engine is not installed: install it with {INSTALL[engine]}"
            ) from None


ZENSICAL_MODULES = (
    "zensical",
    "zensical.config",
    "zensical.markdown.render",
    "zensical.collectors.anchors",
    "zensical.collectors.references",
    "zensical.collectors.snippets",
    "zensical.extensions.autorefs",
    "zensical.extensions.context",
    "zensical.extensions.emoji",
    "zensical.extensions.glightbox",
    "zensical.extensions.include_markdown",
    "zensical.extensions.macros",
    "zensical.extensions.markdownextradata",
    "zensical.extensions.media",
    "zensical.extensions.mkdocstrings",
    "zensical.extensions.table_reader",
)
"""What Zensical 0.0.73 imports to build a version (its configuration and the Python side of
its Markdown): imported before the versions' processes are forked, not by each of them."""


def preload(engine: str) -> None:
    """Import what every version's build needs, and build the emoji index, so that the
    children forked to build the versions share them."""
    import pymdownx.critic  # noqa: F401
    import pymdownx.emoji  # noqa: F401
    import pymdownx.snippets  # noqa: F401

    from generator.render.emoji import warm

    warm()
    if engine == "zensical":
        for module in ZENSICAL_MODULES:  # another version of Zensical may not have them all
            with contextlib.suppress(ImportError):
                importlib.import_module(module)
    else:
        mkdocs_run.preload()


def run(engine: str, config_file: Path, built_on: date | None = None) -> tuple[int, str]:
    """Build one version with ``engine`` in strict mode: its exit code and what it reported."""
    if engine == "zensical":
        return zensical_run.run_zensical(config_file, built_on)
    return mkdocs_run.run_mkdocs(config_file, built_on)


def digest(engine: str, shared: str) -> str:
    """``shared`` (what every version's output depends on) with the engine and its version.

    MkDocs' versions are part of ``shared`` already, so a site built with it keeps its digest.
    """
    if engine == DEFAULT_ENGINE:
        return shared
    versions = []
    for package in PACKAGES[engine]:
        try:
            versions.append(importlib.metadata.version(package))
        except importlib.metadata.PackageNotFoundError:
            versions.append("none")
    return hashlib.sha256(f"{shared} {engine} {' '.join(versions)}".encode()).hexdigest()
