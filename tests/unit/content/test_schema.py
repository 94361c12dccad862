import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.content.schema import schemas
from tests.conftest import DEFAULT_CONTENT, SMALL_PLAN


class _NoDates(yaml.SafeLoader):
    """YAML as editors read it: dates stay text."""


_NoDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def documents(root):
    for name in ("site.yaml", "plan.yaml", "kpis.yaml", "releases.yaml", "glossary.yaml"):
        if (root / name).exists():
            yield name, yaml.load((root / name).read_text(), Loader=_NoDates)  # noqa: S506
    for path in sorted((root / "progress").glob("*.yaml")):
        yield "progress", yaml.load(path.read_text(), Loader=_NoDates)  # noqa: S506


@pytest.mark.parametrize("root", [DEFAULT_CONTENT, SMALL_PLAN], ids=["default", "small"])
def test_the_shipped_content_validates_against_the_schema(root):
    all_schemas = schemas()
    checked = 0
    for name, document in documents(root):
        jsonschema.Draft202012Validator(all_schemas[name]).validate(document)
        checked += 1
    assert checked >= 6


def test_the_schema_rejects_what_validate_rejects():
    plan = schemas()["plan.yaml"]
    bad = {"groups": [{"id": "a", "title": "A", "colour": "red"}], "recommendations": []}
    errors = list(jsonschema.Draft202012Validator(plan).iter_errors(bad))
    assert [e.message for e in errors] == [
        "Additional properties are not allowed ('colour' was unexpected)"
    ]
    site = schemas()["site.yaml"]
    statuses = site["properties"]["statuses"]
    assert statuses["items"] == {"$ref": "#/$defs/StatusDef"}
    assert site["$defs"]["StatusDef"]["properties"]["meaning"]["enum"] == [
        "not-started",
        "in-progress",
        "at-risk",
        "off-track",
        "complete",
        "not-reported",
    ]


def test_schema_command():
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "schema", "--file", "kpis.yaml"],
        capture_output=True,
        text=True,
        check=True,
    )
    kpis = json.loads(result.stdout)
    assert kpis["$defs"]["Kpi"]["properties"]["polarity"] == {
        "description": "Which way is better; none where the plan does not say, and then no "
        "value is judged better or worse.",
        "enum": ["higher", "lower", "neutral"],
    }


def test_schema_out_that_cannot_be_written_is_a_message(tmp_path):
    (tmp_path / "file").write_text("x")
    for out, reason in [
        (Path("/dev/null"), "it is a file, not a directory"),
        (tmp_path / "file" / "below", "Not a directory"),
    ]:
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", "schema", "--out", str(out)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1
        assert result.stderr == f"Error: cannot write the schemas into {out}: {reason}\n"


def _objects(schema):
    yield schema
    yield from schema.get("$defs", {}).values()


def test_the_schema_and_validation_come_from_one_declaration():
    """Each object in each schema is a model, with exactly the keys validation accepts."""
    from generator.content.model import FILES, ContentModel

    kinds = {cls.__name__: cls for cls in _all_models(ContentModel)}
    for name, schema in schemas().items():
        for obj in _objects(schema):
            if "properties" not in obj:
                continue
            kind = FILES[name] if obj is schema else kinds[_def_name(schema, obj)]
            assert list(obj["properties"]) == list(kind.file_fields()), kind
            required = [n for n, f in kind.model_fields.items() if f.is_required()]
            assert obj.get("required", []) == required, kind
            assert obj["additionalProperties"] is False


def _all_models(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_models(sub)


def _def_name(schema, obj):
    return next(k for k, v in schema["$defs"].items() if v is obj)


def test_an_unknown_key_lists_the_keys_the_schema_allows(small):
    small.replace("plan.yaml", "  - id: aip-8\n", "  - id: aip-8\n    colour: red\n")
    from generator.content.validate import load_content
    from generator.errors import ContentError

    with pytest.raises(ContentError) as caught:
        load_content(small.root)
    group = schemas()["plan.yaml"]["$defs"]["Group"]["properties"]
    (problem,) = caught.value.problems
    assert problem.message == f"unknown field 'colour' (expected one of: {', '.join(group)})"


def test_a_date_field_dumps_to_json_as_the_content_writes_it():
    import warnings

    from generator.content.model import Erratum

    erratum = Erratum.model_validate({"date": "2020-01-31", "reason": "r", "corrected": "c"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert erratum.model_dump(mode="json")["date"] == "2020-01-31"
