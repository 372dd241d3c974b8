# SPDX-License-Identifier: Apache-2.0
"""What the server holds, record by record and photo by photo, and settling conflicts."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import Any, Literal

import httpx

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError, FieldcheckError
from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import AppContext
from fieldcheck.services.journal import record_change
from fieldcheck.services.sync import pull_checks
from fieldcheck.storage import audit, quarantine, refused, sync_blobs, sync_conflicts, sync_repo
from fieldcheck.storage.db import Session
from fieldcheck.storage.sync_apply import Decode, apply_record
from fieldcheck.sync.client import SyncClient
from fieldcheck.sync.protocol import MAX_HELD_QUERY, HeldQuery, RecordRef, content_sha256

Key = tuple[str, str]
REFUSED = "refused by the server"  # a record's state while the server's refusal stands


def _ask(
    ctx: AppContext, keys: list[Key], shas: list[str], transport: httpx.BaseTransport | None
) -> tuple[dict[Key, str | None], dict[str, Any]]:
    with ctx.db.read() as s:
        acc = sync_repo.account(s)
    if acc is None:
        raise FieldcheckError("this device is not logged in to a server")
    held: dict[Key, str | None] = {}
    blobs: dict[str, Any] = {}
    with SyncClient(acc.server_url, acc.token, transport=transport) as client:
        for i in range(0, max(len(keys), len(shas)), MAX_HELD_QUERY):
            refs = [RecordRef(entity=e, entity_id=x) for e, x in keys[i : i + MAX_HELD_QUERY]]
            answer = client.held(HeldQuery(records=refs, blobs=shas[i : i + MAX_HELD_QUERY]))
            held.update({(r.entity.value, r.entity_id): r.sha256 for r in answer.records})
            blobs.update({b.sha256: b for b in answer.blobs})
    return held, blobs


def sync_status(
    ctx: AppContext, *, online: bool = True, transport: httpx.BaseTransport | None = None
) -> dict[str, Any]:
    """Per record and per photo: does the server hold this device's version?"""
    with ctx.db.read() as s:
        acc = sync_repo.account(s)
        local = sync_repo.local_versions(s)
        known = sync_repo.known_on_server(s)
        open_conflicts = sync_conflicts.conflicts(s)
        shas = sync_blobs.photo_shas(s)
        confirmed = {sha for sha in shas if sync_blobs.blob_confirmed(s, sha)}
    mine: dict[Key, tuple[str, bool]] = {}
    for k, (text, pending) in local.items():
        # Once settled, the device holds what the last receipt or pull said.
        sha = content_sha256(json.loads(text)) if pending or k not in known else known[k]
        mine[k] = (sha, pending)
    for k, sha in known.items():
        mine.setdefault(k, (sha, False))
    keys = sorted(mine)
    asked = online and acc is not None
    held, blobs = _ask(ctx, keys, shas, transport) if asked else ({}, {})
    conflicted = {(c.entity, c.entity_id) for c in open_conflicts}
    refusals = {  # the server kept nothing of these: not a conflict of two versions
        (c.entity, c.entity_id): str(json.loads(c.local_json).get(quarantine.CODE) or "")
        for c in open_conflicts
        if c.source == refused.SOURCE
    }
    records = []
    for k in keys:
        sha, pending = mine[k]
        if k in refusals:
            state = REFUSED
        elif k in conflicted:
            state = "conflict (both versions kept)"
        elif asked:
            server = held.get(k)
            state = (
                "on server"
                if server == sha
                else "not on server"
                if server is None
                else "server holds another version"
            )
        else:
            state = (
                "waiting for a receipt"
                if pending
                else "on server (receipt)"
                if known.get(k) == sha
                else "server holds another version"
            )
        records.append({"entity": k[0], "id": k[1], "sha256": sha, "state": state})
        if k in refusals:
            records[-1]["refused_code"] = refusals[k]
    photos = []
    for sha in shas:
        if asked:
            b = blobs[sha]
            state = (
                "on server (hash checked)"
                if b.complete
                else f"partly uploaded ({b.received} bytes)"
                if b.received
                else "not on server"
            )
        else:
            state = "on server (receipt)" if sha in confirmed else "not confirmed yet"
        photos.append({"sha256": sha, "state": state})
    return {
        "server": acc.server_url if acc else None,
        "online": asked,
        "records_by_state": dict(Counter(r["state"] for r in records)),
        "photos_by_state": dict(Counter(p["state"] for p in photos)),
        "records": records,
        "photos": photos,
        "conflicts": [_conflict_json(c) for c in open_conflicts],
    }


def _conflict_json(c: sync_conflicts.Conflict) -> dict[str, Any]:
    return {
        "id": c.id,
        "entity": c.entity,
        "entity_id": c.entity_id,
        "source": c.source,
        "detected_at": c.detected_at.isoformat(),
        "local_sha256": c.local_sha256,
        "server_sha256": c.server_sha256,
        "local": json.loads(c.local_json),
        "server": json.loads(c.server_json),
    }


def conflicts(ctx: AppContext) -> list[dict[str, Any]]:
    """Open conflicts with both sides, for a person to compare."""
    with ctx.db.read() as s:
        return [_conflict_json(c) for c in sync_conflicts.conflicts(s)]


def resolve_conflict(
    ctx: AppContext, conflict_id: str, keep: Literal["local", "server"], *, actor_id: str
) -> None:
    """Settle a conflict; the other side stays in the conflict record and on the server.

    Either way the choice is audited under actor_id; keeping this device's version also
    queues it again, through the same ``record_change`` as any local write.
    """
    with ctx.db.transaction() as s:
        row = sync_conflicts.get_open_conflict(s, conflict_id)
        now = clock.now()
        if row.source == quarantine.SOURCE:
            read = pull_checks.reader(s, BlobStore(ctx.home.photos), now)
            _settle_quarantined(s, row, keep, now, actor_id, read)
            return
        if row.source == refused.SOURCE:
            _send_again(s, row, keep, now, actor_id)
            return
        if keep == "server":
            server = json.loads(row.server_json)
            read = pull_checks.reader(s, BlobStore(ctx.home.photos), now)
            apply_record(s, read(row.entity, server), now)
            sync_conflicts.settle_pending(
                s, row.entity, row.entity_id, "resolved: server version kept", now
            )
            audit.append(
                s,
                actor_id=actor_id,
                action="sync.conflict.keep_server",
                entity=row.entity,
                entity_id=row.entity_id,
                payload=server,
            )
        else:
            # Made from the server's version now, so the server takes it as current.
            record_change(
                s,
                actor_id=actor_id,
                action="sync.conflict.keep_local",
                entity=row.entity,
                record=json.loads(row.local_json),
            )
        sync_repo.set_server_sha(s, row.entity, row.entity_id, row.server_sha256, now)
        sync_conflicts.settle_conflict(s, row.id, keep, now)


def _settle_quarantined(
    s: Session,
    row: sync_conflicts.Conflict,
    keep: Literal["local", "server"],
    now: datetime,
    actor_id: str,
    read: Decode,
) -> None:
    """Keep-local sets a pulled record aside for good; keep-server tries it once more,
    through the same checks as the pull (pull_checks)."""
    if keep == "server":
        try:
            with s.begin_nested():
                apply_record(s, read(row.entity, json.loads(row.server_json)), now)
        except Exception as exc:
            raise DomainError(
                f"{row.entity} {row.entity_id} still cannot be applied here: {exc}"
            ) from None
    sync_repo.set_server_sha(s, row.entity, row.entity_id, row.server_sha256, now)
    sync_conflicts.settle_conflict(s, row.id, "applied" if keep == "server" else "set aside", now)
    audit.append(
        s,
        actor_id=actor_id,
        action=f"sync.quarantine.{'apply' if keep == 'server' else 'set_aside'}",
        entity=row.entity,
        entity_id=row.entity_id,
        payload={"server_sha256": row.server_sha256},
    )


def _send_again(
    s: Session,
    row: sync_conflicts.Conflict,
    keep: Literal["local", "server"],
    now: datetime,
    actor_id: str,
) -> None:
    """Keep-local on a record the server refused sends it again at the next sync (with
    what was refused because of it): for when its cause is gone. The server kept nothing
    of it, so there is no server version to take."""
    if keep == "server":
        raise DomainError(
            f"{row.entity} {row.entity_id}: the server refused it and holds no version of "
            "it; send it again, or leave it set aside"
        )
    again = refused.send_again(s, row.id, now)
    audit.append(
        s,
        actor_id=actor_id,
        action="sync.refused.send_again",
        entity=row.entity,
        entity_id=row.entity_id,
        payload={
            "code": json.loads(row.local_json).get(quarantine.CODE),
            "with": [f"{e} {i}" for e, i in again[1:]],
        },
    )
