"""Synthetic content whose every text is as long as a spreadsheet cell can hold, either plain
words or hostile to the Markdown engine, for the benchmark's ``hostile_text_ratio``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.content.model.base import ContentModel
from generator.content.model.meta import all_models, markdown_keys
from generator.dev.synthetic import NOUNS, WORDS, Scale, write_content

CELL = 32_767
"""The most characters a spreadsheet cell holds: the longest text a tracker can bring."""
HOSTILE = (
    "[",
    "[a](",
    "![x](",
    "*_",
    "**a",
    "`",
    ">",
    "> ",
    "\n>",
    "- ",
    "\n- ",
    "1. ",
    "<",
    "<a ",
    "&amp;",
    "{++",
    "\\",
    ":a",
    "#a\n",
    "a\n\n",
    "=\n",
    "    ",
    "_a_ ",
)
"""Runs that make Python-Markdown slow when read as Markdown: unclosed brackets and links,
emphasis, code, nested quotes and lists, entities, CriticMarkup, headings and paragraphs."""
SCALE = Scale(recommendations=2, actions_per_recommendation=(2, 2), kpis=2, releases=2)
TEXT_FIELDS = markdown_keys(all_models(ContentModel))
"""The keys of every field read as Markdown, as the model declares them."""


def _plain(seed: int) -> str:
    words = [(WORDS + NOUNS)[(seed + 7 * i) % (len(WORDS) + len(NOUNS))] for i in range(7000)]
    return (" ".join(words).capitalize() + ".")[:CELL]


def _hostile(seed: int) -> str:
    run = HOSTILE[seed % len(HOSTILE)]
    return (run * (CELL // len(run) + 1))[:CELL]


def _fill(data: Any, text: Any, counter: list[int]) -> Any:
    """``data`` with every text field replaced by the next of ``text``."""
    if isinstance(data, dict):
        result = {}
        for key, value in data.items():
            if key in TEXT_FIELDS and isinstance(value, str):
                counter[0] += 1
                result[key] = text(counter[0])
            else:
                result[key] = _fill(value, text, counter)
        return result
    if isinstance(data, list):
        return [_fill(item, text, counter) for item in data]
    return data


def write_long_texts(root: Path, hostile: bool) -> Path:
    """A small plan in ``root`` whose every text is ``CELL`` characters: plain words, or runs
    of ``HOSTILE`` (a different one for each text, so every run is in the plan)."""
    write_content(root, SCALE)
    counter = [0]
    files = [root / "plan.yaml", root / "site.yaml", *sorted((root / "progress").glob("*.yaml"))]
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        filled = _fill(data, _hostile if hostile else _plain, counter)
        path.write_text(
            yaml.safe_dump(filled, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8",
        )
    return root
