# SPDX-License-Identifier: Apache-2.0
"""Applying a push: one transaction, one receipt per record, nothing overwritten silently.

Rules, per record: a version the server already holds is a duplicate; a new record is
accepted; a new version of a record is accepted only when it was made from the
server's current version (``base_sha256``), otherwise it is kept as a conflict and the
current version stays. Evidence kinds (events, photos, signatures) never change, so a
second content under one of their ids is always a conflict. Each record is decided after
the records of its batch it hangs from, whatever their order. A record that fails its
own checks is refused with a code (sync/refusals.py), and so is every record of the
batch that hangs from it; the rest of the batch is applied. A batch id seen before
gets the receipts it got the first time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import and_, select, tuple_, update
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.server import batches
from fieldcheck.server.auth import Device
from fieldcheck.server.bulk import insert_rows
from fieldcheck.server.ingest_rows import Head, Key, append_feed, known_blobs, load_heads
from fieldcheck.server.push_checks import Checked, Vet, check_all, in_order, needs
from fieldcheck.server.scope import Forbidden, Parsed, Refusal, where
from fieldcheck.server.tables import RECORD as R
from fieldcheck.server.tables import VERSION as V
from fieldcheck.sync import refusals
from fieldcheck.sync.protocol import (
    IMMUTABLE,
    Change,
    DeviceRole,
    Entity,
    PushRequest,
    PushResponse,
    Receipt,
    ReceiptStatus,
)


class _Batch:
    """The in-memory state of one batch while its records are applied in order."""

    def __init__(
        self,
        conn: Connection,
        device: Device,
        heads: dict[Key, Head],
        versions: dict[Key, dict[str, str]],
        blobs: set[str],
    ) -> None:
        self.conn, self.device, self.heads, self.versions, self.blobs = (
            conn,
            device,
            heads,
            versions,
            blobs,
        )
        self.existed = set(heads)
        self.new_versions: list[dict[str, Any]] = []
        self.promoted: list[tuple[str, str, str]] = []
        self.feed: list[dict[str, Any]] = []
        self.touched: set[Key] = set()
        self.now = clock.now()
        self.texts: dict[str, str] = {}
        self.refused: dict[Key, str] = {}  # refused in this batch: why
        self.waiting: set[Key] = set()  # rejected in this batch, to go again later

    def decide(
        self, i: int, change: Change, item: Parsed | Refusal, wants: set[Key], vet: Vet | None
    ) -> Receipt:
        """The receipt of one record (``wants``: what it hangs from): refused, waiting,
        or applied."""
        key = (change.entity.value, change.entity_id)
        refusal: Refusal | None = item if isinstance(item, Refusal) else None
        if isinstance(item, Parsed):
            hangs = sorted(
                k for k in wants if k not in self.heads and (k in self.refused or k in self.waiting)
            )
            if hangs and hangs[0] in self.refused:
                kind, ident = hangs[0]
                refusal = Refusal(
                    refusals.DEPENDS_ON_REFUSED,
                    f"{where(i, *key)}: its {kind} {ident} was refused in this batch "
                    f"({self.refused[hangs[0]]})",
                )
            elif hangs:
                kind, ident = hangs[0]
                refusal = Refusal(
                    refusals.PARENT_MISSING,
                    f"its {kind} {ident} is not on the server yet (it waits in this batch)",
                )
            elif vet is not None:
                refusal = vet(change)
        if refusal is None:
            assert isinstance(item, Parsed)
            try:
                receipt = self.apply(i, change, item)
            except Forbidden as exc:
                refusal = Refusal(exc.code, str(exc))
            else:
                if receipt.status is ReceiptStatus.REJECTED:
                    self.waiting.add(key)
                return receipt
        if refusal.code in refusals.WAITING:
            self.waiting.add(key)
        else:
            self.refused[key] = refusal.reason
        return _rejected(change, refusal.code, refusal.reason)

    def jurisdiction(self, i: int, change: Change, p: Parsed) -> str | None:
        """Where the record belongs, or None when its parent is not on the server yet."""
        if p.own_jurisdiction:
            jur = p.own_jurisdiction
        elif p.parent is not None:
            parent = self.heads.get((p.parent[0].value, p.parent[1]))
            if parent is None:
                return None
            jur = parent.jurisdiction
        else:
            jur = self.device.jurisdiction
        if not self.device.covers(jur):
            raise Forbidden(
                f"{where(i, p.entity, p.entity_id)}: belongs to {jur}, outside this device's "
                f"{self.device.jurisdiction}",
                refusals.OUTSIDE_JURISDICTION,
            )
        head = self.heads.get((p.entity.value, p.entity_id))
        if head is not None and not self.device.covers(head.jurisdiction):
            raise Forbidden(
                f"{where(i, p.entity, p.entity_id)}: this id belongs to {head.jurisdiction}",
                refusals.OUTSIDE_JURISDICTION,
            )
        if self.device.role is DeviceRole.EXPERT and p.entity is not Entity.PERSON_KEY:
            self._expert_may(where(i, p.entity, p.entity_id), p, head)
        return jur

    def _expert_may(self, where: str, p: Parsed, head: Head | None) -> None:
        if p.entity is Entity.PERSON:
            return
        finding = (
            head
            if p.entity is Entity.FINDING
            else (self.heads.get((Entity.FINDING.value, p.finding_id or "")))
        )
        if not (p.major or (finding is not None and finding.major)):
            raise Forbidden(
                f"{where}: experts act only on major hazards (重大隐患)", refusals.MAJOR_ONLY
            )

    def apply(self, i: int, change: Change, p: Parsed) -> Receipt:
        key = (p.entity.value, p.entity_id)
        base = {"entity": p.entity, "entity_id": p.entity_id, "sha256": change.sha256}
        jur = self.jurisdiction(i, change, p)
        if jur is None:
            assert p.parent is not None
            return _rejected(
                change,
                refusals.PARENT_MISSING,
                f"its {p.parent[0].value} {p.parent[1]} is not on the server yet",
            )
        if p.blob is not None and p.blob not in self.blobs:
            return _rejected(
                change,
                refusals.ORIGINAL_MISSING,
                f"photo original {p.blob} has not been uploaded yet",
            )
        head = self.heads.get(key)
        state = self.versions.get(key, {}).get(change.sha256)
        if head is None:
            if change.base_sha256 is not None:
                return _rejected(
                    change,
                    refusals.BASE_MISSING,
                    f"the version it was made from ({change.base_sha256}) is not on the server yet",
                )
            return self._accept(key, change, p, jur, state, base)
        resolves = p.entity not in IMMUTABLE and change.base_sha256 == head.sha256
        # A record may come back to an earlier content (a 回头看 that found the fix held
        # leaves a finding 已销号 exactly as before): made from the head, it is the head again.
        if state == "accepted" and not (resolves and change.sha256 != head.sha256):
            return Receipt(**base, status=ReceiptStatus.DUPLICATE, server_sha256=head.sha256)
        if resolves:
            return self._accept(key, change, p, jur, state, base)
        if state is None:
            self._store(key, change, "conflict")
        return Receipt(
            **base,
            status=ReceiptStatus.CONFLICT,
            server_sha256=head.sha256,
            reason="the server holds another version of this record; both are kept",
            server_content=self.content(key, head.sha256),
        )

    def _accept(
        self, key: Key, change: Change, p: Parsed, jur: str, state: str | None, base: dict[str, Any]
    ) -> Receipt:
        if state is None:
            self._store(key, change, "accepted")
        else:  # a kept conflict a person chose, or an earlier content again: current now
            self.promoted.append((key[0], key[1], change.sha256))
            self.versions[key][change.sha256] = "accepted"
        self.heads[key] = Head(change.sha256, jur, p.finding_id, p.major, p.blob, p.supersedes)
        self.touched.add(key)
        self.feed.append(
            {
                "entity": key[0],
                "entity_id": key[1],
                "sha256": change.sha256,
                "jurisdiction": jur,
                "finding_id": p.finding_id,
                "device_id": self.device.id,
            }
        )
        return Receipt(**base, status=ReceiptStatus.ACCEPTED, server_sha256=change.sha256)

    def _store(self, key: Key, change: Change, state: str) -> None:
        self.versions.setdefault(key, {})[change.sha256] = state
        self.new_versions.append(
            {
                "entity": key[0],
                "entity_id": key[1],
                "sha256": change.sha256,
                "base_sha256": change.base_sha256,
                "content_json": self.texts[change.sha256],
                "state": state,
                "device_id": self.device.id,
                "received_at": self.now,
            }
        )

    def content(self, key: Key, sha: str) -> dict[str, Any]:
        for v in self.new_versions:
            if (v["entity"], v["entity_id"], v["sha256"]) == (*key, sha):
                return dict(json.loads(v["content_json"]))
        text = self.conn.execute(
            select(V.c.content_json).where(
                and_(V.c.entity == key[0], V.c.entity_id == key[1], V.c.sha256 == sha)
            )
        ).scalar_one()
        return dict(json.loads(text))

    def write(self) -> None:
        """Store everything the batch decided, in the order it was decided."""
        insert_rows(self.conn, V, self.new_versions)
        for entity, entity_id, sha in self.promoted:
            self.conn.execute(
                update(V)
                .where(tuple_(V.c.entity, V.c.entity_id, V.c.sha256) == (entity, entity_id, sha))
                .values(state="accepted")
            )
        new_rows = []
        for key in self.touched:
            h = self.heads[key]
            values = {
                "head_sha256": h.sha256,
                "jurisdiction": h.jurisdiction,
                "finding_id": h.finding_id,
                "major": h.major,
                "blob_sha256": h.blob,
                "supersedes": h.supersedes,
                "updated_at": self.now,
            }
            if key in self.existed:
                self.conn.execute(
                    update(R).where(R.c.entity == key[0], R.c.entity_id == key[1]).values(**values)
                )
            else:
                new_rows.append({"entity": key[0], "entity_id": key[1], **values})
        insert_rows(self.conn, R, new_rows)


def _rejected(change: Change, code: str, reason: str) -> Receipt:
    """A record's refusal, with its machine code and the words that say why."""
    return Receipt(
        entity=change.entity,
        entity_id=change.entity_id,
        sha256=change.sha256,
        status=ReceiptStatus.REJECTED,
        reason=reason,
        code=code,
    )


def apply_push(
    conn: Connection,
    device: Device,
    request: PushRequest,
    in_store: Callable[[str], int | None] | None = None,
    checked: Checked | None = None,
    vet: Vet | None = None,
) -> PushResponse:
    """Apply one batch inside the caller's transaction and return its receipts
    (``checked``: what check_all gave, when the caller ran it already; ``vet``: a
    further check of each record, once what it hangs from is decided). Records are
    decided in ``in_order``: a reference may point forward in the batch."""
    request_sha = batches.digest(request)
    answered = batches.replayed(conn, device, request, request_sha)
    if answered is not None:
        return answered
    parsed, texts = checked if checked is not None else check_all(device, request)
    wants = [
        needs(ch, p) if isinstance(p, Parsed) else set()
        for ch, p in zip(request.changes, parsed, strict=True)
    ]
    keys: set[Key] = set().union(*wants)
    keys.update((p.entity.value, p.entity_id) for p in parsed if isinstance(p, Parsed))
    heads, versions = load_heads(conn, keys)
    shas = {p.blob for p in parsed if isinstance(p, Parsed) and p.blob}
    blobs = known_blobs(conn, shas, device, in_store)
    batch = _Batch(conn, device, heads, versions, blobs)
    batch.texts = texts
    decided: dict[int, Receipt] = {}
    for i in in_order(request.changes, wants):  # what a record hangs from first
        decided[i] = batch.decide(i, request.changes[i], parsed[i], wants[i], vet)
    receipts = [decided[i] for i in range(len(request.changes))]  # in the order sent
    batch.write()
    batches.remember(conn, device, request, request_sha, receipts, batch.now)
    if batch.feed:
        append_feed(conn, batch.feed)
    return PushResponse(batch_id=request.batch_id, receipts=receipts)
