# SPDX-License-Identifier: Apache-2.0
"""The server's signed receipt for a device's audit chain head: an audit anchor.

At every sync the device sends the newest entry of its audit chain (sequence number
and hash); the server keeps it and answers with a receipt signed by its own key, which
the device pinned at login. The chain is an unkeyed hash chain, so whoever can write
the database could recompute all of it; they cannot make the server's signature. A
recomputed or shortened chain no longer holds the anchored entry, and verify says so.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldcheck.signing import keys as keymod
from fieldcheck.signing import signatures
from fieldcheck.signing.canonical import canonical_bytes
from fieldcheck.signing.errors import SigningError

PREFIX = b"fieldcheck-audit-anchor-v1\n"


@dataclass(frozen=True)
class AuditAnchor:
    """The server's statement that device_id's audit entry seq had this hash at anchored_at."""

    device_id: str
    seq: int
    hash: str
    anchored_at: str  # UTC text
    server_key_b64: str
    signature_b64: str = ""

    def message(self) -> bytes:
        facts = {k: v for k, v in asdict(self).items() if k != "signature_b64"}
        return PREFIX + canonical_bytes(facts)

    @classmethod
    def from_content(cls, content: dict[str, Any]) -> AuditAnchor:
        try:
            return cls(**{k: content[k] for k in cls.__dataclass_fields__})
        except (KeyError, TypeError) as exc:
            raise SigningError(f"audit anchor: malformed ({exc})") from None


def make(
    key: Ed25519PrivateKey, *, device_id: str, seq: int, hash: str, anchored_at: str
) -> AuditAnchor:
    """Sign the anchor with the server's key."""
    unsigned = AuditAnchor(device_id, seq, hash, anchored_at, keymod.public_b64(key))
    return AuditAnchor(
        **{**asdict(unsigned), "signature_b64": signatures.sign(key, unsigned.message())}
    )


def problem(anchor: AuditAnchor, pinned_server_key_b64: str) -> str | None:
    """Why this is not the pinned server's receipt (None when it is)."""
    if anchor.server_key_b64 != pinned_server_key_b64:
        return "the audit anchor was not signed by this device's server"
    try:
        good = signatures.verify(pinned_server_key_b64, anchor.message(), anchor.signature_b64)
    except SigningError:
        good = False
    return None if good else "the server's audit anchor does not verify (forged or altered)"
