"""Child processes die with the build: a killed build leaves no workers or MkDocs running."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import signal
import sys

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
