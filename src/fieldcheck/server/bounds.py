# SPDX-License-Identifier: Apache-2.0
"""Size and shape bounds on a pushed record, checked before anything else reads it."""

from __future__ import annotations

from typing import Any

from fieldcheck.server.scope import RecordProblem
from fieldcheck.sync.protocol import Change, canonical_json

MAX_DEPTH = 6  # the deepest record that travels (a signature's site_ack) is 2 levels


def _depth(value: Any, limit: int) -> int:
    if limit < 0:
        return 1  # deeper than anyone looks
    if isinstance(value, dict):
        return 1 + max((_depth(v, limit - 1) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v, limit - 1) for v in value), default=0)
    return 0


def bounded(index: int, change: Change) -> None:
    """Refuse (422) what no device could store: deep nesting, text that is not UTF-8."""
    where = f"changes[{index}] ({change.entity.value} {change.entity_id})"
    if _depth(change.content, MAX_DEPTH + 1) > MAX_DEPTH:
        raise RecordProblem(f"{where}: nested deeper than {MAX_DEPTH} levels")
    try:
        canonical_json(change.content).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RecordProblem(
            f"{where}: text with a character that is not valid Unicode (at {exc.start})"
        ) from None
