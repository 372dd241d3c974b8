# SPDX-License-Identifier: Apache-2.0
"""Every change that matters is audited and queued for sync in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from fieldcheck.storage import audit, outbox
from fieldcheck.storage.db import Session


def record_change(
    session: Session,
    *,
    actor_id: str,
    action: str,
    entity: str,
    record: BaseModel | Mapping[str, Any],
    audit_payload: dict[str, Any] | None = None,
) -> None:
    """Append the audit entry and queue the record's new state for the server.

    ``record`` is a core model, or its JSON form as it travels (a sync conflict's own side).
    """
    payload = record.model_dump(mode="json") if isinstance(record, BaseModel) else dict(record)
    record_id = str(payload["id"])
    audit.append(
        session,
        actor_id=actor_id,
        action=action,
        entity=entity,
        entity_id=record_id,
        payload=audit_payload if audit_payload is not None else payload,
    )
    outbox.enqueue(session, entity=entity, entity_id=record_id, payload=payload)
