# SPDX-License-Identifier: Apache-2.0
"""Size and shape bounds on a pushed record, checked before anything else reads it."""

from __future__ import annotations

import json
import re
from typing import Any

from fieldcheck.server.scope import RecordProblem, where
from fieldcheck.sync import refusals
from fieldcheck.sync.protocol import Change, canonical_json

MAX_DEPTH = 6  # the deepest record that travels (a signature's site_ack) is 2 levels
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _depth(value: Any, limit: int) -> int:
    """How deeply value nests (a scalar 0), looking no deeper than limit + 1."""
    if limit < 0:
        return 1  # deeper than anyone looks
    if isinstance(value, dict):
        items: Any = value.values()
    elif isinstance(value, list):
        items = value
    else:
        return 0
    nested = [v for v in items if isinstance(v, (dict, list))]  # most fields are scalars
    return 1 + max((_depth(v, limit - 1) for v in nested), default=0)


def _has_nul(value: Any) -> bool:
    """A NUL character in a text or a key (called once the depth is known bounded)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any("\x00" in k or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def bounded(index: int, change: Change) -> bytes:
    """Refuse what no device could store: deep nesting, text that is not UTF-8,
    a NUL character (no database column holds one), a number JSON has not got.
    The content's canonical JSON as UTF-8, made once here for every later check."""
    if _depth(change.content, MAX_DEPTH + 1) > MAX_DEPTH:
        raise RecordProblem(
            f"{where(index, change.entity, change.entity_id)}: "
            f"nested deeper than {MAX_DEPTH} levels",
            refusals.TOO_DEEP,
        )
    try:
        text = canonical_json(change.content)
    except ValueError:  # NaN or infinity: JSON has no such number
        text = None
    # JSON writes a NUL as \u0000: text without that sequence has none (with it, look).
    if (text is None or "\\u0000" in text) and _has_nul(change.content):
        raise RecordProblem(
            f"{where(index, change.entity, change.entity_id)}: text with a NUL character (U+0000)",
            refusals.BAD_TEXT,
        )
    if text is None:
        raise RecordProblem(
            f"{where(index, change.entity, change.entity_id)}: "
            "a number JSON does not have (NaN, infinity)",
            refusals.BAD_TEXT,
        )
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RecordProblem(
            f"{where(index, change.entity, change.entity_id)}: "
            "text with a character that is not valid Unicode "
            f"(at {exc.start})",
            refusals.BAD_TEXT,
        ) from None


def held_problem(content_json: str) -> tuple[dict[str, Any] | None, str | None]:
    """A held version's content, or why the feed withholds it: stored before these bounds
    (too deep to serialise, a lone surrogate), it would make a whole pull page fail."""
    try:
        content = json.loads(content_json)
    except RecursionError:
        return None, "nested too deep to read"
    except ValueError:
        return None, "not JSON"
    if not isinstance(content, dict):
        return None, "not an object"
    if _depth(content, MAX_DEPTH + 1) > MAX_DEPTH:
        return None, f"nested deeper than {MAX_DEPTH} levels"
    if _ESCAPED_SURROGATE.search(content_json):
        try:
            canonical_json(content).encode("utf-8")
        except UnicodeEncodeError:
            return None, "text with a lone surrogate"
    return content, None
