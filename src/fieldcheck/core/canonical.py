# SPDX-License-Identifier: Apache-2.0
"""Canonical JSON: the one serialisation of everything signed or hashed.

Signed statements and finding content (``signing``), the audit chain and the outbox
(``storage``), a record's content hash on the wire (``sync.protocol``), checklist
snapshots (``checklists``) and a notice's frozen payload (``reports``) all go through
``canonical_json``: keys sorted, no spaces, UTF-8 text rather than ``\\u`` escapes,
and no NaN or infinity (which JSON does not have). The same value always gives the
same text, and the text must never change: recorded signatures and hashes rest on it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def canonical_json(value: Any, *, default: Callable[[Any], Any] | None = None) -> str:
    """Sorted-key, compact JSON text. default, as for json.dumps, turns a value JSON has
    no type for into one it has (the audit chain keeps ``str`` for what it always did)."""
    return json.dumps(
        value,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
        default=default,
    )


def canonical_bytes(value: Any) -> bytes:
    """canonical_json as UTF-8 bytes, for hashing and signing."""
    return canonical_json(value).encode("utf-8")
