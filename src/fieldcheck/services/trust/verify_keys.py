# SPDX-License-Identifier: Apache-2.0
"""verify --all's judgement of keys: the server attested them, in the role they sign in.

A key another device made is trusted only with the server's attestation under the key
this device pinned at login: its owner, public half, role and validity must be what
the server signed. A key made here and not yet synced has no attestation yet; it is
counted as waiting, and its signatures must still claim the signer's own role. A key
the county revoked from a time (a stolen laptop) keeps its earlier signatures; one
made at or after that time fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from fieldcheck.core.signature import Signature
from fieldcheck.signing import attestation
from fieldcheck.signing.attestation import KeyAttestation
from fieldcheck.storage.key_repo import KeyRecord


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass
class KeyTrust:
    """Attestations and the pinned server key, and what was found while checking."""

    pinned: str
    attestations: dict[str, KeyAttestation]
    own: set[str]
    roles: dict[str, str]
    waiting: set[str] = field(default_factory=set)  # own keys not yet attested
    _judged: dict[str, str | None] = field(default_factory=dict)

    def key_problem(self, key: KeyRecord) -> str | None:
        """Why a key is not trusted here (None when it is, or is this device's own)."""
        if key.id not in self._judged:
            self._judged[key.id] = self._judge(key)
        return self._judged[key.id]

    def _judge(self, key: KeyRecord) -> str | None:
        att = self.attestations.get(key.id)
        if att is None:
            if key.id in self.own:
                self.waiting.add(key.id)
                return None
            return (
                f"key {key.id} came from another device without the server's attestation "
                "(it may be forged)"
            )
        if not self.pinned:
            return f"key {key.id} is attested, but this device never pinned a server key"
        problem = attestation.problem(att, self.pinned)
        if problem is not None:
            return f"key {key.id}: {problem}"
        if (att.person_id, att.public_key_b64) != (key.person_id, key.public_key_b64):
            return f"key {key.id} differs from what the server attested (replaced by hand?)"
        return None

    def signature_problem(self, sig: Signature, key: KeyRecord) -> str | None:
        """Role and validity of one signature against its key's attestation."""
        problem = self.key_problem(key)
        if problem is not None:
            return problem
        att = self.attestations.get(key.id)
        if att is None:  # this device's own key, not yet attested
            role = self.roles.get(sig.signer_id)
            if role != sig.role:
                return f"signed as {sig.role}, but the signer is a {role}"
            return None
        if sig.role != att.role:
            return f"signed as {sig.role}, but the server attested key {key.id} for a {att.role}"
        start, end = _time(att.valid_from), _time(att.valid_until)
        at = _aware(sig.signed_at)
        if start is not None and at < start:
            return "signed before the key's attested validity began"
        if end is not None and at >= end:
            return "signed after the key's attested validity ended"
        revoked = _time(att.revoked_from)
        if revoked is not None and at >= revoked:
            return (
                f"signed after the county revoked key {key.id} from {att.revoked_from} "
                "(its device was reported lost or stolen)"
            )
        return None
