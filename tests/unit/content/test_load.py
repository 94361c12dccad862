import os
from pathlib import Path

from generator.content.files import MAX_FILE_BYTES
from generator.content.load import YList, YMap, parse_yaml, read_text
from generator.errors import Problems


def parse(text: str):
    problems = Problems()
    value = parse_yaml(text, "f.yaml", problems)
    return value, [str(p) for p in problems]


def test_keys_and_plain_scalars_keep_their_written_text():
    value, problems = parse("actions:\n  1.10: {status: x}\nid: 1.10\nlist: [1.10, 2]\n")
    assert problems == []
    assert list(value["actions"]) == ["1.10"]
    assert value.raw["id"] == "1.10"
    assert isinstance(value["list"], YList) and value["list"].raw == ["1.10", "2"]


def test_lines_are_recorded_for_mappings_keys_and_items():
    value, _ = parse("a: 1\nb:\n  - x\n  - y\n")
    assert isinstance(value, YMap)
    assert value.line == 1
    assert value.key_lines == {"a": 1, "b": 2}
    assert value["b"].item_lines == [3, 4]


def test_dates_are_not_resolved_by_yaml():
    value, problems = parse("date: 2017-02-30\n")
    assert problems == [] and value["date"] == "2017-02-30"


def test_duplicate_keys_are_reported_with_their_line():
    _, problems = parse("title: A\nother: 1\ntitle: B\n")
    assert problems == ["f.yaml:3: duplicate key 'title' (each key may appear only once)"]


def test_tab_indentation_is_explained():
    _, problems = parse("a:\n\tb: 1\n")
    assert problems == [
        "f.yaml:2: YAML syntax error: tab character in indentation (indent with spaces)"
    ]


def test_syntax_error_names_the_line():
    _, problems = parse("a: [1, 2\nb: 3\n")
    assert problems == [
        "f.yaml:2: YAML syntax error: while parsing a flow sequence, "
        "expected ',' or ']', but got ':'"
    ]


def test_empty_file():
    _, problems = parse("# nothing here\n")
    assert problems == ["f.yaml: file is empty"]


def test_alias_bomb_is_refused():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]")
    _, problems = parse("\n".join(lines) + "\n")
    assert problems == [
        "f.yaml:1: value too large or too deeply nested (check for runaway aliases)"
    ]


def test_a_value_too_long_is_named_with_its_length_and_the_limit():
    _, problems = parse("a: short\nnarrative: " + "word " * 20_001 + "\n")
    assert problems == [
        "f.yaml:2: a value of 100,004 characters, longer than the 100,000 a value may have: "
        "shorten it, or link to the full text"
    ]
    _, problems = parse("narrative: " + "x" * 100_000 + "\n")
    assert problems == []


def test_unsafe_tags_are_refused():
    _, problems = parse("a: !!python/object:os.system echo\n")
    assert problems == [
        "f.yaml:1: unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system'"
    ]


DEEP = "nested too deeply (more than 100 levels of lists and mappings)"


def test_nesting_is_allowed_to_100_levels_in_every_style():
    for text in ("[" * 100 + "]" * 100, "- " * 100 + "x\n", "{a: " * 100 + "b" + "}" * 100):
        value, problems = parse(text)
        assert problems == [] and value


def test_nesting_beyond_100_levels_is_refused_with_its_line():
    # 101 levels is refused after composing; 100,000 used to exhaust PyYAML's recursion.
    for depth in (101, 400, 100_000):
        for text, line in (
            ("a: " + "[" * depth + "]" * depth, 1),
            ("a: " + "{a: " * depth + "b" + "}" * depth, 1),
            ("note: x\nlist:\n  " + "- " * depth + "x\n", 3),
            ("note: x\n" + "? " * depth + "x\n", 2),
        ):
            value, problems = parse(text)
            assert value is None
            assert problems == [f"f.yaml:{line}: {DEEP}"], (depth, text[:20])


def test_block_mappings_report_the_first_level_too_deep():
    for depth in (101, 2_000):
        _, problems = parse("".join("  " * i + "a:\n" for i in range(depth)))
        assert problems == [f"f.yaml:101: {DEEP}"]


def test_an_alias_inside_itself_is_refused():
    message = "an alias (*name) refers to the list or mapping that contains it"
    assert parse("a: &a [x, *a]\n")[1] == [f"f.yaml:1: {message}"]
    assert parse("top:\n  a: &a\n    b: c\n    d: *a\n")[1] == [f"f.yaml:4: {message}"]
    value, problems = parse("a: &a [x]\nb: *a\nc: [*a, *a]\n")  # reuse is fine
    assert problems == [] and value["c"] == [["x"], ["x"]]


def read(path):
    problems = Problems()
    text = read_text(path, "f.yaml", problems)
    return text, [str(p) for p in problems]


def test_the_size_is_checked_before_reading(tmp_path):
    sparse = tmp_path / "f.yaml"
    with sparse.open("wb") as handle:  # 64 GB that would take minutes and all memory to read
        handle.truncate(64 * 1024**3)
    assert read(sparse) == (
        None,
        [f"f.yaml: file is too large ({64 * 1024**3} bytes; the limit is {MAX_FILE_BYTES})"],
    )
    exact = tmp_path / "exact.yaml"
    exact.write_bytes(b"#" * MAX_FILE_BYTES)
    assert read(exact)[1] == []


def test_a_named_pipe_or_device_is_refused_without_waiting(tmp_path):
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)  # opening it to read would wait for a writer forever
    message = "is not a regular file (a named pipe, socket or device); replace it with a file"
    assert read(pipe) == (None, [f"f.yaml: {message}"])
    assert read(Path("/dev/zero")) == (None, [f"f.yaml: {message}"])
    assert read(tmp_path) == (None, ["f.yaml: is a directory, not a file"])
    assert read(tmp_path / "missing") == (
        None,
        ["f.yaml: cannot be read (No such file or directory)"],
    )
