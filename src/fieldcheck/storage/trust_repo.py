# SPDX-License-Identifier: Apache-2.0
"""What verify needs to judge keys: the pinned server key, attestations, own private halves."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from fieldcheck.storage.sync_tables import KeyAttestationRow, SyncAccountRow
from fieldcheck.storage.tables import PersonKeyRow, PersonRow


def pinned_server_key(s: Session) -> str:
    """The server key this device pinned at login ('' when it never logged in)."""
    row = s.get(SyncAccountRow, 1)
    return row.server_key_b64 if row is not None else ""


def attestations(s: Session) -> dict[str, dict[str, Any]]:
    """Every attestation this device received (its signed fields), by key id."""
    return {row.key_id: row.model_dump() for row in s.exec(select(KeyAttestationRow))}


def own_keys(s: Session) -> set[str]:
    """Keys made on this device (their sealed private half is here)."""
    q = sa_select(col(PersonKeyRow.id)).where(col(PersonKeyRow.encrypted_private).is_not(None))
    return {str(r[0]) for r in s.execute(q).all()}


def person_roles(s: Session) -> dict[str, str]:
    return {
        str(r[0]): str(r[1]) for r in s.execute(sa_select(col(PersonRow.id), col(PersonRow.role)))
    }
