# SPDX-License-Identifier: Apache-2.0
"""Reads and writes of people's signing keys: the public half everyone holds, and the
private half sealed with a passphrase on the device that made it."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from fieldcheck.core.errors import NotFoundError
from fieldcheck.storage.records import aware, aware_or_none
from fieldcheck.storage.tables import PersonKeyRow


class KeyRecord(NamedTuple):
    """A public key and its validity."""

    id: str
    person_id: str
    public_key_b64: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


_KEY_COLS: list[Any] = [getattr(PersonKeyRow, f) for f in KeyRecord._fields]


def _key(row: Any) -> KeyRecord:
    return KeyRecord(
        row[0], row[1], row[2], aware(row[3]), aware_or_none(row[4]), aware_or_none(row[5])
    )


class SealedKey(NamedTuple):
    """A person's key as this device keeps it: the public half, and the private half
    sealed with their passphrase (None for a key enrolled on another device)."""

    id: str
    person_id: str
    public_key_b64: str
    encrypted_private: bytes | None
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


def _sealed(row: PersonKeyRow) -> SealedKey:
    return SealedKey._make(getattr(row, f) for f in SealedKey._fields)


def key_to_row(key: SealedKey, row: PersonKeyRow | None = None) -> PersonKeyRow:
    """The row of a key; an existing row keeps its private half when key has none here."""
    if row is None:
        return PersonKeyRow(**key._asdict())
    for name, value in key._asdict().items():
        if name != "encrypted_private" or value is not None:
            setattr(row, name, value)
    return row


def add_key(s: Session, key: SealedKey) -> None:
    s.add(key_to_row(key))


def _key_row(s: Session, key_id: str) -> PersonKeyRow:
    row = s.get(PersonKeyRow, key_id)
    if row is None:
        raise NotFoundError("key", key_id)
    return row


def get_key(s: Session, key_id: str) -> SealedKey:
    """The key, or NotFoundError."""
    return _sealed(_key_row(s, key_id))


def reseal_key(s: Session, key_id: str, sealed: bytes) -> SealedKey:
    """Keep the private half sealed anew (a new passphrase); the key itself stays."""
    row = _key_row(s, key_id)
    row.encrypted_private = sealed
    s.add(row)
    return _sealed(row)


def revoke_key(s: Session, key_id: str, at: datetime) -> SealedKey:
    """The key signs nothing from at on."""
    row = _key_row(s, key_id)
    row.revoked_at = at
    s.add(row)
    return _sealed(row)


def keys_of(s: Session, person_id: str) -> list[KeyRecord]:
    """A person's keys, newest first."""
    q = sa_select(*_KEY_COLS).where(col(PersonKeyRow.person_id) == person_id)
    rows = s.execute(q.order_by(col(PersonKeyRow.created_at).desc())).all()
    return [_key(r) for r in rows]


def current_key(s: Session, person_id: str) -> SealedKey | None:
    """The newest key of a person that was not revoked (it may have expired)."""
    q = select(PersonKeyRow).where(
        PersonKeyRow.person_id == person_id, col(PersonKeyRow.revoked_at).is_(None)
    )
    row = s.exec(q.order_by(col(PersonKeyRow.created_at).desc()).limit(1)).first()
    return None if row is None else _sealed(row)


def all_keys(s: Session) -> dict[str, KeyRecord]:
    return {r[0]: _key(r) for r in s.execute(sa_select(*_KEY_COLS)).all()}
