"""Property-based tests: whatever the input, validation gives content or clear problems."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.validate import load_content
from generator.errors import ContentError
from generator.facts.derive import release_views
from tests.conftest import SMALL_PLAN

FILES = sorted(str(p.relative_to(SMALL_PLAN)) for p in SMALL_PLAN.rglob("*") if p.is_file())
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["1.1", "aip-1", "2014-10", "2014-13-45", "planned", "higher", "13/14"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "title",
                    "groups",
                    "recommendations",
                    "actions",
                    "kpis",
                    "releases",
                    "statuses",
                    "date",
                    "status",
                    "narrative",
                    "withdrawn",
                    "added",
                    "text",
                ]
            )
            | st.text(max_size=8),
            children,
            max_size=5,
        ),
    ),
    max_leaves=20,
)


def check(root: Path) -> None:
    """Loading either works (and the result can be derived) or reports problems."""
    try:
        content = load_content(root)
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file.startswith(str(root)) and problem.message
            str(problem).encode("utf-8")  # printable: no lone surrogate reaches a message
        return
    release_views(content)


def fresh(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(SMALL_PLAN, root)
    return root


@SETTINGS
@given(target=st.sampled_from([f for f in FILES if f.endswith(".yaml")]), document=documents)
def test_random_documents_in_place_of_a_file(tmp_path, target, document):
    root = fresh(tmp_path, "docs")
    (root / target).write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    check(root)


@SETTINGS
@given(target=st.sampled_from(FILES), text=st.text(max_size=200))
def test_random_text_in_place_of_a_file(tmp_path, target, text):
    root = fresh(tmp_path, "text")
    (root / target).write_text(text, encoding="utf-8")
    check(root)


@SETTINGS
@given(
    target=st.sampled_from(FILES),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["delete", "duplicate", "insert", "swap"]),
            st.integers(min_value=0, max_value=200),
            st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_random_mutations_of_real_content(tmp_path, target, edits):
    root = fresh(tmp_path, "mutations")
    path = root / target
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True) or ["\n"]
    for op, where, text in edits:
        i = where % len(lines)
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "insert":
            cut = where % (len(lines[i]) + 1)
            lines[i] = lines[i][:cut] + text + lines[i][cut:]
        elif op == "swap" and len(lines) > 1:
            j = (i + 1) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
    path.write_text("".join(lines), encoding="utf-8")
    check(root)


HOSTILE = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\ufdd0", "\ufffe"]),
        st.sampled_from(["\U0010ffff", "\ud800", "\udfff", ",", " ", "<", "\u00a0"]),
    ),
    max_size=16,
)


def yaml_escaped(text: str) -> str:
    """``text`` as a double-quoted YAML scalar, every character escaped: any code point fits."""
    return '"' + "".join(f"\\U{ord(c):08x}" for c in text) + '"'


@SETTINGS
@given(
    target=st.sampled_from([f for f in FILES if f.endswith(".yaml")]),
    where=st.integers(min_value=0, max_value=200),
    text=HOSTILE,
)
def test_hostile_strings_in_any_yaml_value(tmp_path, target, where, text):
    """Control characters, non-characters and lone surrogates anywhere: content or problems."""
    root = fresh(tmp_path, "hostile")
    path = root / target
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    values = [i for i, line in enumerate(lines) if ": " in line]
    i = values[where % len(values)]
    if "{" in lines[i]:  # a flow mapping: its first value
        lines[i] = re.sub(r"(\{\s*[\w-]+: )[^,}]*", lambda m: m[1] + yaml_escaped(text), lines[i])
    else:
        lines[i] = f"{lines[i].split(': ', 1)[0]}: {yaml_escaped(text)}\n"
    path.write_text("".join(lines), encoding="utf-8")
    check(root)


@SETTINGS
@given(cell=HOSTILE.filter(lambda t: not any(0xD800 <= ord(c) <= 0xDFFF for c in t)))
def test_hostile_kpi_value_cells(tmp_path, cell):
    root = fresh(tmp_path, "cells")
    with (root / "kpi-values.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["neet", "2014-11-30", cell])
    check(root)
