# SPDX-License-Identifier: Apache-2.0
"""The sync outbox: every change that must reach the server, in order."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, func, select

from fieldcheck.core import clock
from fieldcheck.core.canonical import canonical_json
from fieldcheck.storage.tables import OutboxRow


def enqueue(session: Session, *, entity: str, entity_id: str, payload: dict[str, Any]) -> None:
    """Queue one record version for the server inside the caller's transaction."""
    session.add(
        OutboxRow(
            entity=entity,
            entity_id=entity_id,
            payload_json=canonical_json(payload, default=str),  # as the audit chain
            created_at=clock.now(),
        )
    )


def pending_count(session: Session) -> int:
    """Changes no receipt has acknowledged yet."""
    return session.exec(
        select(func.count()).select_from(OutboxRow).where(col(OutboxRow.receipt_at).is_(None))
    ).one()


def pending_by_entity(session: Session) -> dict[str, int]:
    """Records (distinct ids, not versions) still waiting for a receipt, per kind."""
    q = (
        select(OutboxRow.entity, func.count(func.distinct(OutboxRow.entity_id)))
        .where(col(OutboxRow.receipt_at).is_(None))
        .group_by(OutboxRow.entity)
    )
    return {str(entity): int(n) for entity, n in session.exec(q)}
