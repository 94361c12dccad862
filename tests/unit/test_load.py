from generator.errors import Problems
from generator.load import YList, YMap, parse_yaml


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


def test_unsafe_tags_are_refused():
    _, problems = parse("a: !!python/object:os.system echo\n")
    assert problems == [
        "f.yaml:1: unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system'"
    ]
