"""``progress-site schema``: JSON Schemas for the content files, from the content model.

Every key, its kind, whether it is required, its allowed values and its description come from
the pydantic models in :mod:`generator.content.model`, the same declarations that validation
reads the files with.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.content.model import FILES, Site
from generator.errors import ProgressSiteError

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _tidy(node: Any, names: bool = False) -> Any:
    """The schema without pydantic's generated titles and defaults, which say nothing more.

    ``names``: ``node`` maps property names (which may be ``title``) to their schemas."""
    if isinstance(node, dict):
        return {
            key: " ".join(value.split())
            if key == "description" and isinstance(value, str) and not names
            else _tidy(value, key in ("properties", "$defs"))
            for key, value in node.items()
            if names or key not in ("title", "default")
        }
    if isinstance(node, list):
        return [_tidy(value) for value in node]
    return node


def _schema(name: str) -> dict[str, Any]:
    kind = FILES[name]
    schema = _tidy(kind.model_json_schema())
    if kind is Site:
        schema["properties"]["statuses"]["minItems"] = 1
    title = "progress/<release>.yaml" if name == "progress" else name
    return {"$schema": DRAFT, "title": f"progress-site {title}", **schema}


def schemas() -> dict[str, dict[str, Any]]:
    """A JSON Schema per content file, keyed by file name."""
    return {name: _schema(name) for name in FILES}


def schema_json(name: str | None = None) -> str:
    data: Any = schemas() if name is None else schemas()[name]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """One <name>.schema.json per content file in ``out_dir``."""
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, schema in schemas().items():
            path = out_dir / f"{name.removesuffix('.yaml')}.schema.json"
            text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as exc:
        exists = isinstance(exc, FileExistsError)
        reason = "it is a file, not a directory" if exists else exc.strerror or str(exc)
        raise ProgressSiteError(f"cannot write the schemas into {out_dir}: {reason}") from None
    return written
