# SPDX-License-Identifier: Apache-2.0
"""The sync attempts a device keeps as proof for the person: when, where, what each did."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from fieldcheck.core.sync_account import SyncRun
from fieldcheck.storage.records import aware
from fieldcheck.storage.sync_tables import SyncRunRow


def start(s: Session, server_url: str, now: datetime) -> int:
    """Record that a sync with server_url began; the run's number."""
    row = SyncRunRow(server_url=server_url, started_at=now)
    s.add(row)
    s.flush()
    assert row.id is not None
    return row.id


def finish(s: Session, run_id: int, now: datetime, **figures: Any) -> None:
    """Record that the run ended, with what it achieved (pushed, accepted, ..., error)."""
    row = s.get(SyncRunRow, run_id)
    assert row is not None
    for key, value in figures.items():
        setattr(row, key, value)
    row.finished_at = now
    s.add(row)


def last(s: Session, limit: int = 10) -> list[SyncRun]:
    """The newest sync attempts first, with what each achieved."""
    rows = s.exec(select(SyncRunRow).order_by(col(SyncRunRow.id).desc()).limit(limit))
    return [_run(r) for r in rows]


def _run(row: SyncRunRow) -> SyncRun:
    data = row.model_dump()
    data["started_at"] = aware(row.started_at)
    data["finished_at"] = aware(row.finished_at) if row.finished_at else None
    return SyncRun.model_validate(data)
