# SPDX-License-Identifier: Apache-2.0
"""The sync outbox: every change that must reach the server, in order."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, func, select

from fieldcheck.core import clock
from fieldcheck.storage.audit import canonical_json
from fieldcheck.storage.tables import OutboxRow


def enqueue(session: Session, *, entity: str, entity_id: str, payload: dict[str, Any]) -> None:
    """Queue one record version for the server inside the caller's transaction."""
    session.add(
        OutboxRow(
            entity=entity,
            entity_id=entity_id,
            payload_json=canonical_json(payload),
            created_at=clock.now(),
        )
    )


def pending_count(session: Session) -> int:
    """Changes no receipt has acknowledged yet."""
    return session.exec(
        select(func.count()).select_from(OutboxRow).where(col(OutboxRow.receipt_at).is_(None))
    ).one()
