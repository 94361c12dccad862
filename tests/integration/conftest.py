from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import DEFAULT_CONTENT, REAL_PLAN, SMALL_PLAN, add_series_kpi


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command line run in this process with click's CliRunner (a separate process adds
    nothing here: the tests that kill, limit or pipe a run start one of their own). An
    exception that escaped the command is written to stderr as the process would have, so
    that a test that no traceback is shown still means it."""
    previous = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner(env=env).invoke(cli, list(args), prog_name="progress-site")
    finally:
        os.chdir(previous)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    command = [sys.executable, "-m", "generator.cli", *args]
    return subprocess.CompletedProcess(command, result.exit_code, result.stdout, stderr)


def run_process(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own: for settings read once, when the package is
    imported (such as ``PROGRESS_SITE_TEMPLATES``)."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        check=False,
    )


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def build_once(factory: pytest.TempPathFactory, name: str, content: Path) -> Path:
    out = factory.mktemp(name) / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_once(tmp_path_factory, "default", DEFAULT_CONTENT)


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_once(tmp_path_factory, "small", SMALL_PLAN)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_once(tmp_path_factory, "real", REAL_PLAN)


@pytest.fixture(scope="session")
def real_base_url(real_site: Path) -> Iterator[str]:
    """The real-plan fixture's site served over HTTP on localhost."""
    yield from serve(real_site)


@pytest.fixture(scope="session")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic plan of 60 recommendations and about 450 actions, in two releases."""
    from generator.dev.synthetic import Scale, write_content

    content = write_content(
        tmp_path_factory.mktemp("large") / "content", Scale(recommendations=60, releases=2)
    )
    return build_once(tmp_path_factory, "large-site", content)


@pytest.fixture(scope="session")
def series_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small plan with the KPI ``visits-due``: a tolerance, notes and a series break."""
    content = tmp_path_factory.mktemp("series") / "content"
    shutil.copytree(SMALL_PLAN, content)
    add_series_kpi(content)
    return build_once(tmp_path_factory, "series-site", content)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# CI sets PROGRESS_SITE_BROWSER_TESTS=required so that a missing browser fails instead of skipping.
REQUIRED = os.environ.get("PROGRESS_SITE_BROWSER_TESTS") == "required"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(directory: Path) -> Iterator[str]:
    """``directory`` served over HTTP on localhost until the generator is closed."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(default_site: Path) -> Iterator[str]:
    """The default site served over HTTP on localhost."""
    yield from serve(default_site)


@pytest.fixture(scope="session")
def small_base_url(small_site: Path) -> Iterator[str]:
    """The small plan's site served over HTTP on localhost."""
    yield from serve(small_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by playwright; skipped locally when either is missing."""
    if not REQUIRED:
        pytest.importorskip("playwright.sync_api")
        if not Path(CHROMIUM).exists():
            pytest.skip("needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
