# SPDX-License-Identifier: Apache-2.0
"""The device's sync bookkeeping: account, what the server holds, conflicts, runs."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel


class SyncAccountRow(SQLModel, table=True):
    """The one server this device syncs with, its credential and pull cursor."""

    __tablename__ = "sync_account"
    id: int = Field(default=1, primary_key=True)  # there is only ever row 1
    server_url: str
    token: str  # the enrollment credential; never printed or logged
    device_id: str
    name: str
    role: str
    jurisdiction: str
    cursor: int = 0
    logged_in_at: datetime
    # The server's public key, pinned at the first login: attestations must verify under it.
    server_key_b64: str = ""


class KeyAttestationRow(SQLModel, table=True):
    """The server's signed word that a key is a person's, in a role, for a period."""

    __tablename__ = "key_attestation"
    key_id: str = Field(primary_key=True)
    person_id: str = Field(index=True)
    public_key_b64: str
    role: str
    jurisdiction: str
    valid_from: str  # UTC text exactly as signed
    valid_until: str | None = None
    replaces: str | None = None
    device_id: str
    attested_at: str
    server_key_b64: str
    signature_b64: str
    revoked_from: str | None = None  # UTC text as signed: the county revoked the key then


class SyncRecordRow(SQLModel, table=True):
    """The version of a record the server holds as current, as its receipts and pulls said."""

    __tablename__ = "sync_record"
    entity: str = Field(primary_key=True)
    entity_id: str = Field(primary_key=True)
    server_sha256: str
    updated_at: datetime


class SyncBlobRow(SQLModel, table=True):
    """A photo original the server confirmed it holds whole, hash checked."""

    __tablename__ = "sync_blob"
    sha256: str = Field(primary_key=True)
    confirmed_at: datetime


class SyncConflictRow(SQLModel, table=True):
    """Two versions of one record; both are kept until a person chooses."""

    __tablename__ = "sync_conflict"
    id: str = Field(primary_key=True)
    entity: str = Field(index=True)
    entity_id: str = Field(index=True)
    local_sha256: str
    local_json: str
    server_sha256: str
    server_json: str
    detected_at: datetime
    source: str  # push (a receipt said so) / pull (the server's version met local changes)
    resolved_at: datetime | None = None
    resolution: str | None = None  # local / server


class SyncRunRow(SQLModel, table=True):
    """One sync attempt and what it achieved, kept as proof for the person."""

    __tablename__ = "sync_run"
    id: int | None = Field(default=None, primary_key=True)
    server_url: str
    started_at: datetime
    finished_at: datetime | None = None
    pushed: int = 0
    accepted: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: int = 0
    photos_sent: int = 0
    bytes_sent: int = 0
    pulled: int = 0
    error: str = ""


class CampaignRow(SQLModel, table=True):
    """A 专项行动 the server sent for this device's area (replaced at every sync)."""

    __tablename__ = "campaign"
    id: str = Field(primary_key=True)
    name: str
    jurisdiction: str  # the area that set it
    starts_on: date
    ends_on: date
    checklists_json: str = "[]"  # [{"id", "version", "title"}]
    industries_json: str = "[]"
    kinds_json: str = "[]"
    received_at: datetime


class CampaignSiteRow(SQLModel, table=True):
    """One site of a campaign's register inside this device's area."""

    __tablename__ = "campaign_site"
    campaign_id: str = Field(primary_key=True)
    site_id: str = Field(primary_key=True, index=True)


class DeviceTaskRow(SQLModel, table=True):
    """A task (交办) the server sent for this device (replaced at every sync)."""

    __tablename__ = "task"
    id: str = Field(primary_key=True)
    kind: str
    grid: str
    site_id: str = Field(default="", index=True)
    site_name: str = ""
    place: str = ""
    hazard_id: str = ""
    deadline: date
    note: str = ""
    source: str = "console"
    photos_json: str = "[]"
    assigned_by: str = ""
    assigned_at: datetime | None = None
    server_status: str = "open"
    done_inspection_id: str | None = None
    received_at: datetime


class EscalationRow(SQLModel, table=True):
    """督办 / 挂牌督办 in force in this device's area (replaced at every sync)."""

    __tablename__ = "escalation"
    id: str = Field(primary_key=True)
    target_kind: str
    target_id: str = Field(index=True)
    hazard_id: str = Field(default="", index=True)
    kind: str
    level: str
    level_code: str
    leader: str
    leader_post: str = ""
    created_at: datetime


class CloseApprovalRow(SQLModel, table=True):
    """A signed 销号 approval as received; kept, never replaced (it is proof)."""

    __tablename__ = "close_approval"
    id: str = Field(primary_key=True)
    hazard_id: str = Field(index=True)
    escalation_id: str
    payload: str
    signature_b64: str
    certificate: str
    received_at: datetime


class InspectionWorkRow(SQLModel, table=True):
    """What an inspection was opened for here: a task, a campaign (this device's own)."""

    __tablename__ = "inspection_work"
    inspection_id: str = Field(primary_key=True)
    task_id: str | None = Field(default=None, index=True)
    campaign_id: str | None = Field(default=None, index=True)
    opened_at: datetime
    reported_at: datetime | None = None
    report_status: str = ""
