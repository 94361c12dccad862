"""publish and new-release edit releases.yaml in place, whatever its layout."""

from __future__ import annotations

import errno
import os
import shutil
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.transaction import JOURNAL, commit, recover, writing
from generator.errors import ProgressSiteError
from generator.workflow.drafts import new_release
from generator.workflow.releases_file import append_release, mark_published
from tests.conftest import SMALL_PLAN

WHEN = date(2015, 5, 10)

LAYOUTS = {
    "block": (
        "releases:\n  - id: 2015-01\n    date: 2015-01-31\n    title: January\n"
        "  - id: 2015-04\n    date: 2015-04-30\n    title: April\n    draft: true\n"
        "  - id: 2015-07\n    date: 2015-07-31\n    title: July\n    draft: true\n",
        "releases:\n  - id: 2015-01\n    date: 2015-01-31\n    title: January\n"
        "  - id: 2015-04\n    date: 2015-04-30\n    title: April\n    published: 2015-05-10\n"
        "  - id: 2015-07\n    date: 2015-07-31\n    title: July\n    draft: true\n",
    ),
    "flow items, comments, yes": (
        "# Releases\nreleases:\n- {id: '2015-04', date: 2015-04-30, draft: yes, title: April}"
        "  # first\n# between\n- {id: 2015-07, date: 2015-07-31, title: July, draft: True}\n",
        "# Releases\nreleases:\n- {id: '2015-04', date: 2015-04-30, published: 2015-05-10, "
        "title: April}  # first\n# between\n"
        "- {id: 2015-07, date: 2015-07-31, title: July, draft: True}\n",
    ),
    "odd indentation, comment on the flag": (
        'releases:\n   -    id: "2015-04"\n        draft: TRUE   # awaiting sign-off\n'
        "        # the date\n        date: 2015-04-30\n        title: >-\n          April\n"
        "   # next\n   -    id: 2015-07\n        draft:    true\n",
        'releases:\n   -    id: "2015-04"\n        published: 2015-05-10\n'
        "        # the date\n        date: 2015-04-30\n        title: >-\n          April\n"
        "   # next\n   -    id: 2015-07\n        draft:    true\n",
    ),
    "flow sequence": (
        "releases: [{id: x, draft: true}, {id: 2015-04, draft: on, date: 2015-04-30}]\n",
        "releases: [{id: x, draft: true}, {id: 2015-04, published: 2015-05-10, "
        "date: 2015-04-30}]\n",
    ),
    "no draft flag, errata last": (
        "releases:\n  - id: 2015-04\n    errata:\n      - date: 2015-05-01\n"
        "        reason: r\n\n  # kept\n  - id: 2015-07\n    draft: true\n",
        "releases:\n  - id: 2015-04\n    errata:\n      - date: 2015-05-01\n"
        "        reason: r\n    published: 2015-05-10\n\n  # kept\n  - id: 2015-07\n"
        "    draft: true\n",
    ),
    "no draft flag, flow, no newline": (
        "releases:\n- {id: 2015-04, date: 2015-04-30}",
        "releases:\n- {id: 2015-04, date: 2015-04-30, published: 2015-05-10}",
    ),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_publish_changes_only_the_named_release(layout):
    before, after = LAYOUTS[layout]
    assert mark_published(before, "2015-04", WHEN, "releases.yaml") == after


def test_an_edit_that_would_mean_more_is_refused():
    text = "releases:\n  - id: a\n    draft: &d true\n  - id: 2015-04\n    draft: *d\n"
    with pytest.raises(ProgressSiteError) as refused:
        mark_published(text, "2015-04", WHEN, "content/releases.yaml")
    assert str(refused.value) == (
        "content/releases.yaml: marking release 2015-04 published cannot be done in place in "
        "this file's layout"
    )
    with pytest.raises(ProgressSiteError, match="release nope not found"):
        mark_published(text, "nope", WHEN, "content/releases.yaml")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "releases:\n  - id: a\n    date: 2015-01-31\n",
            "releases:\n  - id: a\n    date: 2015-01-31\n"
            '  - id: b\n    date: 2015-05-10\n    title: "T: <x> \\"q\\""\n    draft: true\n',
        ),
        (
            "releases:\n-   id: a  # c\n",
            "releases:\n-   id: a  # c\n-   id: b\n    date: 2015-05-10\n"
            '    title: "T: <x> \\"q\\""\n    draft: true\n',
        ),
        (
            "releases: [{id: a}]  # c\n",
            'releases: [{id: a}, {id: b, date: 2015-05-10, title: "T: <x> \\"q\\"", draft: true}]'
            "  # c\n",
        ),
        (
            "releases:\n  - {id: a}",
            'releases:\n  - {id: a}\n  - {id: b, date: 2015-05-10, title: "T: <x> \\"q\\"", '
            "draft: true}\n",
        ),
    ],
)
def test_new_release_appends_in_the_files_layout(before, after):
    assert append_release(before, "b", WHEN, 'T: <x> "q"', "releases.yaml") == after


FLAGS = st.sampled_from(["true", "True", "TRUE", "yes", "Yes", "on", "ON", "true  # note"])


@settings(max_examples=60, deadline=None)
@given(
    flags=st.lists(st.one_of(st.none(), FLAGS), min_size=2, max_size=5),
    flow=st.lists(st.booleans(), min_size=5, max_size=5),
    indent=st.integers(min_value=0, max_value=4),
    gap=st.integers(min_value=1, max_value=3),
    target=st.integers(min_value=0, max_value=4),
    title=st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Zl", "Zp")), min_size=1, max_size=15
    ),
)
def test_publish_touches_no_other_line(flags, flow, indent, gap, target, title):
    target %= len(flags)
    items = []
    for n, flag in enumerate(flags):
        fields = [("id", f"r{n}"), ("title", json_quote(title))]
        if flag:
            fields.insert(n % 2, ("draft", flag.split("  ")[0]))
        if flow[n]:
            items.append(" " * indent + "- {" + ", ".join(f"{k}: {v}" for k, v in fields) + "}\n")
        else:
            pad = " " * (indent + 1 + gap)
            lines = [
                f"{k}: {v}" + ("  # note" if k == "draft" and "#" in flag else "")
                for k, v in fields
            ]
            items.append(" " * indent + "-" + " " * gap + f"\n{pad}".join(lines) + "\n")
        items.append("# after " + str(n) + "\n")
    text = "releases:\n" + "".join(items)
    new = mark_published(text, f"r{target}", WHEN, "releases.yaml")
    old_lines, new_lines = text.splitlines(), new.splitlines()
    changed = [line for line in new_lines if line not in old_lines]
    assert len(changed) == 1 and "published: 2015-05-10" in changed[0]
    kept = [line for line in old_lines if line not in new_lines]
    assert len(kept) <= 1  # the release's own line or draft line, never a neighbour's
    assert all(f"r{target}" in line or "draft" in line for line in kept)
    assert new.count("draft:") == text.count("draft:") - (1 if flags[target] else 0)


def json_quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def test_a_full_disk_changes_nothing_and_says_so(tmp_path, monkeypatch):
    (tmp_path / "releases.yaml").write_text("old\n")
    real_write = os.write

    def full(fd, data):
        if len(data) > 4:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    with writing(tmp_path), pytest.raises(ProgressSiteError) as failed:
        commit(tmp_path, {"releases.yaml": "new\n", "progress/x.yaml": "a very long file\n"})
    assert str(failed.value) == (
        f"cannot write {tmp_path}/progress/x.yaml: No space left on device; nothing was changed"
    )
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["progress", "releases.yaml"]
    assert (tmp_path / "releases.yaml").read_text() == "old\n"


def test_recovery_rolls_a_committed_change_forward_and_clears_an_uncommitted_one(tmp_path):
    (tmp_path / "progress").mkdir()
    (tmp_path / "a.yaml").write_text("old a\n")
    (tmp_path / ".a.yaml.0123456789ab.partial").write_text("new a\n")
    (tmp_path / "progress/.b.yaml.0123456789ab.partial").write_text("new b\n")
    (tmp_path / JOURNAL).write_text(
        '{"files": [[".a.yaml.0123456789ab.partial", "a.yaml"], '
        '["progress/.b.yaml.0123456789ab.partial", "progress/b.yaml"]]}'
    )
    recover(tmp_path)
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        "a.yaml",
        "progress",
        "progress/b.yaml",
    ]
    assert (tmp_path / "a.yaml").read_text() == "new a\n"
    (tmp_path / "progress/.c.yaml.0123456789ab.partial").write_text("half")
    recover(tmp_path)
    assert not (tmp_path / "progress/.c.yaml.0123456789ab.partial").exists()
    assert (tmp_path / "progress/b.yaml").read_text() == "new b\n"


def test_a_journal_cannot_move_files_it_did_not_stage(tmp_path):
    (tmp_path / JOURNAL).write_text('{"files": [["../../etc/passwd", "x.yaml"]]}')
    with pytest.raises(ProgressSiteError) as refused:
        recover(tmp_path)
    assert str(refused.value) == (
        f"{tmp_path}/{JOURNAL}: not a progress-site journal (unexpected entry "
        "'../../etc/passwd'); move it away and check the content with 'progress-site validate'"
    )


def test_line_endings_and_a_byte_order_mark_are_kept():
    text = (
        "\ufeffreleases:\r\n  - id: a\r\n    draft: true  # x\r\n"
        "  - id: b\r\n    date: 2015-01-31\r\n"
    )
    assert mark_published(text, "a", WHEN, "releases.yaml") == text.replace(
        "draft: true  # x", "published: 2015-05-10"
    )
    assert (
        mark_published(text, "b", WHEN, "releases.yaml") == text + "    published: 2015-05-10\r\n"
    )
    assert append_release(text, "c", WHEN, "C", "releases.yaml") == (
        text + '  - id: c\r\n    date: 2015-05-10\r\n    title: "C"\r\n    draft: true\r\n'
    )


@pytest.mark.parametrize("title", ["", " ", "\t "])
def test_new_release_refuses_a_blank_title_and_writes_nothing(tmp_path, title):
    content = tmp_path / "content"
    shutil.copytree(SMALL_PLAN, content)
    before = (content / "releases.yaml").read_bytes()
    with pytest.raises(ProgressSiteError) as failed:
        new_release(content, "2015-04", date(2015, 4, 30), title)
    assert str(failed.value) == "--title: must not be empty"
    assert (content / "releases.yaml").read_bytes() == before
    assert not (content / "progress/2015-04.yaml").exists()


@pytest.mark.parametrize("kind", ["named pipe", "link to a device"])
def test_a_journal_that_is_not_a_file_is_refused_without_reading_it(tmp_path, kind):
    journal = tmp_path / JOURNAL
    if kind == "named pipe":
        os.mkfifo(journal)
    else:
        journal.symlink_to("/dev/zero")
    with pytest.raises(ProgressSiteError) as failed:
        recover(tmp_path)
    assert str(failed.value) == (
        f"{journal}: not a progress-site journal (is not a regular file (a named pipe, socket "
        "or device); replace it with a file); move it away and check the content with "
        "'progress-site validate'"
    )
