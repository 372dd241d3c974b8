# SPDX-License-Identifier: Apache-2.0
"""Outbox records the server refused, set aside so one record never stops a push.

A refused record is an open conflict with ``source="refused"``: its local side is the
record as this device holds it, with the refusal's code and reason beside its fields;
its server side is empty (the server kept nothing of it). Its outbox rows stay, pending
and never deleted, and every later version of the record waits behind it. A person
sees it among the conflicts (同步冲突) and, once the cause is gone (the server
upgraded, say), sends it again: then it goes, with what was refused because of it.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session

from fieldcheck.storage import sync_conflicts
from fieldcheck.storage.quarantine import CODE, REASON
from fieldcheck.storage.sync_tables import SyncConflictRow

SOURCE = "refused"
DEPENDS_ON = "refused_with"  # beside the code: "kind id" of the refused record it hangs from

Key = tuple[str, str]


def keep(
    s: Session,
    key: Key,
    content: dict[str, Any],
    sha: str,
    code: str,
    reason: str,
    now: datetime,
    depends_on: Key | None = None,
) -> None:
    """Set one refused outbox record aside with the server's code and reason."""
    local: dict[str, Any] = {**content, CODE: code, REASON: reason[:500]}
    if depends_on is not None:
        local[DEPENDS_ON] = f"{depends_on[0]} {depends_on[1]}"
    sync_conflicts.keep_conflict(
        s,
        entity=key[0],
        entity_id=key[1],
        local_sha=sha,
        local=local,
        server_sha="",
        server={},
        source=SOURCE,
        now=now,
    )


def held_back(s: Session) -> set[Key]:
    """The records set aside: none of their versions is sent until a person says so."""
    return {(r.entity, r.entity_id) for r in sync_conflicts.open_from(s, SOURCE)}


def send_again(s: Session, conflict_id: str, now: datetime) -> list[Key]:
    """Settle a refused record for sending again at the next sync, and every record set
    aside because it hung from it; the records that go."""
    row = s.get(SyncConflictRow, conflict_id)
    assert row is not None and row.source == SOURCE
    name = f"{row.entity} {row.entity_id}"
    rows = [row] + [
        r
        for r in sync_conflicts.open_from(s, SOURCE)
        if r.id != row.id and json.loads(r.local_json).get(DEPENDS_ON) == name
    ]
    for r in rows:
        sync_conflicts.settle_conflict(s, r.id, "send again", now)
    return [(r.entity, r.entity_id) for r in rows]
