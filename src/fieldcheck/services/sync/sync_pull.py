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

from fieldcheck.core import clock
from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import AppContext
from fieldcheck.services.sync import pull_checks, pulled
from fieldcheck.services.sync.sync_push import blob_of
from fieldcheck.services.sync.sync_report import SyncReport
from fieldcheck.storage import (
    device_repo,
    quarantine,
    record_check,
    sync_bulk,
    sync_conflicts,
    sync_repo,
)
from fieldcheck.sync.client import (
    CredentialError,
    HomeRefused,
    ServerUnreachable,
    SyncClient,
    SyncError,
)
from fieldcheck.sync.protocol import Entity, PulledRecord, content_sha256
from fieldcheck.sync.pull_page import Page

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
        now = clock.now()
        read = pull_checks.reader(s, store, now)
        report.applied += quarantine.retry(s, now, content_sha256, read)
        device_repo.put(s, record_check.PULL_OPEN_KEY, "")


def _fetch_originals(ctx: AppContext, client: SyncClient, store: BlobStore, page: Page) -> None:
    """Originals first: a photo row only lands with its bytes. One the server does not
    send leaves its record to be set aside by the checks; the rest of the page goes on."""
    for rec in page.records:
        sha = blob_of(rec.entity.value, rec.content)
        if sha is None:
            continue
        if store.verify(sha) is not None:
            try:
                client.download(sha, store.original(sha))
            except (ServerUnreachable, CredentialError, HomeRefused):
                raise  # the link or the credential, not the record: the sync stops
            except SyncError:
                continue
        if rec.entity is Entity.NOTICE:
            pulled.keep_pdf(ctx.home.documents, store, rec.content, sha)


def _take_page(
    ctx: AppContext, client: SyncClient, store: BlobStore, page: Page, report: SyncReport
) -> None:
    """Apply one pulled page and move the cursor past it, in one transaction."""
    _fetch_originals(ctx, client, store, page)
    tally: Counter[str] = Counter()
    with ctx.db.transaction() as s:
        now = clock.now()
        read = pull_checks.reader(s, store, now)
        for aside in page.aside:  # what did not even read: named, with the reason
            quarantine.keep_unread(
                s, aside.entity, aside.entity_id, aside.code, aside.reason, aside.text, now
            )
        done, frozen = sync_bulk.apply_new_or_none(s, [_read(r) for r in page.records], now)
        for i, rec in enumerate(page.records):
            if i in done:
                tally[done[i]] += 1
                continue
            try:
                with s.begin_nested():
                    result = sync_conflicts.apply_pulled(
                        s, rec.entity.value, rec.content, rec.sha256, now, content_sha256, read
                    )
            except Exception as exc:
                # One record must never stop the pull: it is set aside for a person,
                # with the reason, and the rest of the page goes on.
                quarantine.keep(s, rec.entity.value, rec.content, rec.sha256, exc, now)
                result = "quarantined"
            tally[result] += 1
        sync_bulk.freeze(s, frozen)
        sync_repo.set_cursor(s, page.cursor)
    report.pulled += len(page.records) + len(page.aside)  # counted once the page committed
    report.applied += tally["applied"]
    report.pull_conflicts += tally["conflict"]
    report.quarantined += tally["quarantined"] + len(page.aside)


def _read(rec: PulledRecord) -> sync_bulk.Pulled:
    """A pulled record with what its wire model reads (None when it does not: the
    one-by-one path then sets it aside with the reason). Only kinds that need nothing
    but their own row go in at once (sync_bulk.SIMPLE), none that pull_checks looks at."""
    try:
        record = pulled.decode(rec.entity.value, rec.content)
    except ValueError:
        record = None
    return sync_bulk.Pulled(rec.entity.value, rec.content, rec.sha256, record)
