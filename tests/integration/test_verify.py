"""``history.json`` and ``verify`` end to end: built sites, altered sites, and over HTTP."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest

from tests.conftest import SMALL_PLAN
from tests.integration.conftest import run_cli, serve

ERRATUM = """    errata:
      - date: 2015-02-01
        reason: The narrative of action 1.2 was left out.
        corrected: Action 1.2
"""


def _build(content: Path, out: Path) -> None:
    result = run_cli("build", "--content", str(content), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the small plan, built."""
    content, out = tmp_path / "content", tmp_path / "site"
    shutil.copytree(SMALL_PLAN, content)
    _build(content, out)
    return content, out


def test_the_shipped_site_verifies(default_site: Path) -> None:
    result = run_cli("verify", str(default_site))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"Checking {default_site}/history.json\n"
        "2016-08: 10 data files match; chain intact\n"
        "2017-04: 10 data files match; chain intact\n"
        "Checked 2 releases and 20 data files: every file matches and the chain is intact.\n"
    )
    entries = json.loads((default_site / "history.json").read_text())["releases"]
    assert entries[1]["errata"][0]["date"] == "2026-11-25"


def test_an_altered_data_file_is_named_even_after_an_unchanged_rebuild(
    small: tuple[Path, Path],
) -> None:
    content, site = small
    target = site / "2014-10" / "data" / "actions.csv"
    recorded = (site / "history.json").read_bytes()
    target.write_text(target.read_text() + "9.9,forged\n")
    expected = (
        "Error: the site does not match its history:\n"
        "  release 2014-10: data/actions.csv does not match its digest in history.json\n"
    )
    result = run_cli("verify", str(site))
    assert result.returncode == 1
    assert result.stderr == expected
    assert "2014-10: 1 of 10 data files do not match; chain intact\n" in result.stdout
    assert result.stdout.endswith("Checked 3 releases and 30 data files: 1 problem.\n")
    # the altered version is reused by the next build, and still found out
    rebuilt = run_cli("build", "--content", str(content), "--out", str(site))
    assert "3 unchanged" in rebuilt.stdout
    assert target.read_text().endswith("9.9,forged\n")
    assert (site / "history.json").read_bytes() == recorded
    result = run_cli("verify", str(site))
    assert (result.returncode, result.stderr) == (1, expected)


def test_a_published_release_changed_without_an_erratum_fails_against_the_old_history(
    small: tuple[Path, Path], tmp_path: Path
) -> None:
    content, site = small
    old = tmp_path / "history-2015-01.json"
    shutil.copyfile(site / "history.json", old)
    progress = content / "progress" / "2014-06.yaml"
    progress.write_text(
        progress.read_text().replace(
            "1.2: {status: planned}", "1.2: {status: planned, narrative: Rewritten later.}"
        )
    )
    _build(content, site)
    assert run_cli("verify", str(site)).returncode == 0  # the site matches its own history
    result = run_cli("verify", str(site), "--against", str(old))
    assert result.returncode == 1
    assert result.stderr == (
        "Error: the site does not match its history:\n"
        "  release 2014-06: its content changed since history-2015-01.json, "
        "with no erratum recorded\n"
        "  release 2014-06: data/actions.csv changed since history-2015-01.json, "
        "with no erratum recorded\n"
        "  release 2014-06: data/actions.json changed since history-2015-01.json, "
        "with no erratum recorded\n"
    )
    assert "2014-10: 10 data files match; chain intact; unchanged since history-2015-01.json\n" in (
        result.stdout
    )
    # recorded as an erratum, the same change passes
    releases = content / "releases.yaml"
    releases.write_text(
        releases.read_text().replace(
            "    summary: The action plan as first agreed.\n",
            "    summary: The action plan as first agreed.\n" + ERRATUM,
        )
    )
    _build(content, site)
    result = run_cli("verify", str(site), "--against", str(old))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"Checking {site}/history.json\n"
        "2014-06: 10 data files match; chain intact; "
        "corrected since history-2015-01.json by an erratum of 2015-02-01\n"
        "2014-10: 10 data files match; chain intact; unchanged since history-2015-01.json\n"
        "2015-01: 10 data files match; chain intact; unchanged since history-2015-01.json\n"
        "Checked 3 releases and 30 data files: every file matches and the chain is intact; "
        "no release in history-2015-01.json has changed except through an erratum.\n"
    )


def test_a_site_is_verified_over_http(small: tuple[Path, Path], tmp_path: Path) -> None:
    _, site = small
    shutil.copyfile(site / "history.json", tmp_path / "old.json")
    served = serve(site)
    url = next(served)
    try:
        result = run_cli("verify", url, "--against", str(tmp_path / "old.json"))
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"Checking {url}history.json\n")
        assert "2015-01: 10 data files match; chain intact; unchanged since old.json\n" in (
            result.stdout
        )
        (site / "2015-01" / "data" / "kpis.json").unlink()
        result = run_cli("verify", url.rstrip("/"))
        assert result.returncode == 1
        assert result.stderr == (
            "Error: the site does not match its history:\n"
            "  release 2015-01: data/kpis.json is missing from the site\n"
        )
    finally:
        served.close()


def test_bad_input_gets_a_message_and_no_traceback(
    small: tuple[Path, Path], tmp_path: Path
) -> None:
    _, site = small
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    (tmp_path / "not-json.json").write_text("{")
    cases = [
        (
            ["verify", str(tmp_path / "nowhere")],
            f"Error: {tmp_path}/nowhere does not exist: "
            "give a built site directory or an http(s) address\n",
        ),
        (
            ["verify", str(tmp_path)],
            f"Error: {tmp_path}/history.json does not exist: "
            f"is {tmp_path} a site built by progress-site?\n",
        ),
        (
            ["verify", f"http://127.0.0.1:{port}/"],
            f"Error: cannot reach http://127.0.0.1:{port}/history.json (Connection refused)\n",
        ),
        (
            ["verify", str(site), "--against", str(tmp_path / "not-json.json")],
            f"Error: {tmp_path}/not-json.json is not valid JSON "
            "(Expecting property name enclosed in double quotes)\n",
        ),
        (
            ["verify", str(site), "--against", str(tmp_path / "missing.json")],
            f"Error: {tmp_path}/missing.json cannot be read (No such file or directory)\n",
        ),
    ]
    for args, message in cases:
        result = run_cli(*args)
        assert (result.returncode, result.stderr) == (1, message), args
