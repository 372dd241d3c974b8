# SPDX-License-Identifier: Apache-2.0
"""The server's attestations of people's keys, stored and put on the pull feed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Connection

from fieldcheck.server.tables import CHANGE as C
from fieldcheck.server.tables import RECORD as R
from fieldcheck.server.tables import SERVER_DEVICE
from fieldcheck.server.tables import VERSION as V
from fieldcheck.signing import attestation
from fieldcheck.sync.protocol import canonical_json, content_sha256

ATTESTATION = "key_attestation"  # the feed entity carrying the server's attestations


def publish(
    conn: Connection, att: attestation.KeyAttestation, jurisdiction: str, now: datetime
) -> None:
    """Store an attestation as a record of its own and put it on the pull feed."""
    content = att.content()
    sha = content_sha256(content)
    conn.execute(
        V.insert().values(
            entity=ATTESTATION,
            entity_id=att.key_id,
            sha256=sha,
            base_sha256=None,
            content_json=canonical_json(content),
            state="accepted",
            device_id=SERVER_DEVICE,
            received_at=now,
        )
    )
    conn.execute(
        R.insert().values(
            entity=ATTESTATION,
            entity_id=att.key_id,
            head_sha256=sha,
            jurisdiction=jurisdiction,
            finding_id=None,
            major=False,
            blob_sha256=None,
            supersedes=None,
            updated_at=now,
        )
    )
    conn.execute(
        C.insert().values(
            entity=ATTESTATION,
            entity_id=att.key_id,
            sha256=sha,
            jurisdiction=jurisdiction,
            finding_id=None,
            device_id=SERVER_DEVICE,
        )
    )
