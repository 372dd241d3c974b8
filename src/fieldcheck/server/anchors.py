# SPDX-License-Identifier: Apache-2.0
"""Audit anchors: the server keeps each device's audit chain head and signs a receipt.

A device whose chain was recomputed or cut back sends an entry number it already
anchored with another hash, or a lower number than before: both are refused (409), and
the device's own `verify --all` finds the same with the receipt it holds.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server.auth import Device
from fieldcheck.server.tables import ANCHOR
from fieldcheck.signing import anchor
from fieldcheck.signing.canonical import utc_text
from fieldcheck.sync.protocol import AnchorReceipt, AnchorRequest


class AnchorMismatch(FieldcheckError):
    """The device's audit chain no longer holds what it anchored before."""


def _when(value: datetime) -> str:
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat(timespec="seconds")


def take(
    conn: Connection, device: Device, body: AnchorRequest, key: Ed25519PrivateKey
) -> AnchorReceipt:
    """Keep the head (once per entry number) and sign a receipt for it."""
    mine = ANCHOR.c.device_id == device.id
    same = conn.execute(select(ANCHOR).where(mine, ANCHOR.c.seq == body.seq)).first()
    if same is not None and same.hash != body.hash:
        raise AnchorMismatch(
            f"audit entry {body.seq} of {device.name} was anchored on {_when(same.anchored_at)} "
            "with another hash: this device's audit log was rewritten"
        )
    last = conn.execute(select(func.max(ANCHOR.c.seq)).where(mine)).scalar()
    if same is None and last is not None and body.seq < last:
        raise AnchorMismatch(
            f"the audit log of {device.name} went back from entry {last} to {body.seq}: it "
            "was cut back, or this is an older copy of its data"
        )
    at = same.anchored_at if same is not None else clock.now()
    if same is None:
        conn.execute(
            ANCHOR.insert().values(
                device_id=device.id, seq=body.seq, hash=body.hash, anchored_at=at
            )
        )
    signed = anchor.make(
        key,
        device_id=device.id,
        seq=body.seq,
        hash=body.hash,
        anchored_at=utc_text(at if at.tzinfo else at.replace(tzinfo=UTC)),
    )
    return AnchorReceipt.model_validate(signed.__dict__)
