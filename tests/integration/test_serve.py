"""The real ``serve`` in a subprocess: odd requests get a 4xx answer, a bad change keeps the
last good preview up, and the next good change is picked up."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

from tests.conftest import SMALL_PLAN


def _reader(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))


def wait_for(lines: queue.Queue, text: str, seen: list[str], timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if text in line:
            return line
    raise AssertionError(f"{text!r} not printed; got {seen}")


def raw(port: int, request: bytes) -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        reply = conn.recv(200)
    return int(reply.split(b" ", 2)[1])


def page(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return response.read().decode("utf-8")


def test_serve_survives_odd_requests_and_bad_changes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    (tmp_path / "secret.txt").write_text("outside the site")
    temporary = tmp_path / "tmp"  # where the preview keeps its site while it runs
    temporary.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--content", str(content)]
        + ["--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(temporary)},
        start_new_session=True,
    )
    lines: queue.Queue = queue.Queue()
    errors: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
    threading.Thread(target=_reader, args=(process.stderr, errors), daemon=True).start()
    seen: list[str] = []
    try:
        port = int(wait_for(lines, "Serving on", seen).rsplit(":", 1)[1].split("/")[0])
        assert "January 2015" in page(port, "/2015-01/")
        odd = {
            b"GET /%00 HTTP/1.1": 400,
            b"GET /2015-01/%00index.html HTTP/1.1": 400,
            b"GET /../../etc/passwd HTTP/1.1": 400,
            b"GET /%2e%2e/secret.txt HTTP/1.1": 400,
            b"GET /%2E%2E/%2E%2E/etc/passwd HTTP/1.1": 400,
            b"GET /..%2fsecret.txt HTTP/1.1": 400,
            b"GET /" + b"a" * 5000 + b" HTTP/1.1": 414,
            b"GET /%zz HTTP/1.1": 404,
            b"GET /%zz%e9 HTTP/1.1": 400,
            b"GET /%ff%fe HTTP/1.1": 400,
            b"GET /caf\xe9/ HTTP/1.1": 400,
            b"GET /\x01 HTTP/1.1": 400,
            b"GET /2015-01 HTTP/1.1": 301,
            b"HEAD /2015-01/ HTTP/1.1": 200,
            b"POST /2015-01/ HTTP/1.1": 405,
            b"OPTIONS * HTTP/1.1": 405,
            b"DELETE /2015-01/ HTTP/1.1": 405,
            b"GET /nothing-here/ HTTP/1.1": 404,
            b"GET relative HTTP/1.1": 400,
        }
        for request, status in odd.items():
            assert raw(port, request + b"\r\nHost: x\r\n\r\n") == status, request

        releases = content / "releases.yaml"
        good = releases.read_text()
        releases.write_text(good.replace("date: 2015-01-31", "date: 2015-13-45"))
        wait_for(lines, "Fix the content and save", seen)
        assert any(line.startswith(f"{releases}:") for line in seen)
        assert "January 2015" in page(port, "/2015-01/")  # the last good preview stays up

        releases.write_text(good.replace("title: January 2015", "title: Jan 2015 revised"))
        wait_for(lines, "Site ready", seen)
        assert "Jan 2015 revised" in page(port, "/2015-01/")

        progress = content / "progress" / "2015-01.yaml"
        progress.write_text(progress.read_text().replace("by the board", "by the panel"))
        assert wait_for(lines, "pages rebuilt", seen) == "Release 2015-01: 7 of 32 pages rebuilt."
        wait_for(lines, "Site ready", seen)
        assert "by the panel" in page(port, "/2015-01/recommendations/1/")
        assert process.poll() is None
        assert [p.name[:20] for p in temporary.iterdir()] == ["progress-site-serve-"]
    finally:
        # stopped as a service manager stops it; Ctrl+C under a loaded machine is a known gap
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    assert list(temporary.iterdir()) == []  # stopped, the preview leaves nothing behind
    stderr = []
    while not errors.empty():
        stderr.append(errors.get())
    assert not any("Traceback" in line for line in stderr + seen), stderr
