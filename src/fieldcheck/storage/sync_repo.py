# SPDX-License-Identifier: Apache-2.0
"""The device side of sync in the store: the account, outbox reads, receipts, the cursor.

Conflicts and taking a pulled version are in ``sync_conflicts``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, func, select

from fieldcheck.core.sync_account import SyncAccount
from fieldcheck.storage.sync_tables import (
    SyncAccountRow,
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
    text: str  # content as stored: its canonical JSON (outbox.enqueue), what its hash is of


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
    """Outbox rows without a receipt, oldest first, after seq ``after``. (Columns, not
    ORM objects: a sync reads every pending row, and the objects cost more than the rows.)"""
    o = OutboxRow.__table__.c  # type: ignore[attr-defined]
    rows = s.connection().execute(
        sa_select(o.seq, o.entity, o.entity_id, o.payload_json)
        .where(o.receipt_at.is_(None), o.seq > after)
        .order_by(o.seq)
        .limit(limit)
    )
    return [
        Pending(int(seq), entity, eid, json.loads(text), text) for seq, entity, eid, text in rows
    ]


def server_shas(s: Session, keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The server's current version of each record, as this device last learned it."""
    ids = sorted({k[1] for k in keys})
    t = SyncRecordRow.__table__.c  # type: ignore[attr-defined]
    out: dict[tuple[str, str], str] = {}
    conn = s.connection()
    for start in range(0, len(ids), 500):
        query = sa_select(t.entity, t.entity_id, t.server_sha256).where(
            t.entity_id.in_(ids[start : start + 500])
        )
        for entity, eid, sha in conn.execute(query):
            out[(entity, eid)] = sha
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
    stmt = sqlite_insert(t).values(
        entity=bindparam("h_entity"),
        entity_id=bindparam("h_id"),
        server_sha256=bindparam("h_sha"),
        updated_at=bindparam("h_at"),
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[t.c.entity, t.c.entity_id],
        set_={"server_sha256": stmt.excluded.server_sha256, "updated_at": stmt.excluded.updated_at},
        where=t.c.server_sha256 != stmt.excluded.server_sha256,
    )
    rows = [{"h_entity": e, "h_id": i, "h_sha": sha, "h_at": now} for e, i, sha in heads]
    _executemany(s, stmt, rows)


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
    rows = [{"m_seq": seq, "m_receipt": status, "m_at": at} for seq, status, at in marks]
    _executemany(s, stmt, rows)


def _executemany(s: Session, stmt: Any, rows: list[dict[str, Any]]) -> None:
    """stmt once for every row, in the session's transaction: compiled once, each bound
    value made into what the driver takes by its column type once for each distinct value
    (a batch's rows share one timestamp), then one executemany of the driver. SQLAlchemy's
    own executemany builds every row's parameters again: marking 500 receipts took 3.6 ms
    that way and takes 1.8 ms this way, the transaction included."""
    conn = s.connection()
    dialect = conn.dialect
    compiled = stmt.compile(dialect=dialect)
    names = list(compiled.positiontup or ())
    columns = []
    for name in names:
        proc = compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
        values = [row[name] for row in rows]
        if proc is not None:
            made = {value: proc(value) for value in set(values)}
            values = [made[value] for value in values]
        columns.append(values)
    conn.exec_driver_sql(str(compiled), list(zip(*columns, strict=True)))


def mark_receipt(s: Session, seq: int, status: str, now: datetime | None) -> None:
    """Record the server's answer on an outbox row; ``now`` None keeps it pending."""
    row = s.get(OutboxRow, seq)
    assert row is not None
    row.receipt, row.receipt_at = status, now
    s.add(row)


def local_versions(s: Session) -> dict[tuple[str, str], tuple[str, bool]]:
    """Per record: the payload of its newest outbox row and whether it is still pending."""
    newest = select(func.max(OutboxRow.seq)).group_by(OutboxRow.entity, OutboxRow.entity_id)
    rows = s.exec(select(OutboxRow).where(col(OutboxRow.seq).in_(newest))).all()
    return {(r.entity, r.entity_id): (r.payload_json, r.receipt_at is None) for r in rows}


def known_on_server(s: Session) -> dict[tuple[str, str], str]:
    return {(r.entity, r.entity_id): r.server_sha256 for r in s.exec(select(SyncRecordRow))}
