"""The comms team's release workflow, as they would run it."""

import json
from pathlib import Path

from tests.integration.conftest import run_cli

ERRATUM = """    errata:
      - date: 2014-12-01
        reason: The report did not say how often numbers were reported.
        corrected: Narrative of action 1.4
"""


def cli(*args: str) -> tuple[int, str, str]:
    result = run_cli(*args)
    return result.returncode, result.stdout, result.stderr


def publish_all(small) -> None:
    for release, when in (
        ("2014-06", "2014-07-01"),
        ("2014-10", "2014-11-12"),
        ("2015-01", "2015-02-10"),
    ):
        assert cli("publish", release, "--date", when)[0] == 0


def test_new_release_carries_progress_forward_as_a_draft(small, tmp_path):
    code, out, err = cli("new-release", "2015-04", "--date", "2015-04-30", "--title", "April 2015")
    assert (code, err) == (0, "")
    assert (
        out
        == "Created draft release 2015-04. Edit its progress in:\ncontent/progress/2015-04.yaml\n"
    )
    progress = small.text("progress/2015-04.yaml")
    assert (
        "  1.4:\n    status: on-track\n    carried_forward: true\n    narrative: |-\n" in progress
    )
    assert small.text("releases.yaml").endswith(
        '  - id: 2015-04\n    date: 2015-04-30\n    title: "April 2015"\n    draft: true\n'
    )
    small.replace("progress/2015-04.yaml", "status: on-track", "status: completed")

    public = tmp_path / "public"
    assert cli("build", "--out", str(public))[0] == 0
    assert not (public / "2015-04").exists()
    assert json.loads((public / "versions.json").read_text())[0]["version"] == "2015-01"

    preview = tmp_path / "preview"
    assert cli("build", "--drafts", "--out", str(preview))[0] == 0
    home = (preview / "2015-04/index.html").read_text()
    assert "<strong>Draft – not published.</strong>" in home
    rec = (preview / "2015-04/recommendations/1/index.html").read_text()
    assert rec.count("Carried forward unchanged from January 2015") == 1  # 1.2, not the edited 1.4
    assert "(draft)" in (preview / "versions.json").read_text()

    code, out, _ = cli("publish", "2015-04", "--date", "2015-05-10")
    assert (code, out) == (0, "Published release 2015-04 (April 2015) on 2015-05-10\n")
    assert "draft: true" not in small.text("releases.yaml")
    assert "published: 2015-05-10" in small.text("releases.yaml")
    assert cli("build", "--out", str(public))[0] == 0
    assert "Draft – not published" not in (public / "2015-04/index.html").read_text()
    assert json.loads((small.root / "releases.lock").read_text())["releases"]["2015-04"]


def test_published_releases_cannot_be_rewritten_without_an_erratum(small, tmp_path):
    publish_all(small)
    lock = small.text("releases.lock")
    small.replace(
        "progress/2014-10.yaml", "Numbers are now reported.", "Numbers are reported weekly."
    )
    out = tmp_path / "site"
    for command in (("validate",), ("build", "--out", str(out))):
        code, _, err = cli(*command)
        assert code == 1
        assert err == (
            "content/releases.lock: release 2014-10: was published on 2014-11-12 and cannot be "
            "changed, but these items now differ: action 1.4 (narrative). Undo the change, or "
            "record it as an erratum with 'progress-site erratum 2014-10 --reason TEXT "
            "--corrected TEXT'\n"
            "Aborted: 1 problem found in the content.\n"
        )
    assert not out.exists()
    code, _, err = cli("publish", "2014-10")
    assert code == 1 and "action 1.4 (narrative)" in err
    assert small.text("releases.lock") == lock

    small.replace(
        "releases.yaml", "    published: 2014-11-12\n", "    published: 2014-11-12\n" + ERRATUM
    )
    code, out_text, err = cli("validate")
    assert code == 0
    assert err == (
        "Warning: release 2014-10 has a new erratum; run 'progress-site publish 2014-10' to "
        "lock the corrected release\n"
    )
    code, out_text, _ = cli("publish", "2014-10")
    assert out_text == (
        "Locked release 2014-10 again with its erratum of 2014-12-01: Narrative of action 1.4\n"
    )
    assert cli("validate") == (
        0,
        "content: valid (5 recommendations, 6 actions, 2 KPIs, 3 releases)\n",
        "",
    )
    assert cli("build", "--out", str(out))[0] == 0
    page = (out / "2014-10/index.html").read_text()
    assert "This report was corrected after publication, most recently on 1 December 2014." in page
    releases = (out / "2015-01/releases/index.html").read_text()
    assert "<strong>1 December 2014</strong>: Narrative of action 1.4." in releases

    # the erratum covers that change only: another edit is refused again
    small.replace("progress/2014-10.yaml", "Membership has increased", "Membership rose")
    assert "action 8.1 (narrative)" in cli("validate")[2]


def test_a_published_release_whose_lock_was_removed_is_refused(small, tmp_path):
    publish_all(small)
    locks = json.loads(small.text("releases.lock"))
    del locks["releases"]["2014-10"]
    (small.root / "releases.lock").write_text(json.dumps(locks), encoding="utf-8")
    small.replace(
        "progress/2014-10.yaml", "Numbers are now reported.", "Numbers are reported weekly."
    )
    message = (
        "content/releases.lock: release 2014-10: was published on 2014-11-12 (releases.yaml), "
        "but releases.lock has no record of it, so its content can no longer be checked; "
        "restore releases.lock from version control or a backup\n"
    )
    for command in (("validate",), ("build", "--out", str(tmp_path / "site"))):
        code, _, err = cli(*command)
        assert code == 1
        assert err == message + "Aborted: 1 problem found in the content.\n"
    code, _, err = cli("publish", "2014-10")
    assert code == 1 and message in err
    assert "2014-10" not in json.loads(small.text("releases.lock"))["releases"]


def test_a_later_release_does_not_disturb_published_ones(small):
    publish_all(small)
    assert cli("new-release", "2015-04", "--date", "2015-04-30")[0] == 0
    small.write("kpi-values.csv", small.text("kpi-values.csv") + "neet,2015-03-31,27\n")
    assert cli("validate")[0] == 0  # a value after 2015-01 does not change 2015-01's pages
    small.write("kpi-values.csv", small.text("kpi-values.csv") + "neet,2014-11-30,29\n")
    assert "KPI neet (values)" in cli("validate")[2]


def test_publish_errors(small):
    assert cli("publish", "2099-01") == (
        1,
        "",
        "Error: unknown release '2099-01'. Known releases: 2014-06, 2014-10, 2015-01\n",
    )
    assert cli("new-release", "2015-01", "--date", "2015-04-30") == (
        1,
        "",
        "Error: release 2015-01 already exists in releases.yaml\n",
    )
    assert cli("new-release", "2015-04", "--date", "2015-01-01")[2] == (
        "Error: the new release must be dated after the latest one (2015-01, 2015-01-31); "
        "got 2015-01-01\n"
    )
    code, _, err = cli("new-release", "2015-04", "--date", "30/04/2015")
    assert code == 2 and "expected a date as YYYY-MM-DD, found '30/04/2015'" in err
    assert cli("new-release", "2015-04", "--date", "2015-04-30")[0] == 0
    assert cli("new-release", "2015-07", "--date", "2015-07-31")[0] == 0
    assert cli("publish", "2015-07")[2] == (
        "Error: release 2015-07 cannot be published before draft release 2015-04\n"
    )


def test_withdrawn_and_merged_items_stay_visible_in_later_versions(small_site: Path):
    rec = (small_site / "2015-01/recommendations/13/index.html").read_text()
    assert "Merged in release 2014-10" in rec and "Combined with recommendation 14." in rec
    one = (small_site / "2015-01/recommendations/1/index.html").read_text()
    assert (
        "Withdrawn in release 2015-01. Reason given: Repetition of action 1.4 and has been removed."
    ) in one


HAND_WRITTEN = """\
# Reported to the improvement board.
releases:
  - id: 2014-06
    date: 2014-06-30
    title: June 2014
    summary: The action plan as first agreed.
  -   id: "2014-10"   # quoted, odd indentation
      date: 2014-10-31
      # a comment between fields
      draft: yes  # waiting for the committee
      title: October 2014
      reported_to:
        - body: Children's Select Committee
          date: 2014-11-12
  - {id: 2015-01, date: 2015-01-31, title: January 2015, draft: True}  # the next one
"""


def test_publish_changes_only_the_release_it_names(small):
    small.write("releases.yaml", HAND_WRITTEN)
    assert cli("publish", "2014-06", "--date", "2014-07-01")[0] == 0
    code, out, err = cli("publish", "2014-10", "--date", "2014-11-12")
    assert (code, out, err) == (0, "Published release 2014-10 (October 2014) on 2014-11-12\n", "")
    assert small.text("releases.yaml") == HAND_WRITTEN.replace(
        "      draft: yes  # waiting for the committee\n", "      published: 2014-11-12\n"
    ).replace(
        "    summary: The action plan as first agreed.\n",
        "    summary: The action plan as first agreed.\n    published: 2014-07-01\n",
    )
    code, out, err = cli("validate")
    assert code == 0, err
    assert "2015-01" not in small.text("releases.lock")  # the neighbouring draft stays a draft
    assert cli("publish", "2015-01", "--date", "2015-02-10")[0] == 0
    assert small.text("releases.yaml").endswith(
        "  - {id: 2015-01, date: 2015-01-31, title: January 2015, published: 2015-02-10}"
        "  # the next one\n"
    )
    assert not [p.name for p in small.root.rglob(".*")]  # no journal or staged files left


def test_a_quoted_draft_flag_is_refused_by_validation_and_nothing_is_written(small):
    small.write("releases.yaml", small.text("releases.yaml") + '    draft: "true"\n')
    before = small.text("releases.yaml")
    assert cli("publish", "2015-01") == (
        1,
        "",
        "content/releases.yaml:15: release 2015-01: field 'draft': expected true or false, "
        "found 'true'\nAborted: 1 problem found in the content.\n",
    )
    assert small.text("releases.yaml") == before
    assert not (small.root / "releases.lock").exists()
