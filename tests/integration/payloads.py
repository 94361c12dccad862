"""Content in which every text field carries an attack payload, for the injection tests."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

PAYLOAD = (
    ' <script>alert("s")</script> <img src=x onerror=alert(1)> [click](javascript:alert(2))'
    ' [tab](java\tscript:alert(4)) <a href="javascript:alert(3)">a</a> {{ 7*7 }}'
    " {% if true %}TPL{% endif %} {++crit++} :material-alert: &lt;b&gt; *[HTML]: Hyper"
)
TEXT_KEYS = {
    "title",
    "organisation",
    "singular",
    "plural",
    "label",
    "description",
    "body",
    "judgement",
    "findings",
    "plan_summary",
    "text",
    "strategic_lead",
    "operational_lead",
    "resources",
    "timescale",
    "outcome",
    "summary",
    "narrative",
    "reason",
    "code",
    "unit",
    "term",
}


class _Loader(yaml.SafeLoader):
    """Dates and ids stay as written."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _poison(value: Any, key: str = "", glossary: bool = False) -> Any:
    if isinstance(value, dict):
        return {k: _poison(v, str(k), glossary) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key, glossary) for v in value]
    if isinstance(value, str) and (key in TEXT_KEYS or (glossary and key == "meaning")):
        return value + PAYLOAD
    return value


def poisoned_content(source: Path, target: Path) -> Path:
    """A copy of ``source`` with the payload appended to every text field."""
    shutil.copytree(source, target)
    files = [p for p in target.rglob("*.yaml")]
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
        poisoned = _poison(data, glossary=path.name == "glossary.yaml")
        path.write_text(yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False))
    (target / "glossary.yaml").write_text(
        yaml.safe_dump({"terms": [{"term": "NEET", "meaning": "Not in work" + PAYLOAD}]})
    )
    return target
