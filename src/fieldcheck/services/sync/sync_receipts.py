# SPDX-License-Identifier: Apache-2.0
"""A pushed batch's receipts, kept on the device in one transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fieldcheck.core import clock
from fieldcheck.services.context import AppContext
from fieldcheck.services.sync.sync_report import SyncReport
from fieldcheck.storage import refused, sync_conflicts, sync_repo
from fieldcheck.sync.protocol import Change, Receipt, ReceiptStatus
from fieldcheck.sync.refusals import DEPENDS_ON_REFUSED, sets_aside

Key = tuple[str, str]


def ids_in(value: Any) -> set[str]:
    """Every text in a record (its references among them: ids are never anything else)."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(ids_in(v) for k, v in value.items() if k != "id"))
    if isinstance(value, list):
        return set().union(*(ids_in(v) for v in value))
    return set()


def record_receipts(
    ctx: AppContext,
    batch: list[tuple[sync_repo.Pending, Change]],
    receipts: list[Receipt],
    report: SyncReport,
) -> None:
    """Commit what each receipt of a batch proved: synced, a conflict kept beside, set
    aside with its code, or rejected (still pending)."""
    with ctx.db.transaction() as s:
        now = clock.now()
        # Written together at the end, in order: one statement each instead of a read
        # and a write per record (all inside this one transaction).
        marks: list[tuple[int, str, datetime | None]] = []
        heads: list[tuple[str, str, str]] = []
        refused_here: set[Key] = set()
        for (row, change), receipt in zip(batch, receipts, strict=True):
            key = (row.entity, row.entity_id)
            if (receipt.entity.value, receipt.entity_id, receipt.sha256) != (*key, change.sha256):
                raise ValueError(f"receipt for {receipt.entity_id} does not match {row.entity_id}")
            report.pushed += 1
            server_sha = receipt.server_sha256 or change.sha256
            if receipt.status is ReceiptStatus.REJECTED and sets_aside(receipt.code):
                code = str(receipt.code)
                marks.append((row.seq, f"refused: {code}: {receipt.reason}"[:1000], None))
                named = ids_in(row.content) if code == DEPENDS_ON_REFUSED else set()
                hangs = next((k for k in sorted(refused_here) if k[1] in named), None)
                refused.keep(s, key, row.content, change.sha256, code, receipt.reason, now, hangs)
                refused_here.add(key)
                report.refused.append(
                    {
                        "entity": row.entity,
                        "id": row.entity_id,
                        "code": code,
                        "reason": receipt.reason,
                    }
                )
                continue
            if receipt.status is ReceiptStatus.REJECTED:
                marks.append((row.seq, f"rejected: {receipt.reason}", None))
                report.rejected.append(
                    {"entity": row.entity, "id": row.entity_id, "reason": receipt.reason}
                )
                continue
            marks.append((row.seq, receipt.status.value, now))
            heads.append((row.entity, row.entity_id, server_sha))
            if receipt.status is ReceiptStatus.CONFLICT:
                report.conflict += 1
                server: dict[str, Any] = receipt.server_content or {}
                sync_conflicts.keep_conflict(
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
