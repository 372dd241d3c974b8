# SPDX-License-Identifier: Apache-2.0
"""Device-wide facts kept in ``meta`` under ``device.*`` (e.g. the server to log in to)."""

from __future__ import annotations

from fieldcheck.storage.db import Session
from fieldcheck.storage.tables import Meta

PREFIX = "device."


def get(s: Session, key: str) -> str:
    row = s.get(Meta, PREFIX + key)
    return row.value if row else ""


def put(s: Session, key: str, value: str) -> None:
    row = s.get(Meta, PREFIX + key) or Meta(key=PREFIX + key, value="")
    row.value = value
    s.add(row)
