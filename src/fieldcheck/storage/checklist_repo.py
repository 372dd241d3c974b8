# SPDX-License-Identifier: Apache-2.0
"""Checklist snapshots: the exact checklist content inspections used, kept forever."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from fieldcheck.storage.tables import ChecklistSnapshotRow


def get_snapshot(session: Session, *, sha256: str) -> ChecklistSnapshotRow | None:
    """The snapshot with this content hash, if stored."""
    return session.get(ChecklistSnapshotRow, sha256)


def add_snapshot(
    session: Session,
    *,
    sha256: str,
    checklist_id: str,
    version: str,
    content_json: str,
    stored_at: datetime,
) -> bool:
    """Store a snapshot once; returns False when the same content is already stored."""
    if session.get(ChecklistSnapshotRow, sha256) is not None:
        return False  # content-addressed: the same hash is the same content
    session.add(
        ChecklistSnapshotRow(
            sha256=sha256,
            checklist_id=checklist_id,
            version=version,
            content_json=content_json,
            stored_at=stored_at,
        )
    )
    session.flush()
    return True


def snapshots_of(session: Session, *, checklist_id: str) -> list[ChecklistSnapshotRow]:
    """Every stored snapshot of one checklist, oldest first."""
    query = (
        select(ChecklistSnapshotRow)
        .where(ChecklistSnapshotRow.checklist_id == checklist_id)
        .order_by(col(ChecklistSnapshotRow.stored_at))
    )
    return list(session.exec(query))
