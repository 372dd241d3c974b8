# SPDX-License-Identifier: Apache-2.0
"""The device side of sync in the store: outbox reads, receipts, cursor, conflicts."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, func, select

from fieldcheck.core.errors import NotFoundError
from fieldcheck.core.ids import new_id
from fieldcheck.core.sync_account import SyncAccount
from fieldcheck.storage.sync_apply import Decode, apply_record
from fieldcheck.storage.sync_tables import (
    SyncAccountRow,
    SyncConflictRow,
    SyncRecordRow,
)
from fieldcheck.storage.tables import OutboxRow


@dataclass(frozen=True)
class Pending:
    """One outbox row waiting for a receipt."""

    seq: int
    entity: str
    entity_id: str
    content: dict[str, Any]


def account(s: Session) -> SyncAccount | None:
    """The account as a core model, usable after the session closes."""
    row = s.get(SyncAccountRow, 1)
    return None if row is None else SyncAccount.model_validate(row.model_dump(exclude={"id"}))


def save_account(s: Session, acc: SyncAccount) -> None:
    """Store the login (the cursor is kept when the row exists: set_cursor owns it)."""
    row = SyncAccountRow(id=1, **acc.model_dump())
    existing = s.get(SyncAccountRow, 1)
    if existing is None:
        s.add(row)
        return
    for name in (
        "server_url",
        "token",
        "device_id",
        "name",
        "role",
        "jurisdiction",
        "logged_in_at",
        "server_key_b64",
    ):
        setattr(existing, name, getattr(row, name))
    s.add(existing)


def any_receipt(s: Session) -> bool:
    """Whether any outbox row was ever acknowledged by a server."""
    return (
        s.exec(select(OutboxRow.seq).where(col(OutboxRow.receipt_at).is_not(None)).limit(1)).first()
        is not None
    )


def set_cursor(s: Session, cursor: int) -> None:
    row = s.get(SyncAccountRow, 1)
    assert row is not None
    row.cursor = cursor
    s.add(row)


def pending(s: Session, *, after: int, limit: int) -> list[Pending]:
    """Outbox rows without a receipt, oldest first, after seq ``after``."""
    rows = s.exec(
        select(OutboxRow)
        .where(col(OutboxRow.receipt_at).is_(None), col(OutboxRow.seq) > after)
        .order_by(col(OutboxRow.seq))
        .limit(limit)
    ).all()
    return [
        Pending(int(r.seq or 0), r.entity, r.entity_id, json.loads(r.payload_json)) for r in rows
    ]


def server_shas(s: Session, keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The server's current version of each record, as this device last learned it."""
    ids = sorted({k[1] for k in keys})
    out: dict[tuple[str, str], str] = {}
    for start in range(0, len(ids), 500):
        for r in s.exec(
            select(SyncRecordRow).where(col(SyncRecordRow.entity_id).in_(ids[start : start + 500]))
        ):
            out[(r.entity, r.entity_id)] = r.server_sha256
    return out


def set_server_sha(s: Session, entity: str, entity_id: str, sha: str, now: datetime) -> None:
    row = s.get(SyncRecordRow, (entity, entity_id))
    if row is None:
        s.add(SyncRecordRow(entity=entity, entity_id=entity_id, server_sha256=sha, updated_at=now))
    elif row.server_sha256 != sha:
        row.server_sha256, row.updated_at = sha, now
        s.add(row)


def set_server_shas(s: Session, heads: list[tuple[str, str, str]], now: datetime) -> None:
    """Many (entity, entity_id, sha) at once, in order: one upsert statement, not a read per row."""
    if not heads:
        return
    t = SyncRecordRow.__table__  # type: ignore[attr-defined]
    stmt = sqlite_insert(t)
    stmt = stmt.on_conflict_do_update(
        index_elements=[t.c.entity, t.c.entity_id],
        set_={"server_sha256": stmt.excluded.server_sha256, "updated_at": stmt.excluded.updated_at},
        where=t.c.server_sha256 != stmt.excluded.server_sha256,
    )
    s.connection().execute(
        stmt,
        [
            {"entity": e, "entity_id": i, "server_sha256": sha, "updated_at": now}
            for e, i, sha in heads
        ],
    )


def mark_receipts(s: Session, marks: list[tuple[int, str, datetime | None]]) -> None:
    """Many (seq, status, at) answers on outbox rows at once; ``at`` None keeps one pending."""
    if not marks:
        return
    t = OutboxRow.__table__  # type: ignore[attr-defined]
    stmt = (
        update(t)
        .where(t.c.seq == bindparam("m_seq"))
        .values(receipt=bindparam("m_receipt"), receipt_at=bindparam("m_at"))
    )
    s.connection().execute(
        stmt, [{"m_seq": seq, "m_receipt": status, "m_at": at} for seq, status, at in marks]
    )


def mark_receipt(s: Session, seq: int, status: str, now: datetime | None) -> None:
    """Record the server's answer on an outbox row; ``now`` None keeps it pending."""
    row = s.get(OutboxRow, seq)
    assert row is not None
    row.receipt, row.receipt_at = status, now
    s.add(row)


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


def local_versions(s: Session) -> dict[tuple[str, str], tuple[str, bool]]:
    """Per record: the payload of its newest outbox row and whether it is still pending."""
    newest = select(func.max(OutboxRow.seq)).group_by(OutboxRow.entity, OutboxRow.entity_id)
    rows = s.exec(select(OutboxRow).where(col(OutboxRow.seq).in_(newest))).all()
    return {(r.entity, r.entity_id): (r.payload_json, r.receipt_at is None) for r in rows}


def known_on_server(s: Session) -> dict[tuple[str, str], str]:
    return {(r.entity, r.entity_id): r.server_sha256 for r in s.exec(select(SyncRecordRow))}
