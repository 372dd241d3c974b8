# SPDX-License-Identifier: Apache-2.0
"""Sync use cases: log in with an enrollment credential, sync, and show what the server holds.

Order of a sync: the outbox's records that name no photo original travel in batches
while the originals upload; the records naming an original go once it is up (so the
server never holds a photo record without its bytes); then the pull. Each step commits
what a receipt proved before the next request, so a sync killed at any instant
resumes where it stopped and never marks anything synced that the server did not
acknowledge.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.sync_account import SyncAccount
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents import numbering
from fieldcheck.services.inspections import campaigns, tasks
from fieldcheck.services.sync import audit_anchor, collector, home_check, sync_pull
from fieldcheck.services.sync.sync_photos import UPLOADERS as UPLOADERS
from fieldcheck.services.sync.sync_photos import plan_photos, send_photos
from fieldcheck.services.sync.sync_pull import Progress
from fieldcheck.services.sync.sync_push import Pusher
from fieldcheck.services.sync.sync_report import SyncReport
from fieldcheck.storage import (
    outbox,
    sync_conflicts,
    sync_repo,
    sync_runs,
)
from fieldcheck.sync import tls
from fieldcheck.sync.client import ServerUnreachable, SyncClient, SyncError
from fieldcheck.sync.protocol import (
    MAX_BATCH,
    Identity,
)


class SyncSetupError(FieldcheckError):
    """The device is not logged in, or logged in to another server."""


def _check_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise SyncSetupError(f"--server {url!r}: give an http:// or https:// address")
    return url


def login(
    ctx: AppContext, server_url: str, token: str, *, transport: httpx.BaseTransport | None = None
) -> Identity:
    """Check the credential with the server and keep it for later syncs."""
    url = _check_url(server_url)
    token = token.strip()
    if not token:
        raise SyncSetupError("the token file is empty")
    with SyncClient(url, token, transport=transport, attempts=3) as client:
        ident = client.me()
        home_check.check_in(ctx, client)  # a second home of this credential stops here
    with ctx.db.transaction() as s:
        current = sync_repo.account(s)
        if current is not None and current.server_url != url and sync_repo.any_receipt(s):
            raise SyncSetupError(
                f"this device already syncs with {current.server_url}; its records are there. "
                "Use a fresh data directory for another server"
            )
        pinned = current.server_key_b64 if current is not None else ""
        if pinned and ident.server_key_b64 != pinned:
            raise SyncSetupError(
                "the server presents another signing key than the one this device pinned at "
                "its first login; nothing was changed. If the county really replaced its "
                "server key, use a fresh data directory and enrol again"
            )
        sync_repo.save_account(
            s,
            SyncAccount(
                server_url=url,
                token=token,
                device_id=ident.device_id,
                name=ident.name,
                role=ident.role.value,
                jurisdiction=ident.jurisdiction,
                logged_in_at=clock.now(),
                server_key_b64=pinned or ident.server_key_b64,
            ),
        )
        if ident.serial:  # numbers from now on carry the server-issued serial
            numbering.take_serial(s, ident.serial)
        if current is None or current.device_id != ident.device_id:
            home_check.enrolled_again(s)  # a credential of its own: this home may issue
    return ident


def _account(ctx: AppContext, server_url: str | None) -> SyncAccount:
    with ctx.db.read() as s:
        acc = sync_repo.account(s)
    if acc is None:
        raise SyncSetupError(
            "this device is not logged in: run `fieldcheck login --server URL "
            "--token-file FILE` with the credential from enrollment"
        )
    if server_url is not None and _check_url(server_url) != acc.server_url:
        raise SyncSetupError(f"this device syncs with {acc.server_url}, not {server_url}")
    return acc


def sync(
    ctx: AppContext,
    *,
    server_url: str | None = None,
    progress: Progress | None = None,
    transport: httpx.BaseTransport | None = None,
    batch_size: int = MAX_BATCH,
) -> SyncReport:
    """Send photos and the outbox, then pull; errors end up in the report, not lost."""
    with collector.spared():  # from the first step: a collection here walks the whole app
        return _sync(ctx, server_url, progress, transport, batch_size)


def _sync(
    ctx: AppContext,
    server_url: str | None,
    progress: Progress | None,
    transport: httpx.BaseTransport | None,
    batch_size: int,
) -> SyncReport:
    acc = _account(ctx, server_url)
    report = SyncReport(server=acc.server_url)
    with ctx.db.transaction() as s:
        run_id = sync_runs.start(s, acc.server_url, clock.now())
    with SyncClient(acc.server_url, acc.token, transport=transport) as client:
        try:
            probe(acc.server_url, transport=transport)
            home_check.check_in(ctx, client)  # a copied or restored home stops here
            _send(ctx, client, report, progress, batch_size)
            _fetch(ctx, client, report, progress)
            audit_anchor.anchor_head(ctx, client)  # a recomputed chain fails verify after
        except SyncError as exc:
            report.error = str(exc)
            report.error_kind = type(exc).__name__
        finally:
            report.bytes_sent = client.bytes_sent
            with ctx.db.transaction() as s:
                report.pending_after = outbox.pending_count(s)
                report.open_conflicts = len(sync_conflicts.conflicts(s))
                sync_runs.finish(
                    s,
                    run_id,
                    clock.now(),
                    pushed=report.pushed,
                    accepted=report.accepted,
                    duplicate=report.duplicate,
                    conflict=report.conflict,
                    rejected=len(report.rejected),
                    photos_sent=report.photos_sent,
                    bytes_sent=report.bytes_sent,
                    pulled=report.pulled,
                    error=report.error,
                )
    return report


def _fetch(
    ctx: AppContext, client: SyncClient, report: SyncReport, progress: Progress | None
) -> None:
    """What the server has for the device, once the push is done: the pull here, and
    beside it the campaigns and the tasks (neither reads what the other two write; the
    tasks' report of done work needs only the push). Each keeps its own part of the
    report; the first error in that order is the one raised, after all three ended."""
    with ThreadPoolExecutor(1, thread_name_prefix="fetch") as side:
        beside = side.submit(_campaigns_and_tasks, ctx, client, report)
        try:
            sync_pull.pull(ctx, client, report, progress)
        finally:
            problem = beside.exception()  # waits: nothing runs on once sync returns
    if problem is not None:
        raise problem


def _campaigns_and_tasks(ctx: AppContext, client: SyncClient, report: SyncReport) -> None:
    report.campaigns = campaigns.refresh(ctx, client)
    _tasks(ctx, client, report)


def _tasks(ctx: AppContext, client: SyncClient, report: SyncReport) -> None:
    pulled = tasks.sync_tasks(ctx, client)
    if pulled is not None:
        report.tasks = pulled.tasks
        report.tasks_reported = pulled.reported
        report.task_photos_missing = pulled.photos_missing


BESIDE_EVERY = 0.1  # seconds between looks for photo records whose originals went up
PROBE_TIMEOUT = 2.0  # seconds: with no network a sync says so at once, not after retries


def probe(server_url: str, *, transport: httpx.BaseTransport | None = None) -> None:
    """One quick look at /v1/health; ServerUnreachable when there is no answer."""
    try:
        verify = tls.for_url(server_url)
        with httpx.Client(timeout=PROBE_TIMEOUT, transport=transport, verify=verify) as http:
            resp = http.get(server_url.rstrip("/") + "/v1/health")
    except httpx.HTTPError as exc:
        raise ServerUnreachable(f"{server_url}: no answer ({type(exc).__name__})") from exc
    if resp.status_code >= 500:
        raise ServerUnreachable(f"{server_url}: the server answered {resp.status_code}")


def _send(
    ctx: AppContext,
    client: SyncClient,
    report: SyncReport,
    progress: Progress | None,
    batch_size: int,
) -> None:
    """Photos and records at once: while the originals upload, a second thread pushes the
    records that name none (their server time and the uploads' fsyncs overlap), and
    then, until the uploads end, each photo record whose original they confirmed; the
    last photo records follow once the uploads are done."""
    plan = plan_photos(ctx, client, report)  # before the records: the uploads start at once
    pusher = Pusher(ctx, client, report, progress, batch_size)
    uploaded = threading.Event()

    def beside() -> None:  # then, while photos still upload, the photo records confirmed
        pusher.push(without_originals=True)
        while not uploaded.wait(BESIDE_EVERY):
            pusher.push(without_originals=True)

    with ThreadPoolExecutor(1) as side:
        records = side.submit(beside)
        try:
            send_photos(ctx, client, report, progress, plan)
        finally:
            uploaded.set()
            problem = records.exception()  # waits: nothing runs on once sync returns
        if problem is not None:
            raise problem
    pusher.push()
