# SPDX-License-Identifier: Apache-2.0
"""A push's batch id: seen before, it gets the receipts it got the first time.

A batch id that comes back with other content is refused (409): a device sends new
changes in a new batch. The receipts are kept as they were answered, codes included.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from pydantic import TypeAdapter
from sqlalchemy import select
from sqlalchemy.engine import Connection

from fieldcheck.server.auth import Device
from fieldcheck.server.tables import BATCH as B
from fieldcheck.sync.protocol import PushRequest, PushResponse, Receipt

RECEIPTS = TypeAdapter(list[Receipt])  # a batch's receipts as stored, in one pass


class BatchMismatch(Exception):
    """A batch id came back with different content (409)."""


def digest(request: PushRequest) -> str:
    """What names a request's content: each change's sha256 is checked against its
    content at ingest, so one line per change names it without serialising it again."""
    return hashlib.sha256(
        "\n".join(
            f"{c.entity.value}|{c.entity_id}|{c.sha256}|{c.base_sha256}" for c in request.changes
        ).encode()
    ).hexdigest()


def replayed(
    conn: Connection, device: Device, request: PushRequest, sha: str
) -> PushResponse | None:
    """The answer this batch id got before, or None the first time it comes."""
    prior = conn.execute(
        select(B.c.request_sha256, B.c.receipts_json).where(
            B.c.device_id == device.id, B.c.batch_id == request.batch_id
        )
    ).first()
    if prior is None:
        return None
    if prior.request_sha256 != sha:
        raise BatchMismatch(
            f"batch {request.batch_id} was already received with other content; "
            "send new changes in a new batch"
        )
    receipts = [Receipt.model_validate(r) for r in json.loads(prior.receipts_json)]
    return PushResponse(batch_id=request.batch_id, receipts=receipts)


def remember(
    conn: Connection,
    device: Device,
    request: PushRequest,
    sha: str,
    receipts: list[Receipt],
    now: datetime,
) -> None:
    """Keep this batch's receipts for when its id comes again."""
    conn.execute(
        B.insert().values(
            device_id=device.id,
            batch_id=request.batch_id,
            request_sha256=sha,
            receipts_json=RECEIPTS.dump_json(receipts).decode("utf-8"),
            received_at=now,
        )
    )
