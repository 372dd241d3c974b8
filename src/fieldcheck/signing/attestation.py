# SPDX-License-Identifier: Apache-2.0
"""The server's word on who holds which key, in which role: a key attestation.

A device cannot know by itself that a public key "of the expert" really is the
expert's: any device can make a key pair and push it under the expert's person id.
The sync server is the authority. When a device registers a key, the server checks
that the device was enrolled (by the county) for that person's role, and signs an
attestation with its own Ed25519 key. Devices pin the server's public key when they
log in and accept a pulled key only with an attestation that verifies under it.

The signed message is a fixed prefix and canonical JSON of the attested facts, so an
attestation cannot be re-used for another key, person, role or validity period.

When a laptop is stolen the county revokes the keys of the people enrolled on it from
a given time (``fieldcheck-server revoke DEVICE --keys-from TIME``): the server signs
the attestation again with ``revoked_from`` among its facts, and it travels as a new
version of the same record. Signatures made before that time stay valid; later ones
are refused at ingest and fail ``verify --all`` on every device that pulled it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldcheck.signing import keys as keymod
from fieldcheck.signing import signatures
from fieldcheck.signing.canonical import canonical_bytes, utc_text
from fieldcheck.signing.errors import SigningError

ATTESTATION_PREFIX = b"fieldcheck-key-attestation-v1\n"
FIELDS = (
    "key_id",
    "person_id",
    "public_key_b64",
    "role",
    "jurisdiction",
    "valid_from",
    "valid_until",
    "replaces",
    "device_id",
    "attested_at",
    "server_key_b64",
)


@dataclass(frozen=True)
class KeyAttestation:
    """The server's signed statement that key_id is person_id's key in role."""

    key_id: str
    person_id: str
    public_key_b64: str
    role: str
    jurisdiction: str
    valid_from: str  # UTC text (canonical.utc_text)
    valid_until: str | None
    replaces: str | None  # the key this one rotates out (an explicit, attested rotation)
    device_id: str  # the enrolled device that registered it
    attested_at: str
    server_key_b64: str
    signature_b64: str = ""
    revoked_from: str | None = None  # UTC text: the county revoked the key from then on

    def message(self) -> bytes:
        """What the server's key signs (revoked_from only once there is one, so the
        attestations signed before revocation existed verify as they were signed)."""
        facts = {name: getattr(self, name) for name in FIELDS}
        if self.revoked_from is not None:
            facts["revoked_from"] = self.revoked_from
        return ATTESTATION_PREFIX + canonical_bytes(facts)

    def content(self) -> dict[str, Any]:
        """The record as it travels (its id is the key's id: one attestation per key;
        revoked_from only once the key is revoked)."""
        out = {"id": self.key_id, **asdict(self)}
        if out["revoked_from"] is None:
            del out["revoked_from"]
        return out

    @classmethod
    def from_content(cls, content: dict[str, Any]) -> KeyAttestation:
        """Parse a travelled attestation; SigningError when a field is missing or mistyped."""
        values: dict[str, Any] = {}
        for name in (*FIELDS, "signature_b64", "revoked_from"):
            value = content.get(name)
            optional = name in ("valid_until", "replaces", "revoked_from")
            if value is None and optional:
                values[name] = None
            elif not isinstance(value, str) or len(value) > 400:
                raise SigningError(f"key attestation: field {name} is missing or malformed")
            else:
                values[name] = value
        return cls(**values)


def make(
    server_key: Ed25519PrivateKey,
    *,
    key_id: str,
    person_id: str,
    public_key_b64: str,
    role: str,
    jurisdiction: str,
    valid_from: datetime,
    valid_until: datetime | None,
    replaces: str | None,
    device_id: str,
    attested_at: datetime,
) -> KeyAttestation:
    """Sign the facts with the server's key."""
    keymod.decode_public(public_key_b64)  # refuse a malformed key before vouching for it
    unsigned = KeyAttestation(
        key_id=key_id,
        person_id=person_id,
        public_key_b64=public_key_b64,
        role=role,
        jurisdiction=jurisdiction,
        valid_from=utc_text(valid_from),
        valid_until=utc_text(valid_until) if valid_until is not None else None,
        replaces=replaces,
        device_id=device_id,
        attested_at=utc_text(attested_at),
        server_key_b64=keymod.public_b64(server_key),
    )
    sig = signatures.sign(server_key, unsigned.message())
    return KeyAttestation(**{**asdict(unsigned), "signature_b64": sig})


def revoke(
    server_key: Ed25519PrivateKey, att: KeyAttestation, revoked_from: datetime, now: datetime
) -> KeyAttestation:
    """The attestation signed again, the key revoked from revoked_from on; att itself
    when it is already revoked from that time or earlier (revoking never un-revokes)."""
    when = utc_text(revoked_from)
    if att.revoked_from is not None and att.revoked_from <= when:
        return att
    unsigned = replace(att, revoked_from=when, attested_at=utc_text(now), signature_b64="")
    return replace(unsigned, signature_b64=signatures.sign(server_key, unsigned.message()))


def problem(att: KeyAttestation, pinned_server_key_b64: str) -> str | None:
    """Why this attestation is not the pinned server's word (None when it is)."""
    if att.server_key_b64 != pinned_server_key_b64:
        return (
            f"attested by server key {_short(att.server_key_b64)}, not by this device's "
            f"server ({_short(pinned_server_key_b64)})"
        )
    try:
        good = signatures.verify(pinned_server_key_b64, att.message(), att.signature_b64)
    except SigningError:
        good = False
    if not good:
        return "the server's attestation of this key does not verify (forged or altered)"
    return None


def _short(key_b64: str) -> str:
    try:
        return keymod.fingerprint(key_b64)
    except SigningError:
        return repr(key_b64[:12])
