# SPDX-License-Identifier: Apache-2.0
"""The tables of 交办/督办 and 分级销号, on the server metadata (one Alembic history).

A task is work given to a grid (and optionally one enrolled person of it) with a
deadline; an escalation (督办 / 挂牌督办) puts an overdue task or an open hazard under a
level and a responsible leader; an approval is the signed 销号 consent of the level
that put a major hazard under 挂牌督办.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, Text
from sqlmodel import Field

from fieldcheck.server.tables import ServerTable


class TaskRow(ServerTable, table=True):
    """One piece of work down to the grid (交办)."""

    __tablename__ = "console_task"
    __table_args__ = (
        Index("ix_console_task_grid", "grid", "done_at"),
        Index("ix_console_task_jur", "jurisdiction", "deadline"),
        Index("ix_console_task_batch", "batch_id"),
    )
    id: str = Field(primary_key=True)
    kind: str  # inspect / recheck (复查) / revisit (回头看) / sweep (拉网式)
    jurisdiction: str  # the area of the account that set it (or of the grid, from a report)
    grid: str  # the assignee's area: a grid (or township) code
    assignee_device: str = ""  # one enrolled person (device id), or "" for anyone of the grid
    assignee_name: str = ""
    site_id: str
    site_name: str = ""
    place: str = ""  # where, when no registered site is named yet (a citizen's address)
    hazard_id: str = ""  # the hazard to 复查 / 回头看
    deadline: date
    note: str = Field(default="", sa_type=Text)
    source: str = "console"  # console / report (随手拍 转办)
    source_ref: str = ""  # e.g. the report's id
    photos_json: str = Field(default="[]", sa_type=Text)  # sha256 of photos the device gets
    batch_id: str = ""  # the 拉网式 sweep this task is one site of
    created_by: str
    created_at: datetime
    done_at: datetime | None = None
    done_inspection_id: str = ""
    done_device: str = ""


class EscalationRow(ServerTable, table=True):
    """督办 / 挂牌督办 of an overdue task or an open hazard, with its responsible leader."""

    __tablename__ = "console_escalation"
    __table_args__ = (
        Index("ix_console_escalation_target", "target_kind", "target_id"),
        Index("ix_console_escalation_jur", "jurisdiction", "created_at"),
    )
    id: str = Field(primary_key=True)
    target_kind: str  # task / hazard
    target_id: str
    hazard_id: str = ""  # the hazard concerned (the task's, for a task)
    kind: str  # supervise (督办) / listed (挂牌督办)
    level: str  # township / county / city
    level_code: str  # the jurisdiction code of that level (who approves its 销号)
    leader: str  # the responsible leader's name
    leader_post: str = ""  # 职务
    jurisdiction: str  # the target's area: scoping
    note: str = Field(default="", sa_type=Text)
    created_by: str
    created_at: datetime
    lifted_at: datetime | None = None


class ApprovalRow(ServerTable, table=True):
    """A level's signed consent to close (销号) one major hazard under its 挂牌督办."""

    __tablename__ = "console_close_approval"
    id: str = Field(primary_key=True)
    hazard_id: str = Field(index=True)
    escalation_id: str
    level: str
    level_code: str
    jurisdiction: str  # the hazard's area
    approver: str  # the console account
    approver_role: str
    approved_at: datetime
    payload_json: str = Field(sa_type=Text)  # the signed statement, canonical JSON
    signature: str  # base64 Ed25519 over payload_json
    key_id: str  # the account key that signed it
    certificate_json: str = Field(sa_type=Text)  # the account key, certified by the server key


class AccountKeyRow(ServerTable, table=True):
    """A console account's Ed25519 signing key, kept on the server (see docs/console.md)."""

    __tablename__ = "console_account_key"
    id: str = Field(primary_key=True)
    account: str = Field(index=True)
    public_key: str  # base64
    private_key: str  # base64, sealed with the server key
    certificate_json: str = Field(sa_type=Text)
    created_at: datetime
