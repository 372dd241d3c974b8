# SPDX-License-Identifier: Apache-2.0
"""Anchor this device's audit chain at the server at every sync, and check the anchor.

The server answers with a receipt signed by its key (signing/anchor.py), kept here.
`verify --all` checks that the receipt verifies under the pinned server key and that
the anchored entry still has the anchored hash: a chain recomputed after an edit, or
cut back and given a new head, fails although every link in it is consistent.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from fieldcheck.services.context import AppContext
from fieldcheck.signing import anchor
from fieldcheck.signing.anchor import AuditAnchor
from fieldcheck.signing.errors import SigningError
from fieldcheck.storage import audit, device_repo, sync_repo, trust_repo
from fieldcheck.storage.db import Session
from fieldcheck.sync.client import SyncClient, SyncError
from fieldcheck.sync.protocol import AnchorRequest

ANCHOR_KEY = "audit_anchor"  # device.* meta: the server's last signed receipt, as JSON


def anchor_head(ctx: AppContext, client: SyncClient) -> AuditAnchor | None:
    """Send the chain's newest entry; keep the server's receipt once it verifies."""
    with ctx.db.read() as s:
        top = audit.head(s)
        pinned = trust_repo.pinned_server_key(s)
    if top is None:
        return None
    answer = client.anchor(AnchorRequest(seq=top[0], hash=top[1]))
    got = AuditAnchor.from_content(answer.model_dump())
    problem = anchor.problem(got, pinned) if pinned else None
    if problem is None and (got.seq, got.hash) != top:
        problem = "the server's audit anchor names another entry than the one sent"
    if problem is not None:
        raise SyncError(problem)
    with ctx.db.transaction() as s:
        device_repo.put(s, ANCHOR_KEY, json.dumps(asdict(got)))
    return got


def anchor_problem(s: Session) -> str | None:
    """Why the audit chain no longer holds what the server anchored (None when it does)."""
    text = device_repo.get(s, ANCHOR_KEY)
    if not text:
        if sync_repo.any_receipt(s):
            return (
                "this device has synced, but the server's anchor of its audit log is missing "
                "here (deleted?); a sync anchors it again"
            )
        return None
    try:
        got = AuditAnchor.from_content(json.loads(text))
    except (ValueError, SigningError) as exc:
        return f"the server's audit anchor kept here is unreadable ({exc})"
    pinned = trust_repo.pinned_server_key(s)
    problem = anchor.problem(got, pinned)
    if problem is not None:
        return problem
    now = audit.hash_at(s, got.seq)
    if now is None:
        return (
            f"audit entry {got.seq}, anchored at the server on {got.anchored_at}, is gone: "
            "the log was cut back"
        )
    if now != got.hash:
        return (
            f"audit entry {got.seq} no longer has the hash the server anchored on "
            f"{got.anchored_at}: the chain was recomputed after an edit"
        )
    return None
