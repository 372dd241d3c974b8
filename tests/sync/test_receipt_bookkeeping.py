# SPDX-License-Identifier: Apache-2.0
"""Receipts are written to the device's store in bulk, with the same outcome as one by one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlmodel import select

from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.services.context import open_context
from fieldcheck.storage import outbox, sync_blobs, sync_repo
from fieldcheck.storage.sync_tables import SyncBlobRow, SyncRecordRow
from fieldcheck.storage.tables import OutboxRow


def test_bulk_receipts_settle_rows_keep_rejected_pending_and_track_server_versions(
    tmp_path: Path,
) -> None:
    ctx = open_context(tmp_path / "dev")
    a, b = new_id(), new_id()
    with ctx.db.transaction() as s:
        for ident in (a, b):
            outbox.enqueue(s, entity="site", entity_id=ident, payload={"id": ident})
    with ctx.db.read() as s:
        seq_a, seq_b = (p.seq for p in sync_repo.pending(s, after=0, limit=10))
    now = clock.now()
    with ctx.db.transaction() as s:
        sync_repo.mark_receipts(s, [(seq_a, "accepted", now), (seq_b, "rejected: no", None)])
        sync_repo.set_server_shas(s, [("site", a, "1" * 64), ("site", a, "2" * 64)], now)
    later = now + timedelta(minutes=5)
    with ctx.db.transaction() as s:  # same sha again: untouched; a new one: replaced
        sync_repo.set_server_shas(s, [("site", a, "2" * 64), ("site", b, "3" * 64)], later)
    with ctx.db.read() as s:
        rows = {r.seq: r for r in s.exec(select(OutboxRow)).all()}
        heads = {r.entity_id: r for r in s.exec(select(SyncRecordRow)).all()}
        assert outbox.pending_count(s) == 1
        assert rows[seq_a].receipt == "accepted" and rows[seq_a].receipt_at is not None
        assert rows[seq_b].receipt == "rejected: no" and rows[seq_b].receipt_at is None
        assert heads[a].server_sha256 == "2" * 64  # the last answer in the batch wins
        assert heads[a].updated_at.replace(tzinfo=None) == now.replace(tzinfo=None)  # unchanged
        assert heads[b].updated_at.replace(tzinfo=None) == later.replace(tzinfo=None)
        assert heads[b].server_sha256 == "3" * 64
    ctx.close()


def test_confirming_an_original_twice_keeps_one_row(tmp_path: Path) -> None:
    ctx = open_context(tmp_path / "dev")
    shas = ["a" * 64, "b" * 64]
    with ctx.db.transaction() as s:
        sync_blobs.confirm_blobs(s, shas, clock.now())
    with ctx.db.transaction() as s:
        sync_blobs.confirm_blobs(s, [*shas, "c" * 64], clock.now())
        sync_blobs.confirm_blobs(s, [], clock.now())
    with ctx.db.read() as s:
        got = sorted(r.sha256 for r in s.exec(select(SyncBlobRow)).all())
    assert got == ["a" * 64, "b" * 64, "c" * 64]
    ctx.close()


def test_bulk_receipts_store_the_same_text_as_the_one_by_one_writes(tmp_path: Path) -> None:
    """The bulk writes make their values through each column's type themselves: what
    lands in the file is byte for byte what the ORM's one-row writes store."""
    ctx = open_context(tmp_path / "dev")
    ids = [new_id() for _ in range(4)]
    with ctx.db.transaction() as s:
        for ident in ids:
            outbox.enqueue(s, entity="site", entity_id=ident, payload={"id": ident})
    with ctx.db.read() as s:
        seqs = [p.seq for p in sync_repo.pending(s, after=0, limit=10)]
    now = clock.now().replace(microsecond=123456)
    with ctx.db.transaction() as s:
        sync_repo.mark_receipts(s, [(seqs[0], "accepted", now), (seqs[1], "rejected: x", None)])
        sync_repo.mark_receipt(s, seqs[2], "accepted", now)
        sync_repo.mark_receipt(s, seqs[3], "rejected: x", None)
        sync_repo.set_server_shas(s, [("site", ids[0], "1" * 64)], now)
        sync_repo.set_server_sha(s, "site", ids[2], "1" * 64, now)
    with ctx.db.read() as s:
        conn = s.connection()
        sql = "SELECT seq, receipt || '|' || ifnull(receipt_at, '-') FROM outbox"
        marks = {seq: text for seq, text in conn.exec_driver_sql(sql)}
        sql = "SELECT entity_id, updated_at FROM sync_record"
        heads = {ident: at for ident, at in conn.exec_driver_sql(sql)}
    assert marks[seqs[0]] == marks[seqs[2]] and marks[seqs[1]] == marks[seqs[3]]
    assert heads[ids[0]] == heads[ids[2]]
    ctx.close()
