# SPDX-License-Identifier: Apache-2.0
"""The push-side shapes of the kinds whose content the server reads at ingest.

Photos and signatures allow extra descriptive fields here; the other kinds are read
with their domain models (server/scope.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fieldcheck.sync.protocol import MAX_BLOB_BYTES, RecordId, Sha256, Wire


class PersonKeyRecord(Wire):
    """A person's public key as it travels; the encrypted private half never leaves the device."""

    id: RecordId
    person_id: str
    public_key_b64: str = Field(min_length=1, max_length=200)
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    reason: str = Field(default="", max_length=2000)  # why it was revoked


class PhotoRecord(BaseModel):
    """A photo row as the device sends it; extra descriptive columns are kept as sent."""

    model_config = ConfigDict(extra="allow")
    id: RecordId
    finding_id: str
    sha256: Sha256
    bytes: int = Field(ge=1, le=MAX_BLOB_BYTES)
    mime: str = Field(min_length=1, max_length=100)
    kind: str = Field(default="evidence", max_length=40)


class SiteAckRecord(BaseModel):
    """The site's handwritten signature or refusal that a co-sign signature covers."""

    model_config = ConfigDict(extra="allow")
    id: RecordId
    finding_id: str
    outcome: Literal["signed", "refused"]
    handwriting_sha256: Sha256 | None = None  # the image travels as a blob, like a photo


class SignatureRecord(BaseModel):
    """A signature as the device sends it: what it covers, who signed, the proof."""

    model_config = ConfigDict(extra="allow")
    id: RecordId
    subject_kind: str = Field(min_length=1, max_length=40)
    subject_id: str = Field(min_length=1, max_length=80)
    signer_id: str
    content_sha256: Sha256
    signature_b64: str = Field(min_length=1, max_length=400)
    signed_at: datetime
    # A co-sign carries the record it covers: one travels with the other or neither.
    site_ack: SiteAckRecord | None = None
