# SPDX-License-Identifier: Apache-2.0
"""Uploading the photo originals the server has not confirmed, several at a time.

Photos small enough for one range go several to a request (POST /v1/blobs, protocol
1.3): a request's own cost on the server (authentication, limits, the HTTP layers, a
database read) is paid once for all of them. A larger photo, one the server holds part
of, one a group could not store, and every photo for a server older than 1.3 go one by
one in resumable ranges as before (SyncClient.upload)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from fieldcheck.core import clock
from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import AppContext
from fieldcheck.services.sync.sync_pull import Progress
from fieldcheck.services.sync.sync_report import SyncReport
from fieldcheck.storage import sync_blobs
from fieldcheck.sync.client import CHUNK, SyncClient
from fieldcheck.sync.protocol import MAX_BLOBS_PER_REQUEST, MAX_HELD_QUERY, BlobState, HeldQuery

UPLOADERS = 4  # requests in flight at once (4 beat 8 and 2 in paired syncs, docs/scale.md)
GROUP_BYTES = 4 * 1024 * 1024  # at most this much in one many-photo request
GROUPS_PER_UPLOADER = 8  # a sync of few photos still spreads them over the uploaders

Outcome = tuple[str, bool | None]  # (sha, sent now) or (sha, None): missing on this device


def groups(todo: list[tuple[str, int]], known: dict[str, BlobState]) -> list[list[str]]:
    """The photos to upload (not confirmed, not already whole on the server) in request
    groups: the ones that fit in one range and of which the server holds nothing go
    together, up to a size that leaves every uploader a few groups; each other photo is
    a group of its own."""
    small = [(sha, size) for sha, size in todo if _fresh(known[sha]) and 0 < size <= CHUNK]
    total = sum(size for _, size in small)
    limit = min(GROUP_BYTES, max(CHUNK, total // (UPLOADERS * GROUPS_PER_UPLOADER)))
    out: list[list[str]] = []
    group: list[str] = []
    used = 0
    for sha, size in small:
        if group and (used + size > limit or len(group) >= MAX_BLOBS_PER_REQUEST):
            out.append(group)
            group, used = [], 0
        group.append(sha)
        used += size
    if group:
        out.append(group)
    grouped = {sha for g in out for sha in g}
    return out + [[sha] for sha, _ in todo if sha not in grouped and not known[sha].complete]


def _fresh(state: BlobState) -> bool:
    return not state.complete and state.received == 0


@dataclass
class PhotoPlan:
    """What the server said it holds of the originals to send, asked before any goes."""

    todo: list[tuple[str, int]]  # (sha256, size) of every original not yet confirmed
    known: dict[str, BlobState]  # the server's answer for each
    confirmed: list[str] = field(default_factory=list)  # whole there already: no upload


def plan_photos(ctx: AppContext, client: SyncClient, report: SyncReport) -> PhotoPlan:
    """Ask the server which of the unconfirmed originals it holds (one question for many).

    The sync asks before the records start going beside the photos, so that the first
    uploads do not wait behind a records batch at the server."""
    store = BlobStore(ctx.home.photos)
    with ctx.db.read() as s:
        todo = sync_blobs.blobs_to_send(s)
    plan = PhotoPlan(todo=todo, known={})
    shas = [sha for sha, _ in todo]
    for i in range(0, len(shas), MAX_HELD_QUERY):
        answer = client.held(HeldQuery(blobs=shas[i : i + MAX_HELD_QUERY]))
        plan.known.update({b.sha256: b for b in answer.blobs})
    for sha in shas:
        if not plan.known[sha].complete:
            continue
        if store.original(sha).is_file():  # the server has it: confirmed, nothing sent
            plan.confirmed.append(sha)
            report.photos_already_there += 1
        else:
            report.rejected.append(_missing(sha, store.original(sha)))
    return plan


def send_photos(
    ctx: AppContext,
    client: SyncClient,
    report: SyncReport,
    progress: Progress | None,
    plan: PhotoPlan,
) -> None:
    """Upload every original of plan (plan_photos) the server has not confirmed; confirm
    them in small groups."""
    store = BlobStore(ctx.home.photos)
    todo, known, confirmed = plan.todo, plan.known, plan.confirmed
    shas = [sha for sha, _ in todo]

    def one(group: list[str]) -> list[Outcome]:
        paths = {sha: store.original(sha) for sha in group}
        present = [sha for sha in group if paths[sha].is_file()]
        out: list[Outcome] = [(sha, None) for sha in group if sha not in present]
        answer = (
            client.upload_many([(sha, paths[sha].read_bytes()) for sha in present])
            if len(present) > 1
            else None
        )
        states = {b.sha256: b for b in answer.blobs} if answer is not None else {}
        for sha in present:
            state = states.get(sha) or known[sha]
            if not state.complete:  # alone, or not stored by the group: in ranges
                state = client.upload(sha, paths[sha], known=state)
            out.append((sha, state.complete))
        return out

    def commit() -> None:
        with ctx.db.transaction() as s:
            sync_blobs.confirm_blobs(s, confirmed, clock.now())
        confirmed.clear()

    done = len(shas) - sum(1 for sha in shas if not known[sha].complete)
    try:
        with ThreadPoolExecutor(UPLOADERS) as pool:
            futures = [pool.submit(one, group) for group in groups(todo, known)]
            for future in as_completed(futures):
                for sha, sent in future.result():
                    done += 1
                    if sent is None:
                        report.rejected.append(_missing(sha, store.original(sha)))
                        continue
                    report.photos_sent += sent
                    report.photos_already_there += not sent
                    confirmed.append(sha)
                if len(confirmed) >= 25:  # a receipt is kept in small groups, not per photo
                    commit()
                if progress is not None:
                    progress("photos", done, len(todo))
    finally:
        commit()


def _missing(sha: str, path: Path) -> dict[str, str]:
    return {"entity": "photo_original", "id": sha, "reason": f"{path} is missing on this device"}
