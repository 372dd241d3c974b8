# SPDX-License-Identifier: Apache-2.0
"""The server's own tables, on their own metadata so they never mix with the device's."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Table, Text, inspect
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel


def table_of(model: type[SQLModel]) -> Table:
    """The Core table a SQLModel class is mapped to, typed as one (``Model.__table__`` is
    untyped), for Core queries on the server's and the console's tables."""
    table = inspect(model).local_table
    if not isinstance(table, Table):  # a table=True model always maps one table
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


class ServerTable(SQLModel, registry=registry()):
    """Base of the server tables; ``ServerTable.metadata`` is what Alembic migrates."""


class DeviceRow(ServerTable, table=True):
    """One enrolled person on one device; only the token's hash is stored."""

    __tablename__ = "device"
    id: str = Field(primary_key=True)
    name: str
    role: str
    jurisdiction: str = Field(index=True)
    token_sha256: str = Field(unique=True)
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None


class HomeRow(ServerTable, table=True):
    """The one data directory a device credential is used from: its current check-in token.

    The device offers a fresh token at every check-in and the server keeps its hash; a
    copy or a backup of the directory still holds an older one and is told apart."""

    __tablename__ = "device_home"
    device_id: str = Field(primary_key=True)
    home_sha256: str
    bound_at: datetime
    seen_at: datetime


class AnchorRow(ServerTable, table=True):
    """A device's audit chain head as sent at a sync: the server signs a receipt for it."""

    __tablename__ = "audit_anchor"
    device_id: str = Field(primary_key=True)
    seq: int = Field(primary_key=True)
    hash: str
    anchored_at: datetime


class RecordRow(ServerTable, table=True):
    """The current version of one record and where it belongs."""

    __tablename__ = "record"
    entity: str = Field(primary_key=True)
    entity_id: str = Field(primary_key=True)
    head_sha256: str
    jurisdiction: str = Field(index=True)
    finding_id: str | None = Field(default=None, index=True)  # the finding it belongs to
    major: bool = False  # findings only: a (suspected) major hazard, shown to experts
    blob_sha256: str | None = Field(default=None, index=True)  # photos: their original
    supersedes: str | None = None  # findings: the earlier version this one corrects
    updated_at: datetime


class VersionRow(ServerTable, table=True):
    """Every version ever received: accepted ones and those kept as conflicts."""

    __tablename__ = "record_version"
    entity: str = Field(primary_key=True)
    entity_id: str = Field(primary_key=True)
    sha256: str = Field(primary_key=True)
    base_sha256: str | None = None
    content_json: str = Field(sa_type=Text)
    state: str  # accepted / conflict
    device_id: str
    received_at: datetime


class ChangeRow(ServerTable, table=True):
    """The pull feed: each accepted version once, in the order it became current."""

    __tablename__ = "change"
    __table_args__ = (Index("ix_change_scope", "jurisdiction", "seq"),)
    seq: int | None = Field(default=None, primary_key=True)
    entity: str
    entity_id: str
    sha256: str
    jurisdiction: str
    finding_id: str | None = Field(default=None, index=True)
    device_id: str


class BatchRow(ServerTable, table=True):
    """A push already applied, with its receipts, so a re-sent batch gets the same answer."""

    __tablename__ = "push_batch"
    device_id: str = Field(primary_key=True)
    batch_id: str = Field(primary_key=True)
    request_sha256: str
    receipts_json: str = Field(sa_type=Text)
    received_at: datetime


class BlobRow(ServerTable, table=True):
    """A photo original in the content-addressed store, hash checked."""

    __tablename__ = "blob"
    sha256: str = Field(primary_key=True)
    bytes: int
    device_id: str
    stored_at: datetime


class DeviceRateRow(ServerTable, table=True):
    """A device's request token bucket (server/limits.py), shared by every server process."""

    __tablename__ = "device_rate"
    device_id: str = Field(primary_key=True)
    tokens: float
    counted_at: float  # Unix seconds when tokens was last brought up to date


class PartialUploadRow(ServerTable, table=True):
    """A photo upload a device began and has not finished, and its bytes so far."""

    __tablename__ = "partial_upload"
    device_id: str = Field(primary_key=True)
    sha256: str = Field(primary_key=True)
    received: int
    touched_at: float  # Unix seconds of its last range


# Core handles on the same tables, typed, for the queries in auth, ingest and feed.
DEVICE: Table = ServerTable.metadata.tables["device"]
ANCHOR: Table = ServerTable.metadata.tables["audit_anchor"]
HOME: Table = ServerTable.metadata.tables["device_home"]
RECORD: Table = ServerTable.metadata.tables["record"]
VERSION: Table = ServerTable.metadata.tables["record_version"]
CHANGE: Table = ServerTable.metadata.tables["change"]
BATCH: Table = ServerTable.metadata.tables["push_batch"]
BLOB: Table = ServerTable.metadata.tables["blob"]
DEVICE_RATE: Table = ServerTable.metadata.tables["device_rate"]
PARTIAL_UPLOAD: Table = ServerTable.metadata.tables["partial_upload"]
SERVER_DEVICE = "server"  # device_id of what the server itself writes into the feed
