# SPDX-License-Identifier: Apache-2.0
"""Checklist snapshots: the exact checklist content inspections used, kept forever."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from fieldcheck.storage.tables import ChecklistSnapshotRow


def snapshot_text(session: Session, *, sha256: str) -> str | None:
    """The stored content (JSON text) of the snapshot with this hash, if stored."""
    row = session.get(ChecklistSnapshotRow, sha256)
    return None if row is None else row.content_json


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
