# SPDX-License-Identifier: Apache-2.0
"""The county's approval of one key signing on a shared device (``key approve``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Connection

from fieldcheck.server.tables import RECORD as R
from fieldcheck.server.tables import SERVER_DEVICE
from fieldcheck.server.tables import VERSION as V
from fieldcheck.signing import keys as keymod
from fieldcheck.signing.errors import SigningError
from fieldcheck.sync.protocol import canonical_json, content_sha256

APPROVAL = "key_approval"  # the county's word for one key signing on a shared device


def _fp(text: str) -> str:
    return "".join(text.split()).upper()


def approve(conn: Connection, fingerprint: str, role: str, now: datetime) -> None:
    """Let the key with this fingerprint be registered in role by any enrolled device of
    the area (for people who sign on someone else's laptop). Not on the pull feed."""
    fp = _fp(fingerprint)
    if len(fp) != 16 or any(c not in "0123456789ABCDEF" for c in fp):
        raise ValueError(f"{fingerprint!r} is not a key fingerprint (16 hex digits)")
    content = {"id": fp, "fingerprint": fp, "role": role, "approved_at": now.isoformat()}
    sha = content_sha256(content)
    key = (APPROVAL, f"{fp}:{role}")
    if conn.execute(
        select(R.c.entity_id).where(R.c.entity == key[0], R.c.entity_id == key[1])
    ).first():
        return
    conn.execute(
        V.insert().values(
            entity=key[0], entity_id=key[1], sha256=sha, base_sha256=None,
            content_json=canonical_json(content), state="accepted",
            device_id=SERVER_DEVICE, received_at=now,
        )
    )  # fmt: skip
    conn.execute(
        R.insert().values(
            entity=key[0], entity_id=key[1], head_sha256=sha, jurisdiction="",
            finding_id=None, major=False, blob_sha256=None, supersedes=None, updated_at=now,
        )
    )  # fmt: skip


def approved(conn: Connection, public_key_b64: str, role: str) -> bool:
    """Whether the county approved this key for role."""
    try:
        fp = _fp(keymod.fingerprint(public_key_b64))
    except SigningError:
        return False
    found = conn.execute(
        select(R.c.entity_id).where(R.c.entity == APPROVAL, R.c.entity_id == f"{fp}:{role}")
    ).first()
    return found is not None
