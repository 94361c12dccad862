"""Read content files into plain Python values that remember their line numbers.

YAML is parsed to a node tree with PyYAML and converted here, so that:

* every mapping and list knows the line it starts on, and the line of each key or item;
* duplicate keys are reported (PyYAML silently keeps the last one);
* mapping keys are always strings, exactly as written (``1.10`` stays ``"1.10"``);
* the raw text of every plain scalar is kept, so ids such as ``1.1`` are never read as floats;
* dates are *not* resolved by YAML: the validator parses them and explains bad ones.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.content.files import read_limited
from generator.content.parse_cache import cached_parse
from generator.content.strings import BAD_CHARACTER, character_problem, cleaned
from generator.errors import Problems

MAX_NODES = 200_000
MAX_SCALAR_CHARS = 100_000
MAX_INT_BITS = 1_000
"""Larger integers are kept as text: Python cannot write them in full, and no field takes them."""
MAX_DEPTH = 100
"""Lists and mappings nested deeper than this are refused (the outermost is level 1)."""
DEEP_MESSAGE = f"nested too deeply (more than {MAX_DEPTH} levels of lists and mappings)"


class YMap(dict):
    """A YAML mapping: string keys, with the lines of the mapping and of each key."""

    line: int
    key_lines: dict[str, int]
    raw: dict[str, str]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YList(list):
    """A YAML sequence, with its own line and the line of each item."""

    line: int
    item_lines: list[int]
    raw: list[str | None]


@dataclass
class CsvRow:
    line: int
    values: dict[str, str]


@dataclass
class CsvTable:
    header: list[str]
    rows: list[CsvRow] = field(default_factory=list)


_RESOLVERS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _PyLoader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps: dates stay text until validated."""

    yaml_implicit_resolvers = _RESOLVERS


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same, parsed by libyaml when PyYAML has it (8 times faster on large files).

    On a syntax error the file is parsed again by the pure-Python parser, whose messages say
    what was found where.
    """

    yaml_implicit_resolvers = _RESOLVERS


_Loader = _FastLoader | _PyLoader


class _TooBig(Exception):
    pass


class _TooLong(Exception):
    """A text value longer than MAX_SCALAR_CHARS: (line, its length)."""


class _TooDeep(Exception):
    pass


class _SelfReference(Exception):
    pass


class _Converter:
    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.nodes = 0
        self.duplicates: list[tuple[int, str]] = []
        self.bad_tags: list[tuple[int, str]] = []
        self.bad_text: list[tuple[int, str]] = []
        self.open: set[int] = set()  # the lists and mappings being converted

    def text(self, value: Any, node: yaml.Node) -> Any:
        """A string with a disallowed character is reported, and cleaned for later messages."""
        found = BAD_CHARACTER.search(value) if isinstance(value, str) else None
        if found is None:
            return value
        line = node.start_mark.line + 1
        if getattr(node, "style", None) == "|":  # a literal block: the exact line is known
            line += 1 + value.count("\n", 0, found.start())
        self.bad_text.append((line, str(character_problem(value))))
        return cleaned(value)

    def convert(self, node: yaml.Node, depth: int = 0, line: int | None = None) -> Any:
        """``line`` is where the node is used: for an alias, the line of its key."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooBig(node.start_mark.line + 1)
        if not isinstance(node, yaml.CollectionNode):
            return self.scalar(node)
        if id(node) in self.open:
            raise _SelfReference(line or node.start_mark.line + 1)
        if depth >= MAX_DEPTH:
            raise _TooDeep(node.start_mark.line + 1)
        self.open.add(id(node))
        try:
            return self.collection(node, depth)
        finally:
            self.open.discard(id(node))

    def collection(self, node: yaml.CollectionNode, depth: int) -> YMap | YList:
        if isinstance(node, yaml.MappingNode):
            result = YMap()
            result.line = node.start_mark.line + 1
            result.key_lines = {}
            result.raw = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if isinstance(key_node, yaml.ScalarNode):
                    key = self.text(key_node.value, key_node)
                else:  # checked like any value, then named by its text
                    self.convert(key_node, depth + 1, line)
                    key = str(key_node.value)
                if key in result:
                    self.duplicates.append((line, key))
                    continue
                result[key] = self.convert(value_node, depth + 1, line)
                result.key_lines[key] = line
                if isinstance(value_node, yaml.ScalarNode) and not value_node.style:
                    result.raw[key] = cleaned(value_node.value)
            return result
        if isinstance(node, yaml.SequenceNode):
            items = YList(
                self.convert(item, depth + 1, node.start_mark.line + 1) for item in node.value
            )
            items.line = node.start_mark.line + 1
            items.item_lines = [item.start_mark.line + 1 for item in node.value]
            items.raw = [
                cleaned(item.value)
                if isinstance(item, yaml.ScalarNode) and not item.style
                else None
                for item in node.value
            ]
            return items

    def scalar(self, node: yaml.Node) -> Any:
        if len(node.value) > MAX_SCALAR_CHARS:
            raise _TooLong(node.start_mark.line + 1, len(node.value))
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            self.bad_tags.append((node.start_mark.line + 1, node.tag))
            return node.value
        except (ValueError, KeyError, OverflowError):
            # A tag its text does not fit (``!!int abc``, ``!!timestamp 2014-02-30``) or an
            # integer too long for Python to read: the text as written, checked by its field.
            return self.text(node.value, node)
        if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            return self.text(node.value, node)  # far beyond any number the content accepts
        return self.text(value, node)


def read_text(path: Path, display: str, problems: Problems) -> str | None:
    """Read a UTF-8 text file, reporting size and encoding problems.

    The file's kind and size are checked before it is opened: a directory, a named pipe or a
    file over the size limit is reported without being read.
    """
    data, problem = read_limited(path)
    if data is None:
        problems.add(display, None, None, str(problem))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(
            display,
            line,
            None,
            f"is not valid UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
        )
        return None


def _yaml_problem(exc: yaml.YAMLError) -> tuple[int | None, str]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc)
    if "'\\t'" in problem:
        return line, "YAML syntax error: tab character in indentation (indent with spaces)"
    context = getattr(exc, "context", None)
    text = f"{context}, {problem}" if context else problem
    return line, f"YAML syntax error: {text}"


def _control_character(exc: yaml.reader.ReaderError, text: str) -> tuple[int, None, str]:
    line = text.count("\n", 0, exc.position) + 1
    message = (
        f"contains a control character (U+{exc.character:04X}) that YAML does not allow; remove it"
    )
    return line, None, message


def _deep_line(text: str, loader_class: type) -> int | None:
    """The line of the first list or mapping nested more than ``MAX_DEPTH`` levels deep.

    Reads the event stream, which PyYAML produces without recursion, so any depth is safe.
    """
    loader = loader_class(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def parse_yaml(
    text: str, display: str, problems: Problems, loader_class: type = _FastLoader
) -> Any:
    """Parse one YAML document; problems are recorded and ``None`` returned on failure."""
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        problems.add(display, *_control_character(exc, text))
        return None
    try:
        node = loader.get_single_node()
        if node is None:
            problems.add(display, None, None, "file is empty")
            return None
        converter = _Converter(loader)
        value = converter.convert(node)
        if value is None:
            problems.add(display, node.start_mark.line + 1, None, "file has no content (null)")
            return None
    except yaml.reader.ReaderError as exc:
        problems.add(display, *_control_character(exc, text))
        return None
    except yaml.YAMLError as exc:
        if loader_class is not _PyLoader:
            return parse_yaml(text, display, problems, _PyLoader)
        line, message = _yaml_problem(exc)
        problems.add(display, line, None, message)
        return None
    except _TooBig as exc:
        problems.add(
            display,
            exc.args[0],
            None,
            "value too large or too deeply nested (check for runaway aliases)",
        )
        return None
    except _TooLong as exc:
        line, length = exc.args
        message = (
            f"a value of {length:,} characters, longer than the {MAX_SCALAR_CHARS:,} a value "
            "may have: shorten it, or link to the full text"
        )
        problems.add(display, line, None, message)
        return None
    except _SelfReference as exc:
        message = "an alias (*name) refers to the list or mapping that contains it"
        problems.add(display, exc.args[0], None, message)
        return None
    except _TooDeep as exc:
        problems.add(display, exc.args[0], None, DEEP_MESSAGE)
        return None
    except RecursionError:  # PyYAML composes nodes recursively: deep input ends here
        problems.add(display, _deep_line(text, loader_class), None, DEEP_MESSAGE)
        return None
    finally:
        loader.dispose()
    for line, key in converter.duplicates:
        problems.add(display, line, None, f"duplicate key '{key}' (each key may appear only once)")
    for line, tag in converter.bad_tags:
        problems.add(display, line, None, f"unsupported YAML tag '{cleaned(tag)}'")
    for line, message in converter.bad_text:
        problems.add(display, line, None, message)
    return value


def load_yaml(path: Path, display: str, problems: Problems) -> Any:
    text = read_text(path, display, problems)
    if text is None:
        return None
    return cached_parse(text, display, problems, parse_yaml)


def load_csv(path: Path, display: str, problems: Problems) -> CsvTable | None:
    """Read a CSV file with a header row; each row keeps its line number."""
    text = read_text(path, display, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader, [])]
        if not header or header == [""]:
            problems.add(display, 1, None, "file is empty (expected a header row)")
            return None
        if not _csv_header_ok(header, display, problems):
            return None
        table = CsvTable(header)
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            line = reader.line_num
            if len(values) != len(header):
                problems.add(
                    display,
                    line,
                    None,
                    f"expected {len(header)} columns ({', '.join(header)}), found {len(values)}",
                )
                continue
            cells = [v.strip() for v in values]
            for name, cell in zip(header, cells, strict=True):
                if (problem := character_problem(cell)) is not None:
                    problems.add(display, line, None, f"column '{name}': {problem}")
            table.rows.append(CsvRow(line, dict(zip(header, map(cleaned, cells), strict=True))))
    except csv.Error as exc:
        problems.add(display, reader.line_num, None, f"CSV syntax error: {exc}")
        return None
    return table


def _csv_header_ok(header: list[str], display: str, problems: Problems) -> bool:
    """Every column of a header row has its own, printable name."""
    ok = True
    for number, name in enumerate(header, 1):
        if (problem := character_problem(name)) is not None:
            problems.add(display, 1, None, f"column {number} of the header row {problem}")
            ok = False
        elif not name:
            problems.add(display, 1, None, f"column {number} of the header row has no name")
            ok = False
        elif name in header[: number - 1]:
            problems.add(display, 1, None, f"duplicate column '{name}' in the header row")
            ok = False
    return ok


def inside(root: Path, path: Path) -> bool:
    """Whether ``path`` (after following symlinks) stays inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True
