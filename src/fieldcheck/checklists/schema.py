# SPDX-License-Identifier: Apache-2.0
"""JSON Schemas for authors' editors, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from fieldcheck.checklists.models import Checklist, CriteriaSet

SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "criteria-set.schema.json": CriteriaSet,
    "checklist.schema.json": Checklist,
}
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_texts() -> dict[str, str]:
    """File name -> schema text, exactly as written under checklists/schema/."""
    out: dict[str, str] = {}
    for name, model in SCHEMA_FILES.items():
        schema: dict[str, Any] = {"$schema": DIALECT, "$id": name}
        schema.update(model.model_json_schema(mode="validation"))
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(directory: Path) -> list[Path]:
    """Write (or refresh) the schema files into directory; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
