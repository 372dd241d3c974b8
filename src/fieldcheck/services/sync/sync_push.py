# SPDX-License-Identifier: Apache-2.0
"""Pushing the outbox: batches in order, each record chained to the version it was made from."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.services.context import AppContext
from fieldcheck.services.sync.sync_report import SyncReport
from fieldcheck.storage import outbox, refused, sync_blobs, sync_conflicts, sync_repo
from fieldcheck.sync.client import SyncClient
from fieldcheck.sync.protocol import (
    MAX_PUSH_BYTES,
    Change,
    PushRequest,
    Receipt,
    ReceiptStatus,
    canonical_json,
)
from fieldcheck.sync.refusals import DEPENDS_ON_REFUSED, sets_aside

Key = tuple[str, str]
BATCH_BYTES = MAX_PUSH_BYTES // 4  # stay well under the server's limit


SHA256 = re.compile(r"[0-9a-f]{64}")


def blob_of(entity: str, content: dict[str, Any]) -> str | None:
    """The original a record needs on the server (and on a device that pulls it): a
    photo's, a site acknowledgement's handwriting, or a notice's signed PDF (1.1)."""
    if entity == "photo":
        return str(content["sha256"])
    if entity == "notice":
        pdf = content.get("pdf")
        sha = pdf.get("sha256") if isinstance(pdf, dict) else None
        return sha if isinstance(sha, str) and SHA256.fullmatch(sha) else None
    ack = content.get("site_ack") if entity == "signature" else None
    sha = ack.get("handwriting_sha256") if isinstance(ack, dict) else None
    return str(sha) if sha else None


class Pusher:
    """Sends pending outbox rows in batches, committing each batch's receipts before the
    next. One run may push in two passes (records naming no original while the photos
    upload, then the rest); what the first pass learned holds in the second."""

    def __init__(
        self,
        ctx: AppContext,
        client: SyncClient,
        report: SyncReport,
        progress: Callable[[str, int, int], None] | None,
        batch_size: int,
    ) -> None:
        self.ctx, self.client, self.report = ctx, client, report
        self.progress, self.batch_size = progress, batch_size
        with ctx.db.read() as s:
            self.total = outbox.pending_count(s)
            # Set aside when the server refused them: none of their versions goes, and
            # neither does a record naming one, until a person sends it again.
            self.blocked: set[Key] = refused.held_back(s)
        self.blocked_ids = {k[1] for k in self.blocked}
        self.bases: dict[Key, str] = {}  # the newest version of each record sent this run

    def push(self, *, without_originals: bool = False) -> None:
        """Send every pending row in outbox order. without_originals (while the originals
        upload): hold back each record naming an original the server has not confirmed
        yet, with every later version of it and every signature on it, so they can go
        once their originals are up (nothing else refers to them). A record whose
        original was confirmed by the time its batch is made goes in its batch."""
        after = 0
        held: set[Key] = set()
        while True:
            with self.ctx.db.read() as s:
                rows = sync_repo.pending(s, after=after, limit=self.batch_size)
                if not rows:
                    return
                after = rows[-1].seq
                known = sync_repo.server_shas(s, {(r.entity, r.entity_id) for r in rows})
                named = {sha for r in rows if (sha := blob_of(r.entity, r.content)) is not None}
                up = sync_blobs.confirmed_among(s, named) if without_originals else set()
            batch: list[tuple[sync_repo.Pending, Change]] = []
            size = 0
            for row in rows:
                key = (row.entity, row.entity_id)
                if key in self.blocked:
                    continue
                if self.blocked_ids and self.blocked_ids & _ids(row.content):  # names one held back
                    self.report.held_back += 1
                    self.blocked.add(key)
                    self.blocked_ids.add(key[1])
                    continue
                if without_originals and _waits_for_original(row, key, held, up):
                    held.add(key)
                    continue
                text = canonical_json(row.content)
                change = _change(row, text, self.bases.get(key, known.get(key)), self.report)
                if change is None:
                    self.blocked.add(key)
                    continue
                size += len(text) + 200
                if batch and size > BATCH_BYTES:
                    after = batch[-1][0].seq  # the rest goes in the next batch
                    break
                self.bases[key] = change.sha256
                batch.append((row, change))
            if not batch:
                continue
            request = PushRequest(batch_id=new_id(), changes=[c for _, c in batch])
            answer = self.client.push(request)
            _record(self.ctx, batch, answer.receipts, self.report, self.blocked)
            self.blocked_ids |= {k[1] for k in self.blocked}
            if self.progress is not None:
                self.progress("push", self.report.pushed, self.total)


def _ids(value: Any) -> set[str]:
    """Every text in a record (its references among them: ids are never anything else)."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_ids(v) for k, v in value.items() if k != "id"))
    if isinstance(value, list):
        return set().union(*(_ids(v) for v in value))
    return set()


def _waits_for_original(row: sync_repo.Pending, key: Key, held: set[Key], up: set[str]) -> bool:
    """True for a record that must wait for the originals (``up``: those confirmed)."""
    blob = blob_of(row.entity, row.content)
    if key in held or (blob is not None and blob not in up):
        return True
    subject = (str(row.content.get("subject_kind")), str(row.content.get("subject_id")))
    return row.entity == "signature" and subject in held


def push_outbox(
    ctx: AppContext,
    client: SyncClient,
    report: SyncReport,
    progress: Callable[[str, int, int], None] | None,
    batch_size: int,
) -> None:
    """Send every pending outbox row; commit each batch's receipts before the next."""
    Pusher(ctx, client, report, progress, batch_size).push()


def _change(
    row: sync_repo.Pending, text: str, base: str | None, report: SyncReport
) -> Change | None:
    """The row as a change; text: its content's canonical JSON (what its hash is of)."""
    try:
        return Change(
            entity=row.entity,
            entity_id=row.entity_id,
            content=row.content,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
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
                named = _ids(row.content) if code == DEPENDS_ON_REFUSED else set()
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
                blocked.add(key)
                continue
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
