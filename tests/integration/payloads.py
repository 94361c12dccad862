"""Content in which every free-text field of every content file carries attack payloads.

The payloads are built to execute through each route a string takes to the browser: raw HTML
in Markdown, attributes, template syntax, Markdown that defines link targets or
abbreviations, emoji and images that load from other hosts, entity-encoded markup that turns
live if something decodes it and inserts it again as HTML (the theme's version selector and
tooltips insert text as HTML), and JavaScript strings.
"""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.content.model.base import ContentModel
from generator.content.model.meta import all_models, markdown_keys, text_keys
from generator.workflow.releases import publish
from tests.conftest import add_series_kpi, unlock

PAYLOAD = (
    ' <script>alert("s")</script> <img src=x onerror=alert(1)> [click](javascript:alert(2))'
    ' [tab](java\tscript:alert(4)) <a href="javascript:alert(3)">a</a> {{ 7*7 }}'
    " {% if true %}TPL{% endif %} {++crit++} :material-alert: &lt;b&gt; *[HTML]: Hyper"
    " \"><svg onload=alert(5)> '><img src=x onerror=alert(6)>"
    " &lt;img src=x onerror=alert(7)&gt; &#60;img src=x onerror=alert(8)&#62;"
    " </script><script>alert(9)</script> javascript:alert(10)"
    ' [t](https://example.org/ "<img src=x onerror=alert(11)>")'
    " ![remote](https://evil.example/x.png) :smile: :fontawesome-brands-github: --8<-- x"
    " A&A B&B; &ltimg src=x onerror=alert(22)&gt &#x3c;img src=x onerror=alert(23)&#x3e;"
)
"""For every text field: on one line, so it fits wherever a title or label goes."""

BLOCKS = (
    "\n\n- item\n\n    [ref]: javascript:alert(12)\n"
    "    *[ITEM]: <img src=x onerror=alert(13)>\n\n  [ref] and ITEM\n\n"
    "> [quoted]: javascript:alert(14)\n\n[quoted][ref]\n\n"
    "*[NEET]: &lt;img src=x onerror=alert(15)&gt;\n\n"
    "1. <img src=x onerror=alert(16)>\n\n   ![x][ref]\n\n"
    '[titled](https://example.org/ "<img src=x onerror=alert(21)> &lt;b&gt;") and '
    '<https://example.org/autolink> ![img](https://evil.example/y.png "t")\n'
)
"""For fields written as Markdown: definitions that could only take effect at a line start."""

TEXT_KEYS = text_keys(all_models(ContentModel))
"""Every free-text field of the content files (the others are ids, dates and choices), as the
model declares them (``Meta.text``)."""
MARKDOWN_KEYS = markdown_keys(all_models(ContentModel))

GLOSSARY_TERMS = [
    {"term": "NEET", "meaning": "Not in work" + PAYLOAD},
    {"term": "<img src=x onerror=alert(17)>", "meaning": "A term" + PAYLOAD},
    {"term": '"><svg onload=alert(18)>', "meaning": '"><svg onload=alert(19)>'},
    {"term": "ITEM", "meaning": "&lt;img src=x onerror=alert(20)&gt;"},
]
ERRATUM = {"date": "2015-02-10", "reason": "Typo" + PAYLOAD, "corrected": "A figure" + PAYLOAD}
SITE_URL = "https://plan.example.gov.uk/p;x=@!$,+~/"
"""A valid address, still full of characters that mean something in a URL."""


class _Loader(yaml.SafeLoader):
    """Dates and ids stay as written."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _poison(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _poison(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str | int | float) and not isinstance(value, bool) and key in TEXT_KEYS:
        return f"{value}{PAYLOAD}{BLOCKS if key in MARKDOWN_KEYS else ''}"
    return value


def _poison_notes(path: Path) -> None:
    """Every value of kpi-values.csv gets a note carrying the payloads."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({**row, "note": f"{row['note']}{PAYLOAD}"} for row in rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


EVIDENCE_URL = "https://news.example.gov.uk/p;x=@!$,+~/?a=1&b=2#top"
"""Evidence links to a valid address, as hostile as validation allows."""


def _with_titles_starts_and_evidence(data: Any, kind: str) -> Any:
    """Every action gets a title (poisoned later) and a planned start; every action's and
    recommendation's progress entry gets evidence (its title poisoned later)."""
    evidence = [{"title": "Story", "url": EVIDENCE_URL, "date": "2014-06-01"}]
    if kind == "plan":
        for rec in data.get("recommendations", []):
            for action in rec.get("actions") or []:
                action["title"] = f"Name of {action['id']}"
                action["start"] = "2014-06-01"
    elif kind == "progress":
        for entry in (data.get("actions") or {}).values():
            entry["evidence"] = evidence
        for entry in (data.get("recommendations") or {}).values():
            entry["evidence"] = evidence
    return data


def poisoned_content(source: Path, target: Path, erratum: bool = False) -> Path:
    """A copy of ``source`` with payloads in every text field and in the glossary, with
    every action titled and started and every progress entry giving evidence.

    With ``erratum``, the newest release is published with a poisoned erratum, and the site's
    address is set (to a valid one, as hostile as validation allows).
    """
    shutil.copytree(source, target)
    unlock(target)  # every published text changes
    add_series_kpi(target)  # a KPI with notes (poisoned below) and a break in its series
    _poison_notes(target / "kpi-values.csv")
    for path in target.rglob("*.yaml"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
        kind = "progress" if path.parent.name == "progress" else path.stem
        data = _with_titles_starts_and_evidence(data, kind)
        path.write_text(yaml.safe_dump(_poison(data), allow_unicode=True, sort_keys=False))
    (target / "glossary.yaml").write_text(yaml.safe_dump({"terms": GLOSSARY_TERMS}))
    if erratum:
        releases = yaml.load((target / "releases.yaml").read_text(), Loader=_Loader)  # noqa: S506
        newest = releases["releases"][-1]
        newest["errata"] = [ERRATUM]
        (target / "releases.yaml").write_text(yaml.safe_dump(releases, allow_unicode=True))
        site = yaml.load((target / "site.yaml").read_text(), Loader=_Loader)  # noqa: S506
        site["url"] = SITE_URL
        (target / "site.yaml").write_text(yaml.safe_dump(site, allow_unicode=True))
        publish(target, str(newest["id"]), date.fromisoformat(str(newest["date"])))
    return target
