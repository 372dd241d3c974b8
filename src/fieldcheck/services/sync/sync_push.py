# SPDX-License-Identifier: Apache-2.0
"""Pushing the outbox: batches in order, each record chained to the version it was made from."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from pydantic import ValidationError

from fieldcheck.core.ids import new_id
from fieldcheck.services.context import AppContext
from fieldcheck.services.sync.sync_receipts import ids_in, record_receipts
from fieldcheck.services.sync.sync_report import SyncReport
from fieldcheck.storage import outbox, refused, sync_blobs, sync_repo
from fieldcheck.sync.client import SyncClient
from fieldcheck.sync.protocol import (
    MAX_PUSH_BYTES,
    Change,
    PushRequest,
    PushResponse,
    ReceiptStatus,
)

Key = tuple[str, str]
Batch = list[tuple[sync_repo.Pending, Change]]
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
        original was confirmed by the time its batch is made goes in its batch.

        The batches go one after another (a record's parent is on the server before
        it), but the device's own work overlaps the server's: the next batch is made
        while one is at the server, and a batch's receipts are committed while the next
        is at the server. Killed before they are committed, its records are sent again
        and come back as duplicates: nothing is marked synced that a receipt did not
        prove, and nothing is stored twice."""
        held: set[Key] = set()
        with ThreadPoolExecutor(1, thread_name_prefix="push") as wire:
            made = self._make(0, held, without_originals)
            sent: tuple[Batch, Future[PushResponse]] | None = None
            while made is not None or sent is not None:
                answered = None
                if sent is not None:  # the batch at the server: its answer first
                    answered = sent[0], sent[1].result()
                    self._block(*answered)
                sent = None
                if made is not None:  # the next goes at once, and the one after is made
                    ready = self._still_sendable(made[0])
                    sent = self._send(wire, ready) if ready else None
                    made = self._make(made[1], held, without_originals)
                if answered is not None:  # its receipts kept while the next is away
                    record_receipts(self.ctx, answered[0], answered[1].receipts, self.report)
                    if self.progress is not None:
                        self.progress("push", self.report.pushed, self.total)

    def _send(self, wire: ThreadPoolExecutor, batch: Batch) -> tuple[Batch, Future[PushResponse]]:
        request = PushRequest(batch_id=new_id(), changes=[c for _, c in batch])
        return batch, wire.submit(self.client.push, request)

    def _block(self, batch: Batch, answer: PushResponse) -> None:
        """What the server did not take is not sent again this run, nor what names it."""
        if len(answer.receipts) != len(batch):
            raise ValueError(f"{len(batch)} records sent, {len(answer.receipts)} receipts")
        refused_now = {
            (row.entity, row.entity_id)
            for (row, _), r in zip(batch, answer.receipts, strict=True)
            if r.status is ReceiptStatus.REJECTED
        }
        self.blocked |= refused_now
        self.blocked_ids |= {k[1] for k in refused_now}

    def _still_sendable(self, batch: Batch) -> Batch:
        """A batch made while the one before was at the server, less what that one's
        receipts blocked (a later version of a refused record, a record naming one)."""
        return [(row, c) for row, c in batch if not self._skip(row, (row.entity, row.entity_id))]

    def _skip(self, row: sync_repo.Pending, key: Key) -> bool:
        """Not sent this run: its record was refused or set aside, or it names one."""
        if key in self.blocked:
            return True
        if self.blocked_ids and self.blocked_ids & ids_in(row.content):  # names one held back
            self.report.held_back += 1
            self.blocked.add(key)
            self.blocked_ids.add(key[1])
            return True
        return False

    def _make(
        self, after: int, held: set[Key], without_originals: bool
    ) -> tuple[Batch, int] | None:
        """The next batch of pending rows after outbox seq ``after``, and where the one
        after it starts; None once no row is left."""
        while True:
            with self.ctx.db.read() as s:
                rows = sync_repo.pending(s, after=after, limit=self.batch_size)
                if not rows:
                    return None
                after = rows[-1].seq
                known = sync_repo.server_shas(s, {(r.entity, r.entity_id) for r in rows})
                up: set[str] = set()  # the originals the server confirmed, when it matters
                if without_originals:
                    named = {b for r in rows if (b := blob_of(r.entity, r.content)) is not None}
                    up = sync_blobs.confirmed_among(s, named)
            batch: Batch = []
            size = 0
            for row in rows:
                key = (row.entity, row.entity_id)
                if self._skip(row, key):
                    continue
                if without_originals and _waits_for_original(row, key, held, up):
                    held.add(key)
                    continue
                text = row.text  # the stored canonical JSON: not made again from content
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
            if batch:
                return batch, after


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
