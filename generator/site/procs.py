"""Child processes die with the build: a killed build leaves no workers or MkDocs running.

``in_child`` runs a function in a forked child and brings back its result or its exception;
``start_child`` does the same while this process goes on with other work.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1

MKDOCS = (
    "import sys\n"
    "from generator.site.procs import die_with_parent\n"
    "die_with_parent(int(sys.argv.pop(1)))\n"
    "import runpy\n"
    "runpy.run_module('mkdocs', run_name='__main__', alter_sys=True)\n"
)
"""Runs MkDocs' command line (``python -c MKDOCS <parent pid> build ...``), bound to the
process that started it."""


@functools.cache
def libc() -> ctypes.CDLL:
    """The C library, for the Linux calls Python does not offer (prctl, renameat2)."""
    return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def die_with_parent(parent: int) -> None:
    """Have Linux kill this process with SIGKILL when ``parent`` (its parent) ends, and leave
    Ctrl+C to the parent.

    If the parent ended before this was set up, exit now. Elsewhere than Linux this does
    nothing.
    """
    # Ctrl+C in a terminal reaches every process of the group: the parent alone handles it
    # (a build stops, a preview ends) and this process then ends with it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not sys.platform.startswith("linux"):
        return
    libc().prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def mkdocs_command(*args: str) -> list[str]:
    """The command line that runs ``mkdocs *args`` as a child that dies with this process."""
    return [sys.executable, "-c", MKDOCS, str(os.getpid()), *args]


class ChildStopped(Exception):
    """A child process ended without a result (killed, or out of memory)."""


class Child(Generic[T]):
    """``function(*args)`` running in a forked child from the moment this is made; ``result``
    waits for it. The child dies with this process."""

    def __init__(self, function: Callable[..., T], *args: Any) -> None:
        parent = os.getpid()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 1
            try:
                # what the child inherits is never collected here: a collection would walk
                # (and so copy) every object of the parent, taking most of a child's time
                gc.freeze()
                os.close(read_end)
                die_with_parent(parent)
                try:
                    outcome: tuple[str, object] = ("ok", function(*args))
                except BaseException as exc:  # noqa: BLE001 - every failure goes to the parent
                    outcome = ("error", exc)
                try:
                    data = pickle.dumps(outcome)
                except Exception:  # noqa: BLE001 - an exception that cannot be pickled
                    data = pickle.dumps(("error", RuntimeError(str(outcome[1]))))
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self._pid, self._read_end = pid, read_end

    def result(self) -> T:
        """The child's result, once it has ended; its exception is raised here. If it ended
        without either, ``ChildStopped``."""
        with os.fdopen(self._read_end, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self._pid, 0)
        if not data:
            raise ChildStopped
        kind, value = pickle.loads(data)
        if kind == "error":
            raise value
        return value


def start_child(function: Callable[..., T], *args: Any) -> Child[T]:
    """``function(*args)`` begun in a forked child; ``.result()`` waits for it."""
    return Child(function, *args)


def in_child(function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` in a forked child; its result, or its exception, comes back here.

    The child dies with this process. If it ends without a result, ``ChildStopped``.
    """
    return start_child(function, *args).result()
