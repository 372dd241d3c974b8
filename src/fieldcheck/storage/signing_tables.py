# SPDX-License-Identifier: Apache-2.0
"""Tables of the major-hazard sign-off that the initial schema does not have."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class SiteAckRow(SQLModel, table=True):
    """The site's responsible person signed by hand (签字) or refused (拒签, with a witness).

    The inspector's Ed25519 signature (``signature_id``) covers this record, including
    the SHA-256 of the handwritten-signature image.
    """

    __tablename__ = "site_ack"
    id: str = Field(primary_key=True)
    finding_id: str = Field(foreign_key="finding.id", index=True)
    outcome: str  # signed / refused
    site_rep_name: str
    site_rep_id: str | None = None
    handwriting_sha256: str | None = Field(default=None, foreign_key="blob.sha256")
    witness_name: str = ""
    witness_id: str | None = None
    reason: str = ""
    recorded_by: str
    recorded_at: datetime
    signature_id: str = Field(foreign_key="signature.id", unique=True)
