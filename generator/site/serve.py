"""A local preview: build into a private directory, serve it, rebuild when anything changes."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
import urllib.parse
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from generator import BASE_MKDOCS_YML, TEMPLATES_DIR
from generator.errors import ContentError, ProgressSiteError
from generator.site.build import build_site
from generator.site.engine import DEFAULT_ENGINE
from generator.site.preview import Preview

MAX_PATH_CHARS = 2048


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the preview directory and nothing else: GET and HEAD only, every odd request
    answered with a 4xx status rather than an error in the terminal."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def _refuse_method(self) -> None:
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse_method
    do_TRACE = do_CONNECT = _refuse_method

    def _bad_path(self) -> tuple[HTTPStatus, str] | None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if len(path) > MAX_PATH_CHARS:
            return HTTPStatus.REQUEST_URI_TOO_LONG, "Path too long"
        if not path.startswith("/"):
            return HTTPStatus.BAD_REQUEST, "Path must start with /"
        try:
            decoded = urllib.parse.unquote(path, errors="strict")
            decoded.encode("utf-8")
            path.encode("ascii")
        except UnicodeError:
            return HTTPStatus.BAD_REQUEST, "Path is not valid percent-encoded UTF-8"
        if any(ord(c) < 32 or ord(c) == 127 for c in decoded):
            return HTTPStatus.BAD_REQUEST, "Path contains a control character"
        if ".." in decoded.replace("\\", "/").split("/"):
            return HTTPStatus.BAD_REQUEST, "Path leaves the site"
        return None

    def translate_path(self, path: str) -> str:
        """The file for ``path``, or a name that does not exist if it is outside the site."""
        translated = super().translate_path(path)
        root = os.path.realpath(self.directory)
        real = os.path.realpath(translated)
        if real != root and not real.startswith(root + os.sep):
            return os.path.join(root, "\x2e-outside-the-site")
        return translated

    def send_head(self) -> Any:
        problem = self._bad_path()
        if problem is not None:
            self.send_error(*problem)
            return None
        try:
            return super().send_head()
        except (OSError, ValueError):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None


class _PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # Ctrl+C never waits on a client that keeps its connection open

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up is no error; anything else is one line, not a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        print(f"Preview server: a request failed ({error})", file=sys.stderr)


def snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file under ``paths``: what a rebuild depends on."""
    state: dict[str, tuple[int, int]] = {}
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            try:
                stat = path.stat()
            except OSError:
                continue
            state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return state


def serve(
    content_dir: Path,
    host: str,
    port: int,
    echo: Callable[[str], None],
    interval: float = 1.0,
    stop: threading.Event | None = None,
    drafts: bool = True,
    engine: str = DEFAULT_ENGINE,
) -> None:
    stop = stop or threading.Event()
    scratch = Path(tempfile.mkdtemp(prefix="progress-site-serve-"))
    out_dir = scratch / "site"
    out_dir.mkdir()
    watched = [content_dir, TEMPLATES_DIR, BASE_MKDOCS_YML]
    preview = Preview(scratch / "work")

    def rebuild() -> None:
        try:
            result = build_site(
                content_dir, out_dir, log=echo, drafts=drafts, engine=engine, preview=preview
            )
            for built in result.releases:
                if built.rebuilt is not None and built.rebuilt < built.pages:
                    echo(f"Release {built.id}: {built.rebuilt} of {built.pages} pages rebuilt.")
            total = len(result.releases) + len(result.reused)
            echo(f"Site ready ({total} releases, {result.seconds:.1f} s).")
        except ContentError as exc:
            echo(exc.report())
            echo("Fix the content and save: the preview rebuilds automatically.")
        except ProgressSiteError as exc:
            echo(f"Error: {exc}")
            echo("The last good preview stays up until the site builds again.")
        except OSError as exc:
            echo(f"Error: the preview could not be built ({exc.strerror or exc})")

    restore = _stop_on_sigterm()
    server = None
    try:
        rebuild()
        handler = partial(_QuietHandler, directory=str(out_dir))
        server = _PreviewServer((host, port), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        echo(f"Serving on http://{host}:{server.server_address[1]}/ (Ctrl+C to stop)")
        state = snapshot(watched)
        while not stop.wait(interval):
            current = snapshot(watched)
            if current != state:
                state = current
                echo("Change detected, rebuilding...")
                rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
        shutil.rmtree(scratch, ignore_errors=True)
        restore()


def _stop_on_sigterm() -> Callable[[], None]:
    """SIGTERM (a service manager's stop, ``kill``) ends the preview as Ctrl+C does, its
    temporary folder removed; returns what puts the previous handler back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    return lambda: signal.signal(signal.SIGTERM, previous)
