"""The open-data reference lists the columns of actions.csv as the model declares them."""

from __future__ import annotations

from pathlib import Path

from cogapp import Cog

from generator.reference_fields import action_columns_line
from generator.render.opendata import ACTION_COLUMNS

OPEN_DATA_PAGE = Path(__file__).parents[3] / "docs" / "reference" / "open-data.md"


def test_the_open_data_reference_lists_the_action_columns():
    assert action_columns_line().replace("\n  ", " ") == (
        f"- `actions.csv`/`.json`: `{', '.join(ACTION_COLUMNS)}`;"
    )
    assert action_columns_line() in OPEN_DATA_PAGE.read_text(encoding="utf-8"), (
        "docs/reference/open-data.md is stale: run 'cog -r docs/reference/open-data.md'"
    )
    assert Cog().main(["cog", "--check", str(OPEN_DATA_PAGE)]) == 0
