# SPDX-License-Identifier: Apache-2.0
"""分级销号 approvals: the canonical form the console signs and the check a device makes.

The console signs an approval with an account key; the server key certifies that key
(account, role, jurisdiction). A device accepts the approval only when the certificate
is signed by the server key it pinned at login, the approval by the certified key, and
the approval's level and area are the certificate's own.
"""

from __future__ import annotations

import json
from typing import Any

from fieldcheck.core.canonical import canonical_bytes
from fieldcheck.signing import signatures


def canonical(value: dict[str, Any]) -> bytes:
    """The bytes that are signed: the one canonical JSON (core/canonical.py) as UTF-8."""
    return canonical_bytes(value)


def verify_approval(
    payload: str, signature_b64: str, certificate: str, pinned: str
) -> dict[str, Any] | None:
    """The approval's statement when it holds up against the pinned server key; else None."""
    try:
        cert = json.loads(certificate)
        body = {k: v for k, v in cert.items() if k != "signature_b64"}
        stated = json.loads(payload)
    except (ValueError, AttributeError):
        return None
    if not isinstance(stated, dict) or not pinned or cert.get("server_key_b64") != pinned:
        return None
    if not signatures.verify(pinned, canonical(body), str(cert.get("signature_b64", ""))):
        return None
    if not signatures.verify(str(cert.get("public_key_b64", "")), payload.encode(), signature_b64):
        return None
    if (
        stated.get("key_id") != cert.get("key_id")
        or stated.get("role") != cert.get("role")
        or stated.get("level") != cert.get("role")
        or stated.get("level_code") != cert.get("jurisdiction")
        or stated.get("purpose") != "close_approval"
    ):
        return None
    return dict(stated)
