"""The content reference's table of what follows from each action field's ``Meta``: its label
on the pages, its kind of text, its open-data column and the headers ``import`` reads."""

from __future__ import annotations

from generator.content.model import Action
from generator.content.model.meta import declared


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
