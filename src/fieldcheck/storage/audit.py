# SPDX-License-Identifier: Apache-2.0
"""The append-only audit log: each entry carries the hash of the one before it.

An entry's hash is SHA-256 over its canonical JSON (seq, time, actor, action,
entity, id, payload) and the previous hash, so editing, inserting or deleting any
entry breaks the chain at that point. The newest hash is also kept in ``meta`` so a
deleted tail is noticed too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from fieldcheck.core import canonical as core_canonical
from fieldcheck.core import clock
from fieldcheck.storage.tables import AuditRow, Meta

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


def canonical_json(value: Any) -> str:
    """core.canonical's JSON; a value JSON has no type for is written as its str(), as
    the chain always did."""
    return core_canonical.canonical_json(value, default=str)


def entry_hash(
    *,
    seq: int,
    at: datetime,
    actor_id: str,
    action: str,
    entity: str,
    entity_id: str,
    payload_json: str,
    prev_hash: str,
) -> str:
    """The chain hash of one entry."""
    body = canonical_json(
        {
            "seq": seq,
            "at": at.isoformat(),
            "actor": actor_id,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "payload": payload_json,
            "prev": prev_hash,
        }
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(
    session: Session,
    *,
    actor_id: str,
    action: str,
    entity: str,
    entity_id: str,
    payload: dict[str, Any] | None = None,
) -> None:
    """Add one entry to the chain inside the caller's transaction."""
    last = head(session)
    seq = 1 if last is None else last[0] + 1
    prev = GENESIS if last is None else last[1]
    at = clock.now()
    payload_json = canonical_json(payload or {})
    row = AuditRow(
        seq=seq,
        at=at,
        actor_id=actor_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        payload_json=payload_json,
        prev_hash=prev,
        hash=entry_hash(
            seq=seq,
            at=at,
            actor_id=actor_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            payload_json=payload_json,
            prev_hash=prev,
        ),
    )
    session.add(row)
    head_row = session.get(Meta, HEAD_KEY)
    if head_row is None:
        session.add(Meta(key=HEAD_KEY, value=f"{seq}:{row.hash}"))
    else:
        head_row.value = f"{seq}:{row.hash}"
        session.add(head_row)


@dataclass(frozen=True)
class ChainProblem:
    """Where the chain breaks and why."""

    seq: int
    reason: str

    def __str__(self) -> str:
        return f"audit entry {self.seq}: {self.reason}"


_COLUMNS = ("seq", "at", "actor_id", "action", "entity", "entity_id", "payload_json")


def _entries(session: Session) -> Iterator[tuple[Any, ...]]:
    """Every entry as stored, read as plain values: an entry edited by hand into
    something that is not a time or not text is a finding of verify, not a crash."""
    cols = ", ".join(("rowid", *_COLUMNS, "prev_hash", "hash"))
    result = session.connection().exec_driver_sql(f"SELECT {cols} FROM audit_event ORDER BY rowid")
    yield from result


def _time(session: Session, value: object) -> datetime | None:
    """The stored time as the table's own column type reads it, or None if it is none."""
    if not isinstance(value, str):
        return None
    dialect = session.get_bind().dialect
    typ = AuditRow.__table__.c.at.type  # type: ignore[attr-defined]
    proc = typ.dialect_impl(dialect).result_processor(dialect, None)
    try:
        when = proc(value) if proc is not None else datetime.fromisoformat(value)
    except (ValueError, TypeError):
        return None
    return when if isinstance(when, datetime) else None


def verify(session: Session) -> tuple[int, ChainProblem | None]:
    """Walk the chain; return the number of entries and the first problem, if any."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    for rowid, seq, at, actor, action, entity, entity_id, payload, prev_hash, hsh in _entries(
        session
    ):
        count += 1
        if seq != rowid or not isinstance(seq, int):
            return count, ChainProblem(rowid, f"its number was changed to {seq!r}")
        if seq != expected_seq:
            return count, ChainProblem(seq, f"entry {expected_seq} is missing (deleted?)")
        if prev_hash != prev:
            return count, ChainProblem(seq, "does not link to the entry before it (inserted?)")
        when = _time(session, at)
        if when is None:
            return count, ChainProblem(seq, f"its time was changed to {at!r}, which is no time")
        texts = (actor, action, entity, entity_id, payload)
        want = (
            entry_hash(
                seq=seq,
                at=when,
                actor_id=actor,
                action=action,
                entity=entity,
                entity_id=entity_id,
                payload_json=payload,
                prev_hash=prev_hash,
            )
            if all(isinstance(t, str) for t in texts)
            else None
        )
        if hsh != want:
            return count, ChainProblem(seq, "its content was changed after it was written")
        prev = hsh
        expected_seq += 1
    head = session.get(Meta, HEAD_KEY)
    if head is not None:
        head_seq, _, head_hash = head.value.partition(":")
        if head_seq != str(expected_seq - 1) or head_hash != prev:
            return count, ChainProblem(
                expected_seq,
                f"the log ends at entry {expected_seq - 1} but the recorded head is "
                f"{head.value[:80]!r} (entries were added or deleted outside fieldcheck)",
            )
    elif count:
        return count, ChainProblem(count, "the chain head record is missing")
    return count, None


def head(session: Session) -> tuple[int, str] | None:
    """The newest entry's (seq, hash), or None on an empty log."""
    last = session.exec(
        select(AuditRow.seq, AuditRow.hash).order_by(col(AuditRow.seq).desc()).limit(1)
    ).first()
    return None if last is None else (last[0], last[1])


def hash_at(session: Session, seq: int) -> str | None:
    """The hash entry seq carries now (None when there is no such entry)."""
    return session.exec(select(AuditRow.hash).where(AuditRow.seq == seq)).first()
