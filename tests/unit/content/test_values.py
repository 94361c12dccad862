"""The helpers behind 'values are what they say' and 'ids are safe': characters, numbers,
dates, id names and the lock file."""

from __future__ import annotations

import json

import pytest

from generator import TEMPLATES_DIR
from generator.content.checks_kpis import kpi_files
from generator.content.fields import number_problem, parse_date, parse_number
from generator.content.ids import (
    PAGE_HEADINGS,
    ROOT_NAMES,
    IdSpace,
    Name,
    page_anchors,
    release_id_problem,
)
from generator.content.load import parse_yaml
from generator.content.lockfile import parse_lock
from generator.content.strings import character_problem, cleaned
from generator.errors import ContentError, Problems
from generator.facts.lock import fingerprint
from generator.render.urls import chart_path


@pytest.mark.parametrize(
    ("char", "named"),
    [
        ("\x00", "a control character (U+0000)"),
        ("\x1b", "a control character (U+001B)"),
        ("\r", "a control character (U+000D)"),
        ("\x7f", "a control character (U+007F)"),
        ("\x85", "a control character (U+0085)"),
        ("\x9f", "a control character (U+009F)"),
        ("\ufdd0", "a Unicode non-character (U+FDD0)"),
        ("\ufdef", "a Unicode non-character (U+FDEF)"),
        ("\ufffe", "a Unicode non-character (U+FFFE)"),
        ("\U0001ffff", "a Unicode non-character (U+1FFFF)"),
        ("\U0010fffe", "a Unicode non-character (U+10FFFE)"),
        ("\ud800", "a lone surrogate (U+D800)"),
        ("\udfff", "a lone surrogate (U+DFFF)"),
    ],
)
def test_disallowed_characters_are_named(char, named):
    assert character_problem(f"ok {char} ok") == (
        f"contains {named}, which is not allowed in text; remove it"
    )
    assert cleaned(f"a{char}b") == "a\ufffdb"
    cleaned(f"a{char}b").encode("utf-8")


@pytest.mark.parametrize("text", ["tab\there", "two\nlines", "café ✓ 😀", "\ufdcf\ufdf0\ufffd"])
def test_ordinary_text_is_allowed(text):
    assert character_problem(text) is None
    assert cleaned(text) == text


def test_a_yaml_escape_is_reported_on_its_line_and_cleaned():
    problems = Problems()
    value = parse_yaml('a: 1\nb: "x\\ud800y"\n"k\\x01": 2\n', "f.yaml", problems)
    assert [str(p) for p in problems.sorted()] == [
        "f.yaml:2: contains a lone surrogate (U+D800), which is not allowed in text; remove it",
        "f.yaml:3: contains a control character (U+0001), which is not allowed in text; remove it",
    ]
    assert value == {"a": 1, "b": "x\ufffdy", "k\ufffd": 2}


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("30.5", 30.5),
        ("-2", -2.0),
        ("+3", 3.0),
        (".5", 0.5),
        ("7.", 7.0),
        ("1e3", 1000.0),
        (" 1234 ", 1234.0),
        ("1000000000000", 1e12),
        ("-1e12", -1e12),
        ("0012", 12.0),
    ],
)
def test_plain_decimal_numbers_are_read(text, number):
    assert number_problem(text) is None
    assert parse_number(text) == number


HINT = "write numbers with a decimal point and no thousands separators, e.g. 30.5 or 1234"


@pytest.mark.parametrize("text", ["30,5", "1,234", "1 234", "1.234,5", "1'234", "1\u202f234"])
def test_separators_are_never_guessed(text):
    assert parse_number(text) is None
    assert number_problem(text) == f"expected a number, found '{text}': {HINT}"


@pytest.mark.parametrize("text", ["nan", "inf", "-Infinity", ".nan", "0x1F", "1_000", "٣٠", "½"])
def test_other_notations_are_not_numbers(text):
    assert parse_number(text) is None
    assert number_problem(text).startswith(f"expected a number, found '{text}'")


@pytest.mark.parametrize("text", ["1e308", "-1e300", "1000000000001", "1e16"])
def test_numbers_beyond_the_limit_are_rejected(text):
    assert parse_number(text) is None
    assert number_problem(text) == (
        f"'{text}' is too large: numbers must lie between -1000000000000 and 1000000000000"
    )


@pytest.mark.parametrize("text", ["1900-01-01", "2200-12-31", "2014-06-30"])
def test_dates_in_range(text):
    assert parse_date(text)[1] is None


@pytest.mark.parametrize("text", ["1899-12-31", "2201-01-01", "0001-01-01", "9999-12-31"])
def test_dates_out_of_range(text):
    assert parse_date(text) == (
        None,
        f"{text} is outside the dates this site accepts (1900-01-01 to 2200-12-31); check the year",
    )


@pytest.mark.parametrize("text", ["２０１４-06-30", "2014-06-30\n", "2014-6-30"])
def test_dates_are_ascii_yyyy_mm_dd(text):
    assert parse_date(text)[0] is None


def test_kpi_names_are_the_chart_paths():
    class View:
        class kpi:  # noqa: N801 - stands in for a Kpi
            id = "neet"

    names = kpi_files("neet")
    assert names["neet.svg"].path == chart_path(View, "chart")
    assert names["neet-trend.svg"].path == chart_path(View, "trend")


def test_page_anchors_are_the_recommendation_page_headings():
    template = (TEMPLATES_DIR / "recommendation.md.j2").read_text(encoding="utf-8")
    assert "# {{ terms.recommendation.singular }} {{ rec.recommendation.id }}\n" in template
    assert "\n## {{ terms.action.plural }} { #actions }\n" in template
    for heading in PAGE_HEADINGS[:-1]:
        assert f"\n## {heading}\n" in template
    fixed = {"outcome", "targets", "indicators", "progress", "status-history", "actions"}
    assert set(page_anchors("13/14")) == {"recommendation-1314", *fixed}
    assert set(page_anchors("P1.F4", "Focus area")) == {"focus-area-p1f4", *fixed}


def test_id_space_reports_case_mapping_and_reserved_names():
    problems = Problems()
    space = IdSpace(problems, "f", {"index": "the site's own page x/index.html"})
    assert space.add("1/4", 1, "item 1/4", {"1-4": Name("x/1-4/", "page")})
    assert not space.add("1-4", 2, "item 1-4", {"1-4": Name("x/1-4/", "page")})
    assert space.add("A", 3, "item A", {"a": Name("x/a/", "page")})
    assert not space.add("a", 4, "item a", {"a": Name("x/a/", "page")})
    assert not space.add("Index", 5, "item Index", {"index": Name("x/index/", "page")})
    assert [str(p) for p in problems] == [
        "f:2: item 1-4: id '1-4' collides with item 1/4 (line 1): both would be published as "
        "x/1-4/",
        "f:4: item a: id 'a' collides with item A (line 3): ids must differ by more than letter "
        "case",
        "f:5: item Index: id 'Index' would replace the site's own page x/index.html; choose "
        "another id",
    ]


@pytest.mark.parametrize("name", sorted(ROOT_NAMES))
def test_release_ids_cannot_take_the_site_root_names(name):
    assert release_id_problem(name) == (
        f"release id '{name}' would replace {ROOT_NAMES[name]}; choose another id"
    )


def test_release_id_length():
    assert release_id_problem("a" * 64) is None
    assert release_id_problem("a" * 65) == (
        "a release id may be at most 64 characters long, found 65 characters"
    )


def _lock(entry: dict) -> str:
    return json.dumps({"releases": {"2014-10": entry}})


ERRATA = (
    "field 'errata': expected a list of errata, each with date, reason and corrected (or, in a "
    "lock made before errata were recorded, their number), found"
)
GOOD_ITEMS = {"release 2014-10: title": "0123456789abcdef"}
GOOD = {
    "published": "2014-11-12",
    "fingerprint": fingerprint(GOOD_ITEMS),
    "errata": 0,
    "items": GOOD_ITEMS,
}


def lock_problems(entry: dict) -> list[str]:
    with pytest.raises(ContentError) as info:
        parse_lock(_lock(entry), "releases.lock", fingerprint)
    return [str(p) for p in info.value.problems]


def test_a_well_formed_lock_is_read():
    assert parse_lock(_lock(GOOD), "releases.lock", fingerprint) == {"2014-10": GOOD}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"errata": -1}, f"{ERRATA} -1"),
        ({"errata": "9"}, f"{ERRATA} '9'"),
        ({"errata": None}, f"{ERRATA} null"),
        (
            {"errata": [1]},
            "field 'errata': erratum 1: expected a mapping of date, reason, corrected",
        ),
        (
            {"errata": [{"date": "2014-13-01", "reason": "r", "corrected": "c"}]},
            "field 'errata': erratum 1: expected a date as YYYY-MM-DD, found '2014-13-01'",
        ),
        (
            {"errata": [{"date": "2014-12-01", "reason": "", "corrected": "c"}]},
            "field 'errata': erratum 1: expected its reason and corrected as text",
        ),
        (
            {"published": "2014-13-01"},
            "field 'published': expected a date as YYYY-MM-DD, found '2014-13-01'",
        ),
        (
            {"published": "1800-01-01"},
            "field 'published': expected a date as YYYY-MM-DD, found '1800-01-01'",
        ),
        (
            {"fingerprint": "0123456789ABCDEF"},
            "field 'fingerprint': expected 16 hexadecimal digits, found '0123456789ABCDEF'",
        ),
        (
            {"fingerprint": "0123456789abcdef"},
            "field 'items' does not match the release's fingerprint",
        ),
        (
            {"items": {}},
            "field 'items': expected a mapping of item digests, found an empty mapping",
        ),
        ({"extra": 1}, "unknown field 'extra' (expected: errata, fingerprint, items, published)"),
    ],
)
def test_each_bad_lock_field_is_reported(change, message):
    assert lock_problems(GOOD | change) == [
        f"releases.lock: release 2014-10: {message}; restore the file from history"
    ]


@pytest.mark.parametrize("field", ["published", "fingerprint", "errata", "items"])
def test_each_lock_field_is_required(field):
    entry = {k: v for k, v in GOOD.items() if k != field}
    assert (
        f"releases.lock: release 2014-10: missing field '{field}'; restore the file from "
        "history" in lock_problems(entry)
    )
