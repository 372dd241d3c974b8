# SPDX-License-Identifier: Apache-2.0
"""Canonical, hashable form of one checklist version, as an inspection keeps it."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from fieldcheck.checklists.models import Checklist
from fieldcheck.core.canonical import canonical_json as core_canonical_json


def canonical_json(checklist: Checklist) -> str:
    """Sorted keys, no spaces, UTF-8 text: the same checklist always gives the same text."""
    return core_canonical_json(checklist.model_dump(mode="json"))


def snapshot(checklist: Checklist) -> tuple[str, str]:
    """(sha256 hex, canonical JSON) of the checklist, legal basis text included."""
    text = canonical_json(checklist)
    return hashlib.sha256(text.encode("utf-8")).hexdigest(), text


def from_json(text: str) -> Checklist:
    """The checklist stored in a snapshot, with its legal basis text as it was then."""
    data: dict[str, Any] = json.loads(text)
    bases = [item.pop("legal_basis", "") for item in data.get("items", [])]
    checklist = Checklist.model_validate(data)
    for item, basis in zip(checklist.items, bases, strict=True):
        item._legal_basis = basis
    return checklist
