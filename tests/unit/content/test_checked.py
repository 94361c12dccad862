"""Progress reports checked once are remembered within the process by everything their check
reads: a load checks again only the reports that changed, or whose plan, release or earlier
report changed, and a load from remembered reports is the load it would have been."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from generator.content.checked import REPORTS, _code
from generator.content.checks_releases import ReleaseChecks
from generator.content.validate import load_content
from generator.errors import ContentError
from tests.conftest import SMALL_PLAN


@pytest.fixture
def checked(monkeypatch, tmp_path):
    """The release ids whose progress report was checked (not remembered), load by load; the
    reports are kept in a cache of the test's own."""
    seen: list[str] = []
    original = ReleaseChecks.progress_report

    def counting(self, release, *args, **kwargs):
        seen.append(release.id)
        return original(self, release, *args, **kwargs)

    monkeypatch.setattr(ReleaseChecks, "progress_report", counting)
    monkeypatch.setattr(REPORTS, "kept", {})
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(tmp_path / "cache"))
    return seen


@pytest.fixture
def content(tmp_path) -> Path:
    return Path(shutil.copytree(SMALL_PLAN, tmp_path / "content"))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(content)
    found = []
    for p in caught.value.problems:
        item = f"{p.item}: " if p.item else ""
        found.append(f"{Path(p.file).relative_to(content)}:{p.line}: {item}{p.message}")
    return found


def test_an_unchanged_content_is_loaded_from_the_remembered_reports(content, checked):
    first = load_content(content)
    assert checked == ["2014-06", "2014-10", "2015-01"]
    again = load_content(content)
    assert checked == ["2014-06", "2014-10", "2015-01"]  # none checked again
    assert again == first


def test_an_edited_report_is_checked_again_with_every_later_one(content, checked):
    load_content(content)
    checked.clear()
    _replace(content / "progress/2015-01.yaml", "checked by the board", "checked by us")
    edited = load_content(content)
    assert checked == ["2015-01"]
    assert "checked by us" in repr(edited.release("2015-01").progress)
    checked.clear()
    _replace(content / "progress/2014-10.yaml", "status:", "status:")  # unchanged: no new text
    first = content / "progress/2014-06.yaml"
    first.write_text(first.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert load_content(content) == edited
    assert checked == ["2014-06", "2014-10", "2015-01"]  # later reports can carry it forward


def test_a_plan_change_is_checked_against_every_report(content, checked):
    load_content(content)
    _replace(content / "plan.yaml", "      - id: 1.4\n", "      - id: 1.49\n")
    assert _problems(content) == [
        "progress/2014-06.yaml:3: action 1.4: unknown action '1.4' (not in plan.yaml)",
        "progress/2014-10.yaml:5: action 1.4: unknown action '1.4' (not in plan.yaml)",
        "progress/2015-01.yaml:8: action 1.4: unknown action '1.4' (not in plan.yaml)",
    ]


def test_a_release_date_change_is_checked_against_its_report(content, checked):
    load_content(content)
    _replace(content / "releases.yaml", "date: 2015-01-31", "date: 2015-01-19")
    assert _problems(content) == [
        "progress/2015-01.yaml:17: assessment of recommendation 1: dated 2015-01-20, after this "
        "release's date (2015-01-19): an assessment is published with the first release dated "
        "on or after it",
        "progress/2015-01.yaml:23: assessment of recommendation 13/14: dated 2015-01-27, after "
        "this release's date (2015-01-19): an assessment is published with the first release "
        "dated on or after it",
    ]


def test_a_report_with_a_problem_is_not_remembered(content, checked):
    _replace(content / "progress/2015-01.yaml", "  1.4:\n", "  1.9:\n")
    expected = ["progress/2015-01.yaml:8: action 1.9: unknown action '1.9' (not in plan.yaml)"]
    assert _problems(content) == expected
    checked.clear()
    assert _problems(content) == expected  # reported every time
    assert checked == ["2015-01"]


def test_another_content_folder_is_checked_on_its_own(content, checked, tmp_path):
    load_content(content)
    other = Path(shutil.copytree(content, tmp_path / "other"))
    checked.clear()
    load_content(other)
    assert checked == ["2014-06", "2014-10", "2015-01"]


def test_reports_checked_while_the_plan_cannot_be_read_are_not_remembered(content, checked):
    plan = content / "plan.yaml"
    plan.write_text("groups: [\n", encoding="utf-8")  # cannot be read: nothing refers into it
    problems = _problems(content)
    assert len(problems) == 1 and problems[0].startswith("plan.yaml:")
    plan.write_text("groups: []\nrecommendations: []\n", encoding="utf-8")
    problems = _problems(content)
    assert len([p for p in problems if p.startswith("progress/")]) == 12
    assert "progress/2014-06.yaml:2: action 1.2: unknown action '1.2' (not in plan.yaml)" in (
        problems
    )


def test_a_report_saved_again_while_it_is_checked_is_not_remembered(content, checked, monkeypatch):
    """Its key was made from the bytes before; what was checked may be the bytes after."""
    load_content(content)
    report = content / "progress/2015-01.yaml"
    before = report.read_text(encoding="utf-8")
    after = before.replace("checked by the board", "checked by us")
    report.write_text(after, encoding="utf-8")
    original = ReleaseChecks.progress_report

    def saved_meanwhile(self, release, *args, **kwargs):
        if release.id == "2015-01":
            report.write_text(before, encoding="utf-8")  # the editor saves once more
        return original(self, release, *args, **kwargs)

    monkeypatch.setattr(ReleaseChecks, "progress_report", saved_meanwhile)
    load_content(content)  # keyed by ``after``, checked as ``before``: not remembered
    monkeypatch.setattr(ReleaseChecks, "progress_report", original)
    report.write_text(after, encoding="utf-8")
    assert "checked by us" in repr(load_content(content).release("2015-01").progress)


def _another_process(monkeypatch) -> None:
    """As a new process finds the memo: empty."""
    monkeypatch.setattr(REPORTS, "kept", {})


def _kept_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "checked-reports").glob("*/*.pickle"))


def test_the_next_process_reads_the_reports_kept_in_the_cache(
    content, checked, monkeypatch, tmp_path
):
    first = load_content(content)
    assert len(_kept_files(tmp_path)) == 3  # one for each report
    _another_process(monkeypatch)
    checked.clear()
    assert load_content(content) == first
    assert checked == []  # a publish checks none of the reports it checked before
    _replace(content / "progress/2015-01.yaml", "checked by the board", "checked by us")
    _another_process(monkeypatch)
    assert "checked by us" in repr(load_content(content).release("2015-01").progress)
    assert checked == ["2015-01"]


class _RunsCode:
    def __reduce__(self):
        return (os.system, ("touch ran",))


def test_a_damaged_foreign_or_code_running_cache_file_is_ignored(
    content, checked, monkeypatch, tmp_path
):
    first = load_content(content)
    good = pickle.loads(_kept_files(tmp_path)[0].read_bytes())
    monkeypatch.chdir(tmp_path)
    for data in (
        b"not a pickle",
        pickle.dumps(["a", "list"]),
        pickle.dumps({1: {}}),
        pickle.dumps({**good, "as_at": "2015-01-31"}),  # a string where a date is
        pickle.dumps({**good, "progress": {"1.1": {"status": "complete"}}}),
        pickle.dumps({**good, "assessments": [_RunsCode()]}),
        pickle.dumps({k: v for k, v in good.items() if k != "assessments"}),
    ):
        for kept in _kept_files(tmp_path):
            kept.write_bytes(data)
        _another_process(monkeypatch)
        checked.clear()
        assert load_content(content) == first
        assert checked == ["2014-06", "2014-10", "2015-01"]
    assert not (tmp_path / "ran").exists()


def test_a_problem_found_from_a_kept_report_is_still_reported(content, checked, monkeypatch):
    load_content(content)
    _replace(content / "plan.yaml", "      - id: 1.4\n", "      - id: 1.49\n")
    _another_process(monkeypatch)
    assert _problems(content)
    _another_process(monkeypatch)
    assert _problems(content)  # and again: nothing is kept once a problem is found


def test_the_caches_of_other_code_are_pruned_and_an_unwritable_one_costs_only_time(
    content, checked, monkeypatch, tmp_path
):
    folder = tmp_path / "cache" / "checked-reports"
    for n in range(5):  # older versions of the code, the first the oldest
        old = folder / (str(n) * 32)
        old.mkdir(parents=True)
        (old / "x.pickle").write_bytes(b"old")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    first = load_content(content)
    assert sorted(f.name[0] for f in folder.iterdir()) == sorted(["2", "3", "4", _code()[0]])
    assert len(_kept_files(tmp_path)) == 3 + 3  # this code's three, and one in each other
    monkeypatch.setenv("PROGRESS_SITE_CACHE", "/dev/null/cache")
    _another_process(monkeypatch)
    assert load_content(content) == first


def test_only_the_reports_written_last_are_kept(content, checked, monkeypatch, tmp_path):
    monkeypatch.setattr("generator.content.checked.KEPT_REPORTS", 4)
    load_content(content)
    _replace(content / "progress/2014-10.yaml", "status:", "status:  ")
    _another_process(monkeypatch)
    load_content(content)  # two reports changed (2014-10 and the one after it): 5 files, 4 kept
    assert len(_kept_files(tmp_path)) == 4


def _publish_2015_04(content: Path) -> None:
    releases = content / "releases.yaml"
    releases.write_text(
        releases.read_text(encoding="utf-8")
        + "  - id: 2015-04\n    date: 2015-04-30\n    title: April 2015\n",
        encoding="utf-8",
    )
    (content / "progress/2015-04.yaml").write_text(
        "actions:\n  1.4:\n    status: completed\n    narrative: Done in April.\n",
        encoding="utf-8",
    )


def test_a_new_release_checks_only_its_own_report_in_the_next_process(
    content, checked, monkeypatch
):
    load_content(content)
    _publish_2015_04(content)
    _another_process(monkeypatch)
    checked.clear()
    published = load_content(content)
    assert checked == ["2015-04"]
    monkeypatch.setenv("PROGRESS_SITE_CACHE", str(content.parent / "empty-cache"))
    _another_process(monkeypatch)
    assert load_content(content) == published  # as if every report had been checked


def test_a_release_the_plan_names_cannot_go_without_a_problem(content, checked, monkeypatch):
    load_content(content)  # action 1.3 is withdrawn in 2015-01, the last release
    releases = content / "releases.yaml"
    text = releases.read_text(encoding="utf-8")
    releases.write_text(text.partition("  - id: 2015-01")[0], encoding="utf-8")
    (content / "progress/2015-01.yaml").unlink()
    _another_process(monkeypatch)
    problems = _problems(content)
    assert any("unknown release '2015-01'" in p for p in problems), problems
