"""The references generated from each action field's ``Meta``: the content reference's table of
its label on the pages, its kind of text, its open-data column and the headers ``import``
reads; the open-data reference's list of the columns of actions.csv."""

from __future__ import annotations

import textwrap

from generator.content.model import Action
from generator.content.model.meta import declared
from generator.render.opendata import ACTION_COLUMNS


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def action_fields_reference() -> str:
    """A table with a row per action field that is shown, published or imported."""
    rows = [
        "### Where each action field goes {#action-fields}",
        "",
        "What each field of an action declares in the model (`Meta`): the label it is shown "
        "under in the action's details on the recommendation page and in the printable "
        "report, whether its text is read as Markdown, its column in `actions.csv` and "
        "`actions.json`, and the headers `import` recognises for it (ignoring case, spaces "
        "and punctuation).",
        "",
        "| key | shown as | text | open-data column | import headers |",
        "| --- | --- | --- | --- | --- |",
    ]
    for d in declared(Action):
        meta = d.meta
        if not (meta.label or meta.column is not False or meta.headers):
            continue
        column = f"`{d.column_name}`" if meta.column is not False else ""
        headers = ", ".join(meta.headers)
        text = {"markdown": "Markdown", "plain": "plain"}.get(meta.text, "")
        rows.append(f"| `{d.name}` | {_cell(meta.label)} | {text} | {column} | {_cell(headers)} |")
    return "\n".join(rows)


def action_columns_line() -> str:
    """The open-data reference's item listing the columns of actions.csv, in order."""
    text = f"- `actions.csv`/`.json`: `{', '.join(ACTION_COLUMNS)}`;"
    return "\n".join(textwrap.wrap(text, width=92, subsequent_indent="  ", break_on_hyphens=False))
