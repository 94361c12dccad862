"""Errors become messages and exit codes in one place, the command group."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.errors import ContentError, Problem, ProgressSiteError
from generator.facts import lock as lock_module


def broken(exc: Exception):
    def load(content_dir):
        raise exc

    return load


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (
            ContentError([Problem("content/plan.yaml", 3, "action 1.1", "unknown status 'x'")]),
            "content/plan.yaml:3: action 1.1: unknown status 'x'\n"
            "Aborted: 1 problem found in the content.\n",
        ),
        (ProgressSiteError("no such release"), "Error: no such release\n"),
        (
            KeyError("boom"),
            "Error: unexpected failure: 'boom' (run with --debug for the details)\n",
        ),
    ],
)
def test_one_catch_point_turns_every_error_into_a_message(monkeypatch, exc, message):
    monkeypatch.setattr(lock_module, "load_locked", broken(exc))
    monkeypatch.delenv("PROGRESS_SITE_DEBUG", raising=False)
    result = CliRunner().invoke(cli, ["diff", "a", "b"])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)


def test_debug_shows_the_traceback_first(monkeypatch):
    monkeypatch.setattr(lock_module, "load_locked", broken(KeyError("boom")))
    result = CliRunner().invoke(cli, ["--debug", "diff", "a", "b"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.endswith(
        "Error: unexpected failure: 'boom' (run with --debug for the details)\n"
    )
    by_environment = CliRunner().invoke(cli, ["diff", "a", "b"], env={"PROGRESS_SITE_DEBUG": "1"})
    assert by_environment.stderr.startswith("Traceback (most recent call last):")


def test_usage_errors_stay_clicks_own():
    result = CliRunner().invoke(cli, ["diff"])
    assert result.exit_code == 2
    assert "Missing argument 'OLD'" in result.stderr


LONG = "x" * 300


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["validate", "--content", LONG], "--content"),
        (["build", "--content", f"{LONG}/content"], "--content"),
        (["serve", "--content", LONG], "--content"),
        (["diff", "a", "b", "--content", LONG], "--content"),
        (["new-release", "r", "--date", "2020-01-01", "--content", LONG], "--content"),
        (["publish", "r", "--content", LONG], "--content"),
        (["import", "tests/data/import/barking-dagenham-2014.csv", "--into", LONG], "--into"),
    ],
)
def test_a_directory_name_the_system_cannot_look_up_is_refused_as_given(args, option):
    result = CliRunner().invoke(cli, args)
    name = args[args.index(option) + 1]
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for '{option}': '{name}' cannot be used (File name too long)\n"
    )


def test_a_loop_of_links_as_the_content_directory_is_refused(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    result = CliRunner().invoke(cli, ["validate", "--content", str(tmp_path / "a")])
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2,
        f"Error: Invalid value for '--content': '{tmp_path / 'a'}' cannot be used "
        "(Too many levels of symbolic links)",
    )
