# SPDX-License-Identifier: Apache-2.0
"""Conflicts on the device: both versions of a record kept until a person chooses, and
taking one pulled version (applied, the same, or a conflict)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from fieldcheck.core.errors import NotFoundError
from fieldcheck.core.ids import new_id
from fieldcheck.storage.sync_apply import Decode, apply_record
from fieldcheck.storage.sync_repo import mark_receipt, set_server_sha
from fieldcheck.storage.sync_tables import SyncConflictRow, SyncRecordRow
from fieldcheck.storage.tables import OutboxRow


def open_conflict(s: Session, entity: str, entity_id: str) -> SyncConflictRow | None:
    return s.exec(
        select(SyncConflictRow).where(
            SyncConflictRow.entity == entity,
            SyncConflictRow.entity_id == entity_id,
            col(SyncConflictRow.resolved_at).is_(None),
        )
    ).first()


def keep_conflict(
    s: Session,
    *,
    entity: str,
    entity_id: str,
    local_sha: str,
    local: dict[str, Any],
    server_sha: str,
    server: dict[str, Any],
    source: str,
    now: datetime,
) -> None:
    """Keep both sides of a conflict; one open conflict per record, updated in place."""
    row = open_conflict(s, entity, entity_id)
    if row is None:
        row = SyncConflictRow(
            id=new_id(),
            entity=entity,
            entity_id=entity_id,
            local_sha256=local_sha,
            local_json=json.dumps(local, ensure_ascii=False),
            server_sha256=server_sha,
            server_json=json.dumps(server, ensure_ascii=False),
            detected_at=now,
            source=source,
        )
    else:
        row.local_sha256, row.local_json = local_sha, json.dumps(local, ensure_ascii=False)
        row.server_sha256, row.server_json = server_sha, json.dumps(server, ensure_ascii=False)
    s.add(row)


def open_from(s: Session, source: str) -> list[SyncConflictRow]:
    """The open conflicts one kind of step kept (a pull's quarantine, a push's refusals)."""
    return list(
        s.exec(
            select(SyncConflictRow).where(
                SyncConflictRow.source == source, col(SyncConflictRow.resolved_at).is_(None)
            )
        ).all()
    )


class Conflict(NamedTuple):
    """Two versions of one record, both kept until a person chooses (see the table)."""

    id: str
    entity: str
    entity_id: str
    local_sha256: str
    local_json: str
    server_sha256: str
    server_json: str
    detected_at: datetime
    source: str
    resolved_at: datetime | None
    resolution: str | None


def _conflict(row: SyncConflictRow) -> Conflict:
    return Conflict._make(getattr(row, f) for f in Conflict._fields)


def conflicts(s: Session, *, include_resolved: bool = False) -> list[Conflict]:
    q = select(SyncConflictRow).order_by(col(SyncConflictRow.detected_at))
    if not include_resolved:
        q = q.where(col(SyncConflictRow.resolved_at).is_(None))
    return [_conflict(r) for r in s.exec(q).all()]


def get_open_conflict(s: Session, conflict_id: str) -> Conflict:
    """The conflict while nobody has settled it, or NotFoundError."""
    row = s.get(SyncConflictRow, conflict_id)
    if row is None or row.resolved_at is not None:
        raise NotFoundError("open conflict", conflict_id)
    return _conflict(row)


def settle_conflict(s: Session, conflict_id: str, resolution: str, now: datetime) -> None:
    """Record how a person settled the conflict; both versions stay in it."""
    row = s.get(SyncConflictRow, conflict_id)
    if row is None:
        raise NotFoundError("conflict", conflict_id)
    row.resolved_at, row.resolution = now, resolution
    s.add(row)


def _latest_pending(s: Session, entity: str, entity_id: str) -> OutboxRow | None:
    return s.exec(
        select(OutboxRow)
        .where(
            OutboxRow.entity == entity,
            OutboxRow.entity_id == entity_id,
            col(OutboxRow.receipt_at).is_(None),
        )
        .order_by(col(OutboxRow.seq).desc())
        .limit(1)
    ).first()


def settle_pending(s: Session, entity: str, entity_id: str, status: str, now: datetime) -> int:
    """Answer every version of a record still waiting for a receipt with status (a
    conflict settled here); how many there were."""
    n = 0
    while (mine := _latest_pending(s, entity, entity_id)) is not None:
        mark_receipt(s, int(mine.seq or 0), status, now)
        s.flush()
        n += 1
    return n


def apply_pulled(
    s: Session,
    entity: str,
    content: dict[str, Any],
    sha: str,
    now: datetime,
    sha_of: Callable[[dict[str, Any]], str],
    decode: Decode,
) -> str:
    """Take one pulled version: 'applied', 'same' or 'conflict' (both sides kept).

    decode reads the content through its kind's wire model (services/sync/pulled.py);
    it raises, naming the field, when the record does not fit."""
    ident = str(content["id"])
    conflict = open_conflict(s, entity, ident)
    if conflict is not None and conflict.source == "quarantine":
        # A newer version of a record set aside: try it; failing, it is set aside again.
        conflict.resolved_at, conflict.resolution = now, "superseded"
        s.add(conflict)
        s.flush()
        conflict = None
    if conflict is not None:
        conflict.server_sha256 = sha
        conflict.server_json = json.dumps(content, ensure_ascii=False)
        s.add(conflict)
        return "conflict"
    mine = _latest_pending(s, entity, ident)
    if mine is not None:
        local = json.loads(mine.payload_json)
        if sha_of(local) != sha:
            keep_conflict(
                s,
                entity=entity,
                entity_id=ident,
                local_sha=sha_of(local),
                local=local,
                server_sha=sha,
                server=content,
                source="pull",
                now=now,
            )
            return "conflict"
    known = s.get(SyncRecordRow, (entity, ident))
    if known is not None and known.server_sha256 == sha:
        return "same"
    apply_record(s, decode(entity, content), now)
    set_server_sha(s, entity, ident, sha, now)
    return "applied"
