# SPDX-License-Identifier: Apache-2.0
"""The pull side of a sync: pages after the cursor, applied record by record.

Each page's photo originals are fetched first, then the page is applied and the cursor
moved past it in one transaction; a record that cannot be applied is set aside
(``storage.quarantine``) with the reason and the rest of the page goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from fieldcheck.core import clock
from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import AppContext
from fieldcheck.services.sync import pulled
from fieldcheck.services.sync.sync_push import blob_of
from fieldcheck.services.sync.sync_report import SyncReport
from fieldcheck.signing import attestation
from fieldcheck.signing.errors import SigningError
from fieldcheck.storage import (
    device_repo,
    quarantine,
    record_check,
    signing_repo,
    sync_blobs,
    sync_bulk,
    sync_conflicts,
    sync_repo,
)
from fieldcheck.storage.db import Session
from fieldcheck.sync.client import SyncClient
from fieldcheck.sync.protocol import Entity, PulledRecord, PullResponse, content_sha256

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def pull(
    ctx: AppContext, client: SyncClient, report: SyncReport, progress: Progress | None
) -> None:
    store = BlobStore(ctx.home.photos)
    with ctx.db.transaction() as s:
        acc = sync_repo.account(s)
        assert acc is not None
        cursor = acc.cursor
        # Left set if the pull is cut off: verify then calls what is half-arrived incomplete.
        device_repo.put(s, record_check.PULL_OPEN_KEY, str(cursor))
    with ThreadPoolExecutor(1) as ahead:  # the next page travels while this one applies
        coming = ahead.submit(client.pull, cursor)
        while True:
            page = coming.result()
            if page.more:
                coming = ahead.submit(client.pull, page.cursor)
            _take_page(ctx, client, store, page, report)
            if progress is not None:
                progress("pull", report.pulled, report.pulled + (1 if page.more else 0))
            if not page.more:
                break
    with ctx.db.transaction() as s:  # what was set aside may apply now that more arrived
        report.applied += quarantine.retry(s, clock.now(), content_sha256, pulled.decode)
        device_repo.put(s, record_check.PULL_OPEN_KEY, "")


def _take_page(
    ctx: AppContext, client: SyncClient, store: BlobStore, page: PullResponse, report: SyncReport
) -> None:
    """Apply one pulled page and move the cursor past it, in one transaction."""
    for rec in page.records:  # originals first: a photo row only lands with its bytes
        sha = blob_of(rec.entity.value, rec.content)
        if sha is not None and store.verify(sha) is not None:
            client.download(sha, store.original(sha))
        if sha is not None and rec.entity is Entity.NOTICE:
            pulled.keep_pdf(ctx.home.documents, store, rec.content, sha)
    tally: Counter[str] = Counter()
    with ctx.db.transaction() as s:
        now = clock.now()
        pinned = _pinned(s)
        done, frozen = sync_bulk.apply_new_or_none(
            s,
            [_read(r) for r in page.records],
            now,
        )
        for i, rec in enumerate(page.records):
            if i in done:
                tally[done[i]] += 1
                continue
            try:
                with s.begin_nested():
                    result = _apply_one(s, store, rec, now, pinned)
            except Exception as exc:
                # One record must never stop the pull: it is set aside for a person,
                # with the reason, and the rest of the page goes on.
                quarantine.keep(s, rec.entity.value, rec.content, rec.sha256, exc, now)
                result = "quarantined"
            tally[result] += 1
        sync_bulk.freeze(s, frozen)
        sync_repo.set_cursor(s, page.cursor)
    report.pulled += len(page.records)  # counted only once the page committed
    report.applied += tally["applied"]
    report.pull_conflicts += tally["conflict"]
    report.quarantined += tally["quarantined"]


def _read(rec: PulledRecord) -> sync_bulk.Pulled:
    """A pulled record with what its wire model reads (None when it does not: the
    one-by-one path then sets it aside with the reason)."""
    try:
        record = pulled.decode(rec.entity.value, rec.content)
    except ValueError:
        record = None
    return sync_bulk.Pulled(rec.entity.value, rec.content, rec.sha256, record)


def _pinned(s: Session) -> str:
    acc = sync_repo.account(s)
    return acc.server_key_b64 if acc is not None else ""


def _apply_one(s: Session, store: BlobStore, rec: PulledRecord, now: datetime, pinned: str) -> str:
    """Apply one pulled record inside the caller's savepoint; raises when it cannot."""
    entity = rec.entity.value
    if entity == Entity.KEY_ATTESTATION.value:
        problem = attestation.problem(attestation.KeyAttestation.from_content(rec.content), pinned)
        if problem is not None:
            raise SigningError(problem)
    sha = blob_of(entity, rec.content)
    if sha is not None and entity in ("signature", "notice"):
        size = store.original(sha).stat().st_size
        mime = "image/png" if entity == "signature" else "application/pdf"
        signing_repo.ensure_blob(s, sha256=sha, size=size, mime=mime, at=now)
    result = sync_conflicts.apply_pulled(
        s, entity, rec.content, rec.sha256, now, content_sha256, pulled.decode
    )
    if sha is not None:
        sync_blobs.confirm_blob(s, sha, now)
    return result
