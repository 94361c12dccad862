"""new-release, import-tracker and import: ids in the existing pattern, dates never today."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import DEFAULT_CONTENT
from tests.integration.conftest import run_cli

TYPO = (
    "Error: release id 2017-7 does not follow the pattern of the existing release ids "
    "(YYYY-MM, as in 2017-04); use --any-id to accept it anyway\n"
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(DEFAULT_CONTENT, tmp_path / "content")
    return tmp_path / "content"


def releases(content: Path) -> list[dict]:
    return yaml.safe_load((content / "releases.yaml").read_text())["releases"]


def test_new_release_of_a_month_is_dated_on_its_last_day(content):
    result = run_cli("new-release", "2017-07", "--content", str(content))
    assert result.returncode == 0, result.stderr
    latest = releases(content)[-1]
    assert (str(latest["date"]), latest["title"]) == ("2017-07-31", "July 2017 progress report")


def test_new_release_refuses_an_id_out_of_pattern_unless_any_id(content):
    before = (content / "releases.yaml").read_bytes()
    result = run_cli("new-release", "2017-7", "--date", "2017-07-31", "--content", str(content))
    assert (result.returncode, result.stderr) == (1, TYPO)
    assert (content / "releases.yaml").read_bytes() == before
    assert not (content / "progress" / "2017-7.yaml").exists()
    without_date = run_cli("new-release", "2017-7", "--content", str(content))
    assert (without_date.returncode, without_date.stderr) == (1, TYPO)
    args = ("new-release", "2017-7", "--date", "2017-07-31", "--any-id")
    assert run_cli(*args, "--content", str(content)).returncode == 0


def test_new_release_needs_a_date_for_an_id_that_names_no_month(content):
    args = ("new-release", "2017-summer", "--any-id", "--content", str(content))
    result = run_cli(*args)
    assert (result.returncode, result.stderr) == (
        1,
        "Error: release 2017-summer: its id names no month (YYYY-MM), so give its date with "
        "--date YYYY-MM-DD\n",
    )
    assert len(releases(content)) == 2


def test_import_tracker_refuses_a_typo_and_dates_a_month_id_on_its_last_day(tmp_path, content):
    tracker = tmp_path / "tracker.xlsx"
    exported = run_cli(
        "export-tracker", "2017-04", "--out", str(tracker), "--content", str(content)
    )
    assert exported.returncode == 0, exported.stderr
    before = (content / "releases.yaml").read_bytes()
    typo = run_cli("import-tracker", str(tracker), "--release", "2017-7", "--content", str(content))
    assert (typo.returncode, typo.stderr) == (1, TYPO)
    assert (content / "releases.yaml").read_bytes() == before
    other = run_cli(
        "import-tracker", str(tracker), "--release", "2017-q3", "--any-id", "--content",
        str(content),
    )  # fmt: skip
    assert other.stderr == (
        "Error: release 2017-q3: its id names no month (YYYY-MM), so give its date with "
        "--date YYYY-MM-DD\n"
    )
    done = run_cli(
        "import-tracker", str(tracker), "--release", "2017-07", "--content", str(content)
    )
    assert done.returncode == 0, done.stderr
    latest = releases(content)[-1]
    assert (latest["id"], str(latest["date"]), latest["title"]) == (
        "2017-07",
        "2017-07-31",
        "July 2017 progress report",
    )


def test_import_dates_its_release_by_the_release_date_or_the_month_named(tmp_path):
    table = Path(__file__).parent.parent / "data" / "import" / "barking-dagenham-2014.csv"
    base = ("import", str(table), "--skip-bad-rows")
    none = run_cli(*base, "--into", str(tmp_path / "a"))
    assert (none.returncode, none.stderr) == (
        1,
        "Error: give the release with --release YYYY-MM (dated the last day of that month), or "
        "its date with --release-date YYYY-MM-DD; --plan-date dates only the plan\n",
    )
    assert not (tmp_path / "a").exists()
    named = run_cli(*base, "--into", str(tmp_path / "b"), "--release", "2014-10")
    assert named.returncode == 0, named.stderr
    [release] = releases(tmp_path / "b")
    assert (release["id"], str(release["date"])) == ("2014-10", "2014-10-31")
    other = run_cli(*base, "--into", str(tmp_path / "c"), "--release", "first")
    assert other.stderr == (
        "Error: release first: its id names no month (YYYY-MM), so give its date with "
        "--release-date YYYY-MM-DD\n"
    )
