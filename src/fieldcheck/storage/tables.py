# SPDX-License-Identifier: Apache-2.0
"""SQLModel tables of the device's store. Only storage/ knows these exist.

Every table has a text UUIDv7 id made on the device. Times are stored as aware
UTC ISO text by SQLAlchemy's DateTime on SQLite; dates as ISO dates.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, LargeBinary, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from fieldcheck.core.loop import OPEN_STATUSES, Status

# Literal SQL (not bound parameters) so SQLite can match the partial indexes below.
OPEN_SQL = "status IN ({})".format(", ".join(f"'{s.value}'" for s in Status if s in OPEN_STATUSES))


class Meta(SQLModel, table=True):
    """Device-wide key/value facts: device id and code, numbering prefix."""

    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: str


class SiteRow(SQLModel, table=True):
    """被检查单位."""

    __tablename__ = "site"
    id: str = Field(primary_key=True)
    name: str = Field(index=True)
    uscc: str | None = Field(default=None, index=True)
    address: str
    industry: str = ""
    kind_of_place: str = ""
    jurisdiction: str = Field(index=True)
    legal_rep: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    risk_level: str = "low"
    merged_into: str | None = Field(default=None, index=True)  # the site it was merged into
    created_at: datetime
    updated_at: datetime


class PersonRow(SQLModel, table=True):
    """An inspector, expert, supervisor or site representative."""

    __tablename__ = "person"
    id: str = Field(primary_key=True)
    name: str
    role: str = Field(index=True)
    unit: str = ""
    certificate_no: str = ""
    jurisdiction: str = ""
    phone: str = ""
    created_at: datetime


class ChecklistSnapshotRow(SQLModel, table=True):
    """The exact checklist content an inspection used, kept forever."""

    __tablename__ = "checklist_snapshot"
    sha256: str = Field(primary_key=True)
    checklist_id: str = Field(index=True)
    version: str
    content_json: str
    stored_at: datetime


class InspectionRow(SQLModel, table=True):
    """One visit to one site."""

    __tablename__ = "inspection"
    id: str = Field(primary_key=True)
    site_id: str = Field(foreign_key="site.id", index=True)
    kind: str
    started_at: datetime = Field(index=True)
    finished_at: datetime | None = None
    location: str = ""
    summary: str = ""
    unfinished_reason: str = ""  # 结束为未完成: why the walk was abandoned
    inspector_ids_json: str  # JSON list of person ids
    checklists_json: str = "[]"  # JSON list of {checklist_id, version, sha256}
    created_by: str
    created_at: datetime


class ItemResultRow(SQLModel, table=True):
    """The outcome of one checklist item during one inspection."""

    __tablename__ = "item_result"
    __table_args__ = (UniqueConstraint("inspection_id", "checklist_id", "item_id"),)
    id: str = Field(primary_key=True)
    inspection_id: str = Field(foreign_key="inspection.id", index=True)
    checklist_id: str
    item_id: str
    outcome: str
    note: str = ""
    recorded_at: datetime


class FindingRow(SQLModel, table=True):
    """A hazard; observed facts freeze once a notice or signature covers them."""

    __tablename__ = "finding"
    __table_args__ = (
        Index("ix_finding_status_site", "status", "site_id"),
        Index("ix_finding_site_found", "site_id", "found_at"),
        # Dashboard counts read this small index, never the wide rows.
        Index(
            "ix_finding_current_status_level",
            "status",
            "level",
            sqlite_where=text("superseded_by IS NULL"),
        ),
        # The ledger's default page, newest first (walked backwards), never a full sort.
        Index(
            "ix_finding_current_found",
            "found_at",
            "id",
            sqlite_where=text("superseded_by IS NULL"),
        ),
        # The overdue list, most overdue first.
        Index(
            "ix_finding_open_deadline",
            "deadline",
            sqlite_where=text(f"superseded_by IS NULL AND {OPEN_SQL}"),
        ),
    )
    id: str = Field(primary_key=True)
    inspection_id: str = Field(foreign_key="inspection.id", index=True)
    site_id: str = Field(foreign_key="site.id")
    description: str
    place: str = ""
    checklist_id: str | None = None
    item_id: str | None = None
    criteria_id: str | None = None
    clause_ref: str | None = None
    legal_basis: str | None = None
    level: str = Field(default="general", index=True)
    major_status: str | None = None
    measures: str = ""
    deadline: date | None = None
    status: str = "found"
    found_at: datetime
    responsible: str = ""  # 五落实: 责任人
    funds: str = ""  # 五落实: 整改资金
    safety_plan: str = ""  # 五落实: 安全措施和应急预案
    found_by: str
    version: int = 1
    supersedes: str | None = None
    superseded_by: str | None = Field(default=None, index=True)
    frozen: bool = False
    updated_at: datetime


class FindingEventRow(SQLModel, table=True):
    """One step of a finding, with who and when; never updated or deleted."""

    __tablename__ = "finding_event"
    id: str = Field(primary_key=True)
    finding_id: str = Field(foreign_key="finding.id", index=True)
    action: str
    from_status: str | None = None
    to_status: str
    actor_id: str
    at: datetime
    note: str = ""
    deadline: date | None = None


class BlobRow(SQLModel, table=True):
    """A file in the content-addressed store, named by the SHA-256 of its bytes."""

    __tablename__ = "blob"
    sha256: str = Field(primary_key=True)
    bytes: int
    mime: str
    stored_at: datetime


class PhotoRow(SQLModel, table=True):
    """A photo linked to a finding; the same blob may be linked many times."""

    __tablename__ = "photo"
    id: str = Field(primary_key=True)
    finding_id: str = Field(foreign_key="finding.id", index=True)
    sha256: str = Field(foreign_key="blob.sha256", index=True)
    kind: str = "evidence"
    width: int
    height: int
    taken_at: datetime | None = None
    taken_offset: str | None = None
    gps_lat: float | None = None
    gps_lon: float | None = None
    make: str = ""
    model: str = ""
    imported_at: datetime
    device_clock: datetime
    original_name: str = ""
    imported_by: str = ""


class NoticeRow(SQLModel, table=True):
    """An issued document; voided ones keep their number."""

    __tablename__ = "notice"
    id: str = Field(primary_key=True)
    kind: str
    number: str = Field(unique=True)
    inspection_id: str = Field(foreign_key="inspection.id", index=True)
    site_id: str = Field(foreign_key="site.id", index=True)
    issued_by: str
    issued_at: datetime
    finding_ids_json: str = "[]"
    refers_to: str | None = None
    voided: bool = False
    void_reason: str = ""
    voided_at: datetime | None = None
    payload_json: str = "{}"  # the frozen data the document was rendered from


class IssuedPdfRow(SQLModel, table=True):
    """The signed PDF of a notice as issued (or as voided), kept under documents/, hash frozen.

    The first signed rendering of a notice in a state is what was issued; later prints
    hand out these bytes again, never a new rendering."""

    __tablename__ = "issued_pdf"
    notice_id: str = Field(foreign_key="notice.id", primary_key=True)
    variant: str = Field(primary_key=True)  # issued / voided
    file_name: str  # under documents/
    sha256: str
    bytes: int
    pages: int
    content_sha256: str  # the digest of the document data it was rendered from
    stored_at: datetime


class NumberSequenceRow(SQLModel, table=True):
    """The next document sequence number per kind and year on this device."""

    __tablename__ = "number_sequence"
    kind: str = Field(primary_key=True)
    year: int = Field(primary_key=True)
    next_value: int = 1


class PersonKeyRow(SQLModel, table=True):
    """A person's Ed25519 key; the private half is encrypted with their passphrase."""

    __tablename__ = "person_key"
    id: str = Field(primary_key=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    public_key_b64: str
    encrypted_private: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None


class SignatureRow(SQLModel, table=True):
    """An Ed25519 signature over a canonical serialisation of its subject."""

    __tablename__ = "signature"
    id: str = Field(primary_key=True)
    subject_kind: str
    subject_id: str = Field(index=True)
    signer_id: str
    key_id: str
    role: str
    purpose: str
    comment: str = ""
    content_version: int = 1
    content_sha256: str
    signature_b64: str
    signed_at: datetime


class AuditRow(SQLModel, table=True):
    """One link of the hash-chained, append-only audit log."""

    __tablename__ = "audit_event"
    seq: int = Field(primary_key=True)
    at: datetime
    actor_id: str
    action: str
    entity: str
    entity_id: str
    payload_json: str
    prev_hash: str
    hash: str = Field(unique=True)


class OutboxRow(SQLModel, table=True):
    """A change waiting for the server's receipt; nothing is synced until one says so."""

    __tablename__ = "outbox"
    seq: int | None = Field(default=None, primary_key=True)
    entity: str
    entity_id: str = Field(index=True)
    payload_json: str
    created_at: datetime
    receipt: str | None = None  # accepted / duplicate / conflict
    receipt_at: datetime | None = Field(default=None, index=True)
