"""Run the bad-input corpus through the real command line, in-process."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.workflow.releases import publish
from tests.unit.content import corpus_cases, corpus_faults, corpus_ids, corpus_values

CASES = [
    *corpus_cases.CASES,
    *corpus_values.CASES,
    *corpus_ids.CASES,
    *corpus_faults.CASES,
]

HUGE = "plan_summary: " + "x" * 2_100_000 + " The"


def apply(root: Path, edits: list[tuple]) -> None:
    for op, name, *args in edits:
        path = root / name
        if op == "replace":
            old, new = args
            new = HUGE if new == "HUGE" else new
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{old!r} not in {name}"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        elif op == "write":
            path.write_text(args[0], encoding="utf-8")
        elif op == "write_bytes":
            path.write_bytes(args[0])
        elif op == "append":
            path.write_text(path.read_text(encoding="utf-8") + args[0], encoding="utf-8")
        elif op == "delete":
            path.unlink()
        elif op == "symlink":
            path.unlink()
            path.symlink_to(args[0])
        elif op == "mkfifo":
            path.unlink()
            os.mkfifo(path)
        elif op == "mkdir":
            path.unlink()
            path.mkdir()
        elif op == "publish":
            publish(root, name, date(2015, 2, 1))
        else:
            raise AssertionError(op)


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old_argv = sys.argv
    sys.argv = ["progress-site", *argv]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = old_argv
    return code, out.getvalue(), err.getvalue()


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize(("name", "edits", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input(small, name, edits, expected):
    apply(small.root, edits)
    for command in (["validate"], ["build", "--out", "site"]):
        code, out, err = run([*command, "--content", "content"])
        assert code == 1
        assert "Traceback" not in err
        lines = err.splitlines()
        assert lines[:-1] == expected
        count = len(expected)
        assert (
            lines[-1]
            == f"Aborted: {count} problem{'s' if count != 1 else ''} found in the content."
        )
        assert all(line.startswith("content/") for line in expected)  # names the file
    assert not Path("site").exists()
