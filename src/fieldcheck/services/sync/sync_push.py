# SPDX-License-Identifier: Apache-2.0
"""Pushing the outbox: batches in order, each record chained to the version it was made from."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.services.context import AppContext
from fieldcheck.services.sync.sync_report import SyncReport
from fieldcheck.storage import outbox, sync_repo
from fieldcheck.sync.client import SyncClient
from fieldcheck.sync.protocol import (
    MAX_PUSH_BYTES,
    Change,
    PushRequest,
    Receipt,
    ReceiptStatus,
    canonical_json,
    content_sha256,
)

Key = tuple[str, str]
BATCH_BYTES = MAX_PUSH_BYTES // 4  # stay well under the server's limit


def push_outbox(
    ctx: AppContext,
    client: SyncClient,
    report: SyncReport,
    progress: Callable[[str, int, int], None] | None,
    batch_size: int,
) -> None:
    """Send every pending outbox row; commit each batch's receipts before the next."""
    with ctx.db.read() as s:
        total = outbox.pending_count(s)
    after = 0
    blocked: set[Key] = set()  # a record refused this run: its later versions wait too
    bases: dict[Key, str] = {}  # the newest version of each record sent this run
    while True:
        with ctx.db.read() as s:
            rows = sync_repo.pending(s, after=after, limit=batch_size)
            if not rows:
                return
            after = rows[-1].seq
            known = sync_repo.server_shas(s, {(r.entity, r.entity_id) for r in rows})
        batch: list[tuple[sync_repo.Pending, Change]] = []
        size = 0
        for row in rows:
            key = (row.entity, row.entity_id)
            if key in blocked:
                continue
            change = _change(row, bases.get(key, known.get(key)), report)
            if change is None:
                blocked.add(key)
                continue
            size += len(canonical_json(row.content)) + 200
            if batch and size > BATCH_BYTES:
                after = batch[-1][0].seq  # the rest goes in the next batch
                break
            bases[key] = change.sha256
            batch.append((row, change))
        if not batch:
            continue
        answer = client.push(PushRequest(batch_id=new_id(), changes=[c for _, c in batch]))
        _record(ctx, batch, answer.receipts, report, blocked)
        if progress is not None:
            progress("push", report.pushed, total)


def _change(row: sync_repo.Pending, base: str | None, report: SyncReport) -> Change | None:
    try:
        return Change(
            entity=row.entity,
            entity_id=row.entity_id,
            content=row.content,
            sha256=content_sha256(row.content),
            base_sha256=base,
        )
    except ValidationError as exc:  # a kind or id the protocol does not carry: say so
        report.rejected.append(
            {
                "entity": row.entity,
                "id": row.entity_id,
                "reason": f"cannot be sent: {exc.errors()[0]['msg']}",
            }
        )
        return None


def _record(
    ctx: AppContext,
    batch: list[tuple[sync_repo.Pending, Change]],
    receipts: list[Receipt],
    report: SyncReport,
    blocked: set[Key],
) -> None:
    with ctx.db.transaction() as s:
        now = clock.now()
        # Written together at the end, in order: one statement each instead of a read
        # and a write per record (all inside this one transaction).
        marks: list[tuple[int, str, datetime | None]] = []
        heads: list[tuple[str, str, str]] = []
        for (row, change), receipt in zip(batch, receipts, strict=True):
            key = (row.entity, row.entity_id)
            if (receipt.entity.value, receipt.entity_id, receipt.sha256) != (*key, change.sha256):
                raise ValueError(f"receipt for {receipt.entity_id} does not match {row.entity_id}")
            report.pushed += 1
            server_sha = receipt.server_sha256 or change.sha256
            if receipt.status is ReceiptStatus.REJECTED:
                marks.append((row.seq, f"rejected: {receipt.reason}", None))
                report.rejected.append(
                    {"entity": row.entity, "id": row.entity_id, "reason": receipt.reason}
                )
                blocked.add(key)
                continue
            marks.append((row.seq, receipt.status.value, now))
            heads.append((row.entity, row.entity_id, server_sha))
            if receipt.status is ReceiptStatus.CONFLICT:
                report.conflict += 1
                server: dict[str, Any] = receipt.server_content or {}
                sync_repo.keep_conflict(
                    s,
                    entity=row.entity,
                    entity_id=row.entity_id,
                    local_sha=change.sha256,
                    local=row.content,
                    server_sha=server_sha,
                    server=server,
                    source="push",
                    now=now,
                )
            elif receipt.status is ReceiptStatus.ACCEPTED:
                report.accepted += 1
            else:
                report.duplicate += 1
        sync_repo.mark_receipts(s, marks)
        sync_repo.set_server_shas(s, heads, now)
