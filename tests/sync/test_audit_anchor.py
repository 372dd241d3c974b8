# SPDX-License-Identifier: Apache-2.0
"""The audit chain's head is anchored at the server at every sync, in a signed receipt.

A chain recomputed after an edit, or cut back with a new head, is consistent link by
link, so the chain walk alone passes it; the anchor catches both, on the device
(`verify --all`, `audit verify`) and at the server (the next sync is refused).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from syncfix import LiveServer, make_field_data

from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.findings import ledger
from fieldcheck.services.sync import audit_anchor
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.storage import audit, device_repo


def _rewrite_chain(db: Path, *, edit_seq: int | None = None, keep: int | None = None) -> None:
    """What someone with the file does: edit (or cut back), then recompute every hash."""
    con = sqlite3.connect(db)
    if keep is not None:
        con.execute("DELETE FROM audit_event WHERE seq > ?", (keep,))
    if edit_seq is not None:
        con.execute("UPDATE audit_event SET payload_json='{}' WHERE seq=?", (edit_seq,))
    rows = con.execute(
        "SELECT seq, at, actor_id, action, entity, entity_id, payload_json FROM audit_event "
        "ORDER BY seq"
    ).fetchall()
    prev = audit.GENESIS
    for seq, at, actor, action, entity, ident, payload in rows:
        when = datetime.fromisoformat(at)
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        h = audit.entry_hash(
            seq=seq,
            at=when,
            actor_id=actor,
            action=action,
            entity=entity,
            entity_id=ident,
            payload_json=payload,
            prev_hash=prev,
        )
        con.execute("UPDATE audit_event SET prev_hash=?, hash=? WHERE seq=?", (prev, h, seq))
        prev = h
    con.execute("UPDATE meta SET value=? WHERE key=?", (f"{rows[-1][0]}:{prev}", audit.HEAD_KEY))
    con.commit()
    con.close()


def _synced(device_factory: Any) -> AppContext:
    a = device_factory("a")
    make_field_data(a, "330106001", findings_n=2, photos_per_finding=0)
    assert sync_service.sync(a).ok
    with a.db.read() as s:
        assert device_repo.get(s, audit_anchor.ANCHOR_KEY)
    assert verify_all(a).ok
    return a


def test_a_recomputed_chain_passes_the_walk_but_not_the_anchor(
    server: LiveServer, device_factory: Any
) -> None:
    a = _synced(device_factory)
    root = a.home.root
    a.close()
    _rewrite_chain(root / "fieldcheck.db", edit_seq=3)
    with open_context(root) as a:
        with a.db.read() as s:
            assert audit.verify(s)[1] is None  # every link is consistent
        report = verify_all(a)
        assert not report.ok and "the chain was recomputed" in str(report.audit_problem)
        assert "recomputed" in str(ledger.audit_verify(a)[1])
        refused = sync_service.sync(a)  # the server holds the anchored hash too
        assert not refused.ok and "audit log was rewritten" in refused.error


def test_a_chain_cut_back_with_a_new_head_fails(server: LiveServer, device_factory: Any) -> None:
    a = _synced(device_factory)
    root = a.home.root
    with a.db.read() as s:
        top = audit.head(s)
    assert top is not None
    a.close()
    _rewrite_chain(root / "fieldcheck.db", keep=top[0] - 2)
    with open_context(root) as a:
        assert "the log was cut back" in str(verify_all(a).audit_problem)
        refused = sync_service.sync(a)
        assert not refused.ok and "went back from entry" in refused.error


def test_a_deleted_or_forged_anchor_receipt_fails(server: LiveServer, device_factory: Any) -> None:
    a = _synced(device_factory)
    with a.db.transaction() as s:
        kept = json.loads(device_repo.get(s, audit_anchor.ANCHOR_KEY))
        device_repo.put(s, audit_anchor.ANCHOR_KEY, "")
    assert "anchor of its audit log is missing" in str(verify_all(a).audit_problem)
    forged = {**kept, "seq": kept["seq"] - 1}  # an earlier entry, under the same signature
    with a.db.transaction() as s:
        device_repo.put(s, audit_anchor.ANCHOR_KEY, json.dumps(forged))
    assert "does not verify" in str(verify_all(a).audit_problem)
    assert sync_service.sync(a).ok  # a sync anchors the head again
    assert verify_all(a).ok
