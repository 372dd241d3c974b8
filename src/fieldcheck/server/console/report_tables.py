# SPDX-License-Identifier: Apache-2.0
"""The table of 随手拍: reports from the public, on the server metadata (one Alembic history)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Field

from fieldcheck.server.tables import ServerTable


class ReportRow(ServerTable, table=True):
    """One citizen's report of a hazard, and what the office did with it."""

    __tablename__ = "console_report"
    __table_args__ = (
        Index("ix_console_report_receipt", "receipt", unique=True),
        Index("ix_console_report_jur", "jurisdiction", "status", "created_at"),
        Index("ix_console_report_client", "client", "created_at"),
        Index("ix_console_report_phone", "phone", "created_at"),
    )
    id: str = Field(primary_key=True)
    receipt: str  # what the citizen types to follow it (random, unguessable)
    jurisdiction: str  # the township the citizen chose from the code table
    address: str
    lat: float | None = None  # the phone's location, when the citizen shared it
    lon: float | None = None
    description: str = Field(sa_type=Text)
    phone: str = ""  # for feedback; never shown back on a public page
    client: str  # the address it came from (rate limit), never shown
    photos_json: str = Field(default="[]", sa_type=Text)  # [{sha256, mime, size, gps}]
    status: str = "new"  # new / rejected / merged / assigned
    reason: str = Field(default="", sa_type=Text)  # why it was rejected
    hazard_id: str = ""  # merged into this hazard
    task_id: str = ""  # 转办: the task it became
    created_at: datetime
    handled_by: str = ""
    handled_at: datetime | None = None
