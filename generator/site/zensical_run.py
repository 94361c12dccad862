"""Zensical, run in this process through its Python entry point, on the same mkdocs.yml.

Zensical reads the per-version mkdocs.yml MkDocs reads (it requires ``docs_dir`` and
``site_dir`` relative to it). Its build runs in Rust and reports on the process's own
standard output and error, not through Python's, so they are sent to a file while it runs.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
import traceback
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import yaml

from generator.site.mkdocs_run import engine_environment


@contextlib.contextmanager
def _captured(into: list[str]) -> Iterator[None]:
    """Standard output and error, written by any code in this process, appended to ``into``."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 1)
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
            sink.seek(0)
            into.append(sink.read().decode("utf-8", "replace"))


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_PLACE = re.compile(r"\[\s*(\S+:\d+(?::\d+)?)\s*\]")
STRICT_STOP = "Aborted because --strict flag is set"


def reported(text: str) -> list[str]:
    """Zensical's report as MkDocs words it: ``WARNING -  place: message``, one a line.

    A warning is followed by a drawing of the place it is about; only the place is kept.
    """
    lines, found = _ANSI.sub("", text).splitlines(), []
    for number, line in enumerate(lines):
        kind, _, message = line.partition(": ")
        if kind not in ("Warning", "Error") or not message:
            continue
        after = next((_PLACE.search(x) for x in lines[number + 1 : number + 3] if "[" in x), None)
        place = f"{after.group(1)}: " if after else ""
        found.append(f"{kind.upper():<8}-  {place}{message.strip()}")
    return found


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's safe loader and dumper where PyYAML has them (the same data, 10 times faster)."""

BUILT = ".zensical-site"
"""Where Zensical builds a version whose site_dir is outside the config's folder."""


@contextlib.contextmanager
def _site_inside(config_file: Path) -> Iterator[tuple[Path, Path, Path, str]]:
    """(config, where Zensical builds, where the version belongs, which version it is: its
    site's name and the folder it is built into).

    Zensical builds only inside the folder of its config: a version whose site_dir is
    elsewhere is built with a copy of the config naming a folder inside, then moved.
    """
    here = config_file.parent.resolve()
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LOADER)
    site_dir = (here / config.get("site_dir", "site")).resolve()
    version = f"{config.get('site_name')}\n{site_dir.name}"
    if site_dir.is_relative_to(here):
        yield config_file.resolve(), site_dir, site_dir, version
        return
    shutil.rmtree(here / BUILT, ignore_errors=True)  # left by a build that failed: not reused
    inside = here / f"{config_file.stem}.zensical{config_file.suffix}"
    inside.write_text(
        yaml.dump(
            {**config, "site_dir": BUILT}, Dumper=_DUMPER, sort_keys=False, allow_unicode=True
        ),
        encoding="utf-8",
    )
    try:
        yield inside, here / BUILT, site_dir, version
    finally:
        inside.unlink(missing_ok=True)


def run_zensical(config_file: Path, built_on: date | None = None) -> tuple[int, str]:
    """Build one version with Zensical in strict mode; its exit code and what it reported.

    Run as ``run_mkdocs`` is: in the directory of ``config_file``, with the build date.
    """
    import zensical

    from generator.site.zensical_scans import remembered

    said: list[str] = []
    code, tail, stop = 0, "", ""
    try:
        with engine_environment(built_on, config_file.parent), _captured(said):
            with (
                _site_inside(config_file) as (config, built, site_dir, version),
                remembered(version),
            ):
                zensical.build(str(config), {"strict": True, "clean": False})
                if built != site_dir:
                    site_dir.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(built, site_dir)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - a failure, or a panic in Zensical's Rust code
        code, tail, stop = 1, traceback.format_exc(), str(exc)
    lines = reported("".join(said))
    if lines and code and stop == STRICT_STOP:
        tail = ""  # the warnings say why
    return code, "\n".join([*lines, tail]).strip()
