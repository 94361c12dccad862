"""A local preview: build into a private directory, serve it, rebuild when anything changes."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from . import BASE_MKDOCS_YML, TEMPLATES_DIR
from .build import build_site
from .errors import ContentError, ProgressSiteError


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


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
) -> None:
    stop = stop or threading.Event()
    scratch = Path(tempfile.mkdtemp(prefix="progress-site-serve-"))
    out_dir = scratch / "site"
    out_dir.mkdir()
    watched = [content_dir, TEMPLATES_DIR, BASE_MKDOCS_YML]

    def rebuild() -> None:
        try:
            result = build_site(content_dir, out_dir, log=echo, drafts=drafts)
            total = len(result.releases) + len(result.reused)
            echo(f"Site ready ({total} releases, {result.seconds:.1f} s).")
        except ContentError as exc:
            echo(exc.report())
            echo("Fix the content and save: the preview rebuilds automatically.")
        except ProgressSiteError as exc:
            echo(f"Error: {exc}")

    rebuild()
    handler = partial(_QuietHandler, directory=str(out_dir))
    server = ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    echo(f"Serving on http://{host}:{server.server_address[1]}/ (Ctrl+C to stop)")
    state = snapshot(watched)
    try:
        while not stop.wait(interval):
            current = snapshot(watched)
            if current != state:
                state = current
                echo("Change detected, rebuilding...")
                rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(scratch, ignore_errors=True)
