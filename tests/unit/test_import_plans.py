"""import: plans of any kind, read whole, through the command line as a user runs it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from generator.cli import cli


def write(tmp_path: Path, text: str, name: str = "plan.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["import", *map(str, args)])


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_statuses_named_by_status_words_are_added_to_the_site(tmp_path):
    mapping = write(
        tmp_path, 'status_words: {"behind": delayed, "not yet": not-started}\n', "map.yaml"
    )
    table = write(tmp_path, "Area,Action,Description,Progress\n1,1.1,Write it,Behind schedule\n")
    out = tmp_path / "content"
    result = run(table, "--into", out, "--mapping", mapping, "--infer-status", "--release", "r1")
    assert result.exit_code == 0, result.output
    statuses = [s["id"] for s in load(out / "site.yaml")["statuses"]]
    assert statuses == [
        "completed",
        "in-place",
        "on-track",
        "planned",
        "due",
        "not-reported",
        "delayed",
        "not-started",
    ]
    assert load(out / "progress/r1.yaml")["actions"]["1.1"]["status"] == "delayed"


def test_status_words_still_name_a_status_of_the_mappings_own(tmp_path):
    mapping = write(
        tmp_path,
        "statuses: [{id: done, label: Done, meaning: complete}]\n"
        'status_words: {"behind": delayed}\n',
        "map.yaml",
    )
    table = write(tmp_path, "Area,Action,Description\n1,1.1,Write it\n")
    result = run(table, "--into", tmp_path / "content", "--mapping", mapping)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{mapping}:2: 'status_words': 'behind' gives status 'delayed', which is not in "
        "'statuses' (known: done)",
        "Aborted: 1 problem found in the content.",
    ]


BAD_ROWS = "Area,Action,Description,Timescale\n1,1.1,Write it,Oct 2014\n1,1.,Cut off,Oct 2014\n"


def test_a_refusal_for_bad_rows_says_skip_bad_rows_imports_the_rest(tmp_path):
    table = write(tmp_path, BAD_ROWS)
    result = run(table, "--into", tmp_path / "content")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{table}:3: action 1.: action id '1.' looks truncated: expected 1.<number>",
        "Aborted: 1 problem found in the content.",
        "Nothing was written; --skip-bad-rows imports the rest (1 action) and lists each row "
        "it skips.",
    ]
    assert not (tmp_path / "content").exists()


def test_no_hint_where_skipping_would_not_help(tmp_path):
    only_bad = write(tmp_path, "Area,Action,Description\n1,1.,Cut off\n1,1.,Again\n")
    result = run(only_bad, "--into", tmp_path / "content")
    assert result.stderr.splitlines()[-1] == "Aborted: 2 problems found in the content."
    unknown_column = write(tmp_path, BAD_ROWS.replace("Timescale", "Colour"), "other.csv")
    result = run(unknown_column, "--into", tmp_path / "content")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Aborted: 2 problems found in the content."


def test_the_release_flags_set_the_release_and_the_plan_date_only_reads_timescales(tmp_path):
    table = write(tmp_path, "Area,Action,Description,Timescale\n1,1.1,Write it,3 months\n")
    out = tmp_path / "content"
    result = run(
        table,
        "--into",
        out,
        "--plan-date",
        "2025-07-01",
        "--release",
        "2026-08",
        "--release-date",
        "2026-08-28",
        "--release-title",
        "August 2026 refresh",
        "--title",
        "Five-year strategic plan",
    )
    assert result.exit_code == 0, result.output
    assert load(out / "releases.yaml") == {
        "releases": [{"id": "2026-08", "date": "2026-08-28", "title": "August 2026 refresh"}]
    }
    assert load(out / "site.yaml")["title"] == "Five-year strategic plan"
    [recommendation] = load(out / "plan.yaml")["recommendations"]
    assert recommendation["actions"][0]["due"] == "2025-10-01"  # from the plan's date
    assert (out / "progress/2026-08.yaml").is_file()


def test_without_a_release_date_the_release_is_dated_today_not_by_the_plan(tmp_path):
    table = write(tmp_path, "Area,Action,Description\n1,1.1,Write it\n")
    out = tmp_path / "content"
    result = run(table, "--into", out, "--plan-date", "2025-07-01", "--release", "2026-08")
    assert result.exit_code == 0, result.output
    today = date.today()
    assert load(out / "releases.yaml")["releases"] == [
        {"id": "2026-08", "date": today.isoformat(), "title": f"{today:%B %Y}"}
    ]
    other = tmp_path / "other"
    assert run(table, "--into", other, "--release-date", "2026-04-09").exit_code == 0
    assert load(other / "releases.yaml")["releases"] == [
        {"id": "2026-04", "date": "2026-04-09", "title": "April 2026"}
    ]
    bad = run(table, "--into", tmp_path / "bad", "--release-date", "9 April")
    assert bad.exit_code == 2
    assert bad.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--release-date': expected a date as YYYY-MM-DD, found '9 April'"
    )
