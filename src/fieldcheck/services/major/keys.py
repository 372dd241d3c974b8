# SPDX-License-Identifier: Apache-2.0
"""People's signing keys: enroll, unlock, change the passphrase, revoke.

Stable API for other services (the PDF signer uses it)::

    key = unlock_key(ctx, person_id, passphrase)   # Ed25519PrivateKey, or a clear error
    info = current_key(ctx, person_id)             # KeyInfo: id, public_key_b64, fingerprint

The private key never leaves this device and is never written unencrypted; only the
public half goes into the sync outbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.core.models import Person
from fieldcheck.core.terms import Role
from fieldcheck.services.context import AppContext
from fieldcheck.services.journal import record_change
from fieldcheck.signing import keys as keymod
from fieldcheck.signing.errors import KeyStateError, SigningError, WrongPassphraseError
from fieldcheck.storage import audit, key_repo, site_repo
from fieldcheck.storage.db import Session
from fieldcheck.storage.key_repo import KeyRecord, SealedKey

DEFAULT_VALID_DAYS = 3 * 365
# Site representatives sign by hand on screen; the inspector's key covers that image.
KEY_ROLES = frozenset({Role.GRID, Role.ENFORCEMENT, Role.EXPERT, Role.SUPERVISOR})


@dataclass(frozen=True)
class KeyInfo:
    """The public facts of one key."""

    id: str
    person_id: str
    public_key_b64: str
    fingerprint: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None

    def state(self, at: datetime) -> str:
        """active, expired or revoked at the given time."""
        if self.revoked_at is not None and self.revoked_at <= at:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= at:
            return "expired"
        return "active"


@dataclass(frozen=True)
class Unlocked:
    """An opened private key together with the record it belongs to."""

    key_id: str
    person_id: str
    private: Ed25519PrivateKey
    public_key_b64: str


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too weak to protect a key (before anything is stored)."""
    keymod.check_passphrase(passphrase)


def _info(rec: SealedKey | KeyRecord) -> KeyInfo:
    return KeyInfo(
        id=rec.id,
        person_id=rec.person_id,
        public_key_b64=rec.public_key_b64,
        fingerprint=keymod.fingerprint(rec.public_key_b64),
        created_at=clock_aware(rec.created_at),
        expires_at=clock_aware(rec.expires_at) if rec.expires_at else None,
        revoked_at=clock_aware(rec.revoked_at) if rec.revoked_at else None,
    )


def clock_aware(value: datetime) -> datetime:
    """Times read back from SQLite are UTC; make sure they carry the zone."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _public_payload(row: SealedKey) -> dict[str, object]:
    return {
        "id": row.id,
        "person_id": row.person_id,
        "public_key_b64": row.public_key_b64,
        "created_at": row.created_at.isoformat(),
        "expires_at": row.expires_at.isoformat() if row.expires_at else None,
        "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
    }


def _person(s: Session, person_id: str) -> Person:
    return site_repo.get_person(s, person_id)


def usable_key_in(s: Session, person_id: str, at: datetime) -> SealedKey:
    """The person's current key if it may sign at time at; KeyStateError otherwise."""
    person = _person(s, person_id)
    row = key_repo.current_key(s, person_id)
    if row is None:
        revoked = key_repo.keys_of(s, person_id)
        why = "their key was revoked" if revoked else "no key was enrolled"
        raise KeyStateError(
            f"{person.name} ({person_id}) cannot sign: {why}; enroll a key with "
            f"`fieldcheck person key enroll {person_id}`"
        )
    info = _info(row)
    if info.created_at > at:
        raise KeyStateError(
            f"{person.name} ({person_id}) cannot sign: key {row.id} is valid only from "
            f"{info.created_at:%Y-%m-%d %H:%M} UTC and this device's clock says "
            f"{at:%Y-%m-%d %H:%M} UTC; set the clock right, nothing was signed"
        )
    if info.state(at) == "expired":
        raise KeyStateError(
            f"{person.name} ({person_id}) cannot sign: key {row.id} expired on "
            f"{info.expires_at:%Y-%m-%d}; enroll a new key"
        )
    return row


def enroll_key(
    ctx: AppContext,
    person_id: str,
    passphrase: str,
    *,
    actor_id: str | None = None,
    valid_days: int = DEFAULT_VALID_DAYS,
) -> KeyInfo:
    """Create a person's Ed25519 key pair; the private half is sealed with passphrase."""
    keymod.check_passphrase(passphrase)
    if valid_days < 1:
        raise SigningError(f"a key must be valid for at least one day (got {valid_days})")
    with ctx.db.read() as s:
        person = _person(s, person_id)
        if person.role not in KEY_ROLES:
            raise SigningError(
                f"{person.name} is a {person.role}; site representatives sign by hand, "
                "not with a key"
            )
        existing = key_repo.current_key(s, person_id)
        existing_id = existing.id if existing is not None else None
        name = person.name
        if existing is not None and _info(existing).state(clock.now()) == "active":
            raise SigningError(
                f"{person.name} already has key {existing.id} "
                f"({keymod.fingerprint(existing.public_key_b64)}); "
                "revoke it before enrolling another"
            )
    key_id = new_id()
    private = keymod.generate()
    sealed = keymod.seal(private, passphrase, key_id=key_id)  # slow (scrypt): outside the lock
    now = clock.now()
    row = SealedKey(
        id=key_id,
        person_id=person_id,
        public_key_b64=keymod.public_b64(private),
        encrypted_private=sealed,
        created_at=now,
        expires_at=now + timedelta(days=valid_days),
        revoked_at=None,
    )
    with ctx.db.transaction() as s:
        again = key_repo.current_key(s, person_id)
        if again is not None and again.id != existing_id:
            raise SigningError(f"{name} enrolled another key meanwhile; nothing was changed")
        key_repo.add_key(s, row)
        payload = _public_payload(row)
        record_change(
            s,
            actor_id=actor_id or person_id,
            action="key.enroll",
            entity="person_key",
            record=payload,
        )
    return _info(row)


def unlock(ctx: AppContext, person_id: str, passphrase: str) -> Unlocked:
    """Open the person's current key; clear errors for no key, expired, or wrong passphrase."""
    with ctx.db.read() as s:
        row = usable_key_in(s, person_id, clock.now())
        name = _person(s, person_id).name
        key_id, sealed, public = row.id, row.encrypted_private, row.public_key_b64
    if sealed is None:
        raise KeyStateError(f"{name}: key {key_id} has no private half on this device")
    try:
        private = keymod.unseal(sealed, passphrase, key_id=key_id)
    except WrongPassphraseError:
        raise WrongPassphraseError(
            f"wrong passphrase for {name}'s key ({keymod.fingerprint(public)}); "
            "nothing was signed or changed"
        ) from None
    if keymod.public_b64(private) != public:
        raise SigningError(f"{name}: key {key_id} does not match its public key; it was altered")
    return Unlocked(key_id, person_id, private, public)


def opened(
    ctx: AppContext, person_id: str, passphrase: str | None, unlocked: Unlocked | None
) -> Unlocked:
    """An already opened key of person_id, or theirs opened now with passphrase."""
    if unlocked is not None:
        if unlocked.person_id != person_id:
            raise SigningError(f"the opened key belongs to {unlocked.person_id}, not {person_id}")
        return unlocked
    if passphrase is None:
        raise SigningError(f"{person_id}: a passphrase is needed to sign")
    return unlock(ctx, person_id, passphrase)


def unlock_key(ctx: AppContext, person_id: str, passphrase: str) -> Ed25519PrivateKey:
    """The person's private key, opened with their passphrase (for signing PDFs too)."""
    return unlock(ctx, person_id, passphrase).private


def change_passphrase(ctx: AppContext, person_id: str, old: str, new: str) -> KeyInfo:
    """Re-seal the current private key under a new passphrase; the key itself stays."""
    keymod.check_passphrase(new)
    opened = unlock(ctx, person_id, old)
    sealed = keymod.seal(opened.private, new, key_id=opened.key_id)
    with ctx.db.transaction() as s:
        if key_repo.get_key(s, opened.key_id).revoked_at is not None:
            raise KeyStateError(f"key {opened.key_id} was revoked meanwhile; nothing was changed")
        row = key_repo.reseal_key(s, opened.key_id, sealed)
        audit.append(
            s,
            actor_id=person_id,
            action="key.passphrase",
            entity="person_key",
            entity_id=row.id,
            payload={"person_id": person_id},
        )
    return _info(row)


def revoke_key(ctx: AppContext, person_id: str, *, actor_id: str, reason: str) -> KeyInfo:
    """Stop a person's current key from signing (lost, compromised, left the job)."""
    if not reason.strip():
        raise SigningError("revoking a key needs a reason")
    with ctx.db.transaction() as s:
        person = _person(s, person_id)
        row = key_repo.current_key(s, person_id)
        if row is None:
            raise KeyStateError(f"{person.name} ({person_id}) has no key to revoke")
        row = key_repo.revoke_key(s, row.id, clock.now())
        payload = {**_public_payload(row), "reason": reason}
        record_change(
            s, actor_id=actor_id, action="key.revoke", entity="person_key", record=payload
        )
    return _info(row)


def current_key(ctx: AppContext, person_id: str) -> KeyInfo | None:
    """The person's newest unrevoked key (check .state for expiry), or None."""
    with ctx.db.read() as s:
        _person(s, person_id)
        row = key_repo.current_key(s, person_id)
        return None if row is None else _info(row)


def list_keys(ctx: AppContext, person_id: str) -> list[KeyInfo]:
    """Every key the person ever had, newest first."""
    with ctx.db.read() as s:
        _person(s, person_id)
        return [_info(r) for r in key_repo.keys_of(s, person_id)]
