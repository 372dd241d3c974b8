# SPDX-License-Identifier: Apache-2.0
"""The server as the root of trust for people's keys.

The server holds its own Ed25519 key (``DATA/server_key``, made on first start, mode
0600). Devices pin its public half at login. At ingest:

- a person's key is accepted only from a device the county enrolled for that person's
  role, is never replaced (its public key, owner and validity are fixed once attested),
  and a new key of a person whose key another device registered is refused; the server
  then signs an attestation that travels to every device like any other record;
- a signature is accepted only when it verifies under an attested key of the signer,
  in the role the key was attested for, inside the key's validity.

A record that fails these checks is refused with a receipt saying why (its code
``key_refused`` or ``signature_refused``), and so is every record of its batch that hangs
from it (a signature made with a refused key): the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.server.approvals import approved
from fieldcheck.server.attestations import ATTESTATION, publish, utc_time
from fieldcheck.server.auth import Device
from fieldcheck.server.heads import current_content, current_contents
from fieldcheck.server.ingest import apply_push
from fieldcheck.server.logs import log
from fieldcheck.server.push_checks import check_all
from fieldcheck.server.references import References
from fieldcheck.server.scope import Parsed, Refusal
from fieldcheck.signing import attestation, signatures
from fieldcheck.signing.canonical import Statement
from fieldcheck.signing.errors import SigningError
from fieldcheck.sync.protocol import (
    Change,
    Entity,
    PushRequest,
    PushResponse,
    ReceiptStatus,
)
from fieldcheck.sync.refusals import KEY_REFUSED, SIGNATURE_REFUSED, WAITING

CLOCK_SLACK = timedelta(days=1)  # a key "valid from" further ahead means a wrong device clock


@dataclass
class KeyGuard:
    """The trust checks of one batch, in apply order (a key before its signatures)."""

    conn: Connection
    device: Device
    server_key: Ed25519PrivateKey
    now: datetime
    made: list[tuple[attestation.KeyAttestation, str]] = field(default_factory=list)
    _people: dict[str, dict[str, Any]] = field(default_factory=dict)
    _keys: dict[str, dict[str, Any]] = field(default_factory=dict)
    _atts: dict[str, attestation.KeyAttestation | None] = field(default_factory=dict)

    def see(self, change: Change) -> str | None:
        """Check one change; the reason it is refused, or None."""
        if change.entity is Entity.PERSON:
            self._people[change.entity_id] = change.content
        elif change.entity is Entity.PERSON_KEY:
            problem = self._key(change.entity_id, change.content)
            if problem is None:
                self._keys[change.entity_id] = change.content
            return problem
        elif change.entity is Entity.SIGNATURE:
            return self._signature(change.content)
        return None

    def person(self, person_id: str) -> dict[str, Any] | None:
        if person_id not in self._people:
            found = current_content(self.conn, Entity.PERSON.value, person_id)
            if found is None:
                return None
            self._people[person_id] = found
        return self._people[person_id]

    def attested(self, key_id: str) -> attestation.KeyAttestation | None:
        if key_id not in self._atts:
            found = current_content(self.conn, ATTESTATION, key_id)
            self._atts[key_id] = (
                None if found is None else attestation.KeyAttestation.from_content(found)
            )
        return self._atts[key_id]

    def _key_content(self, key_id: str) -> dict[str, Any] | None:
        return self._keys.get(key_id) or current_content(self.conn, Entity.PERSON_KEY.value, key_id)

    def _key(self, key_id: str, content: dict[str, Any]) -> str | None:
        person_id = str(content.get("person_id", ""))
        prior = self.attested(key_id)
        if prior is not None:
            return self._key_again(prior, content)
        person = self.person(person_id)
        if person is None:
            return None  # refused later as "its person is not on the server yet"
        role = str(person.get("role", ""))
        public = str(content.get("public_key_b64", ""))
        if role != self.device.role.value and not approved(self.conn, public, role):
            return (
                f"key {key_id}: {person.get('name', person_id)} is a {role}; a "
                f"{self.device.role.value} device may register keys only for a "
                f"{self.device.role.value} (the county enrols each person's own device, or "
                "approves this key: `fieldcheck-server approve-key FINGERPRINT --role "
                f"{role}`)"
            )
        valid_from = utc_time(content.get("created_at"))
        valid_until = utc_time(content.get("expires_at"))
        assert valid_from is not None  # PersonKeyRecord requires it
        if valid_from > self.now + CLOCK_SLACK:
            return (
                f"key {key_id} claims to be valid from {valid_from:%Y-%m-%d %H:%M} UTC, "
                "ahead of the server's clock: set the device's clock and enrol the key again"
            )
        replaces = None
        for other in self._person_keys(person_id):
            if other.key_id == key_id:
                continue
            other_key = self._key_content(other.key_id) or {}
            live = other_key.get("revoked_at") is None and other.revoked_from is None
            if other.device_id != self.device.id and live:
                return (
                    f"key {key_id}: {person.get('name', person_id)} already holds key "
                    f"{other.key_id}, registered by another device; a key is never replaced "
                    "silently: revoke it on that device (or ask the county) first"
                )
            replaces = other.key_id
        att = attestation.make(
            self.server_key,
            key_id=key_id,
            person_id=person_id,
            public_key_b64=str(content.get("public_key_b64", "")),
            role=role,
            jurisdiction=str(person.get("jurisdiction") or self.device.jurisdiction),
            valid_from=valid_from,
            valid_until=valid_until,
            replaces=replaces,
            device_id=self.device.id,
            attested_at=self.now,
        )
        self._atts[key_id] = att
        self.made.append((att, att.jurisdiction))
        return None

    def _key_again(self, prior: attestation.KeyAttestation, content: dict[str, Any]) -> str | None:
        """A new version of an attested key: only its revocation, only from its own device."""
        created = utc_time(content.get("created_at"))
        expires = utc_time(content.get("expires_at"))
        fixed = (
            content.get("public_key_b64") == prior.public_key_b64
            and content.get("person_id") == prior.person_id
            and created is not None
            and utc_time(prior.valid_from) == created
            and utc_time(prior.valid_until) == expires
        )
        if not fixed:
            return (
                f"key {prior.key_id} is attested with another public key, owner or validity; "
                "a key is never replaced: enrol a new key instead"
            )
        if content.get("revoked_at") is not None and prior.device_id != self.device.id:
            return f"key {prior.key_id} may be revoked only on the device that registered it"
        return None

    def _person_keys(self, person_id: str) -> list[attestation.KeyAttestation]:
        rows = current_contents(self.conn, ATTESTATION)  # a revoked key's newest word
        found = [attestation.KeyAttestation.from_content(r) for r in rows]
        found += [a for a, _ in self.made]
        return [a for a in found if a.person_id == person_id]

    def _signature(self, content: dict[str, Any]) -> str | None:
        sig_id = content.get("id")
        key_id = str(content.get("key_id", ""))
        att = self.attested(key_id)
        if att is None:
            return f"signature {sig_id}: key {key_id} has no attestation from this server"
        if content.get("signer_id") != att.person_id:
            return f"signature {sig_id}: key {key_id} belongs to {att.person_id}, not its signer"
        if content.get("role") != att.role:
            return (
                f"signature {sig_id}: claims the role {content.get('role')!r}, but key "
                f"{key_id} is attested for a {att.role}"
            )
        try:
            signed_at = utc_time(content.get("signed_at"))
            assert signed_at is not None
            statement = Statement(
                subject_kind=str(content["subject_kind"]),
                subject_id=str(content["subject_id"]),
                purpose=str(content["purpose"]),
                signer_id=str(content["signer_id"]),
                role=str(content["role"]),
                key_id=key_id,
                comment=str(content.get("comment", "")),
                signed_at=signed_at,
                content_version=int(content.get("content_version", 1)),
                content_sha256=str(content["content_sha256"]),
            )
        except (KeyError, ValueError, TypeError, AssertionError):
            return f"signature {sig_id}: a field of the signed statement is missing or malformed"
        valid_from = utc_time(att.valid_from)
        valid_until = utc_time(att.valid_until)
        assert valid_from is not None
        if signed_at < valid_from:
            return f"signature {sig_id}: made before key {key_id} became valid"
        if valid_until is not None and signed_at >= valid_until:
            return f"signature {sig_id}: made after key {key_id} expired"
        revoked = utc_time((self._key_content(key_id) or {}).get("revoked_at"))
        if revoked is not None and signed_at >= revoked:
            return f"signature {sig_id}: made after key {key_id} was revoked"
        county = utc_time(att.revoked_from)
        if county is not None and signed_at >= county:
            return (
                f"signature {sig_id}: made after the county revoked key {key_id} "
                f"(from {county:%Y-%m-%d %H:%M} UTC: its device was reported lost or stolen)"
            )
        try:
            good = signatures.verify(
                att.public_key_b64, statement.to_bytes(), str(content.get("signature_b64", ""))
            )
        except SigningError:
            good = False
        if not good:
            return f"signature {sig_id}: does not verify under {att.person_id}'s attested key"
        return None


def apply_trusted(
    conn: Connection,
    device: Device,
    request: PushRequest,
    in_store: Callable[[str], int | None] | None,
    server_key: Ed25519PrivateKey,
) -> PushResponse:
    """apply_push behind the key, signature and reference checks: a record that fails one
    is refused with its code, and so is what hangs from it; attestations join the feed."""
    # Every record against its strict wire model first: no trust or reference check reads
    # a field of a record its model refused.
    checked = check_all(device, request)
    guard = KeyGuard(conn, device, server_key, clock.now())
    refs = References(conn)
    refs.prefetch(
        [ch for ch, p in zip(request.changes, checked[0], strict=True) if isinstance(p, Parsed)]
    )

    def vet(change: Change) -> Refusal | None:
        problem = guard.see(change)
        if problem is not None:
            code = KEY_REFUSED if change.entity is Entity.PERSON_KEY else SIGNATURE_REFUSED
            return Refusal(code, problem)
        return refs.see(change)

    answer = apply_push(conn, device, request, in_store, checked, vet)
    refused = sum(r.code not in (None, *WAITING) for r in answer.receipts)
    if refused:
        log("push_refused", device=device.id, records=len(request.changes), refused=refused)
    accepted = {
        r.entity_id
        for r in answer.receipts
        if r.entity is Entity.PERSON_KEY and r.status is ReceiptStatus.ACCEPTED
    }
    for att, jurisdiction in guard.made:
        if att.key_id in accepted:
            publish(conn, att, jurisdiction, guard.now)
    return answer
