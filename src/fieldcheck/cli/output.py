# SPDX-License-Identifier: Apache-2.0
"""What a command prints: one JSON document with --json, else lines for a person."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any


def emit_json(data: Any, *, indent: int | None = None) -> None:
    """data as JSON on one line (indent for a document people read too); Chinese stays
    text, never \\u escapes."""
    print(json.dumps(data, ensure_ascii=False, indent=indent))


def emit(data: Any, as_json: bool, lines: str | Iterable[str]) -> None:
    """With --json the data, else the lines (one string is one line)."""
    if as_json:
        emit_json(data)
        return
    for line in [lines] if isinstance(lines, str) else lines:
        print(line)
