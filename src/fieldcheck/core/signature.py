# SPDX-License-Identifier: Apache-2.0
"""A stored Ed25519 signature: who signed what (by the SHA-256 of its canonical content),
with which key, as which role, for what.

A plain named tuple, not a pydantic model: ``verify --all`` reads every signature a
county holds (100,000 and more), and building these is several times cheaper. The
signing repository returns them and takes them; services never see a signature row.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple


class Signature(NamedTuple):
    """One stored signature over a subject (a finding, a notice, ...)."""

    id: str
    subject_kind: str
    subject_id: str
    signer_id: str
    key_id: str
    role: str
    purpose: str  # confirm, downgrade, co_sign, verify, site_sign, accept ...
    comment: str
    content_version: int
    content_sha256: str
    signature_b64: str
    signed_at: datetime
