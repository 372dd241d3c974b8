# SPDX-License-Identifier: Apache-2.0
"""The append-only audit log: each entry carries the hash of the one before it.

An entry's hash is SHA-256 over its canonical JSON (seq, time, actor, action,
entity, id, payload) and the previous hash, so editing, inserting or deleting any
entry breaks the chain at that point. The newest hash is also kept in ``meta`` so a
deleted tail is noticed too.
"""

from __future__ import annotations

import hashlib
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
) -> AuditRow:
    """Add one entry to the chain inside the caller's transaction."""
    last = session.exec(select(AuditRow).order_by(col(AuditRow.seq).desc()).limit(1)).first()
    seq = 1 if last is None else last.seq + 1
    prev = GENESIS if last is None else last.hash
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
    head = session.get(Meta, HEAD_KEY)
    if head is None:
        session.add(Meta(key=HEAD_KEY, value=f"{seq}:{row.hash}"))
    else:
        head.value = f"{seq}:{row.hash}"
        session.add(head)
    return row


@dataclass(frozen=True)
class ChainProblem:
    """Where the chain breaks and why."""

    seq: int
    reason: str

    def __str__(self) -> str:
        return f"audit entry {self.seq}: {self.reason}"


def verify(session: Session) -> tuple[int, ChainProblem | None]:
    """Walk the chain; return the number of entries and the first problem, if any."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    for row in session.exec(select(AuditRow).order_by(col(AuditRow.seq))):
        count += 1
        if row.seq != expected_seq:
            return count, ChainProblem(row.seq, f"entry {expected_seq} is missing (deleted?)")
        if row.prev_hash != prev:
            return count, ChainProblem(row.seq, "does not link to the entry before it (inserted?)")
        want = entry_hash(
            seq=row.seq,
            at=row.at,
            actor_id=row.actor_id,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            payload_json=row.payload_json,
            prev_hash=row.prev_hash,
        )
        if row.hash != want:
            return count, ChainProblem(row.seq, "its content was changed after it was written")
        prev = row.hash
        expected_seq += 1
    head = session.get(Meta, HEAD_KEY)
    if head is not None:
        head_seq, _, head_hash = head.value.partition(":")
        if int(head_seq) != expected_seq - 1 or head_hash != prev:
            return count, ChainProblem(
                expected_seq,
                f"the log ends at entry {expected_seq - 1} but the recorded head is entry "
                f"{head_seq} (entries were added or deleted outside fieldcheck)",
            )
    elif count:
        return count, ChainProblem(count, "the chain head record is missing")
    return count, None


def head(session: Session) -> tuple[int, str] | None:
    """The newest entry's (seq, hash), or None on an empty log."""
    last = session.exec(select(AuditRow).order_by(col(AuditRow.seq).desc()).limit(1)).first()
    return None if last is None else (last.seq, last.hash)


def hash_at(session: Session, seq: int) -> str | None:
    """The hash entry seq carries now (None when there is no such entry)."""
    row = session.get(AuditRow, seq)
    return None if row is None else row.hash
