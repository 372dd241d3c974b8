# SPDX-License-Identifier: Apache-2.0
"""交办/督办 as the device keeps them: its tasks, the escalations in force in its area,
the signed 销号 approvals, and what each inspection was opened for.

The server's list of tasks replaces the device's at every sync; what the device did
about a task (the inspection it opened, whether the server has been told) is its own
and survives the replacement.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class TaskKind(StrEnum):
    INSPECT = "inspect"  # 检查一家单位
    RECHECK = "recheck"  # 复查一条隐患
    REVISIT = "revisit"  # 回头看一条已销号隐患
    SWEEP = "sweep"  # 拉网式复查: one task per site like the one found


class TaskState(StrEnum):
    """Where a task stands as this device sees it."""

    OPEN = "open"  # 待办理
    OVERDUE = "overdue"  # 已逾期
    INSPECTED = "inspected"  # 已检查，待同步 (its inspection is finished, not yet reported)
    DONE = "done"  # 已完成 (the server holds the inspection that did it)


class Task(BaseModel):
    """One task for this device, as the server last sent it, with what this device did."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: str  # a TaskKind value; an unknown one from a newer server is kept as text
    grid: str
    site_id: str = ""
    site_name: str = ""
    place: str = ""  # a report's address when it names no registered site
    hazard_id: str = ""
    deadline: date
    note: str = ""
    source: str = "console"  # console / report
    photos: list[str] = Field(default_factory=list)  # SHA-256 of a report's originals
    assigned_by: str = ""
    assigned_at: datetime | None = None
    server_status: str = "open"  # open / overdue / done, as the server said at the pull
    done_inspection_id: str | None = None  # the server's: the inspection that did it
    received_at: datetime
    inspection_id: str | None = None  # this device's: the inspection opened for it
    inspection_finished: bool = False
    reported_at: datetime | None = None  # when the server was told of that inspection

    def state(self, today: date) -> TaskState:
        if self.server_status == "done":
            return TaskState.DONE
        if self.inspection_finished:
            return TaskState.INSPECTED
        return TaskState.OVERDUE if self.deadline < today else TaskState.OPEN


class Escalation(BaseModel):
    """督办 / 挂牌督办 of a task or hazard of this device's area, with its leader."""

    model_config = ConfigDict(frozen=True)

    id: str
    target_kind: str  # task / hazard
    target_id: str
    hazard_id: str = ""
    kind: str  # supervise (督办) / listed (挂牌督办)
    level: str  # township / county / city
    level_code: str
    leader: str
    leader_post: str = ""
    created_at: datetime


class CloseApproval(BaseModel):
    """A level's signed approval of a major hazard's 销号, kept as received (checked with
    ``signing.approval.verify_approval`` against the pinned server key before use)."""

    model_config = ConfigDict(frozen=True)

    id: str
    hazard_id: str
    escalation_id: str
    payload: str
    signature_b64: str
    certificate: str
    received_at: datetime


class InspectionWork(BaseModel):
    """What an inspection was opened for on this device: a task, a campaign, or both."""

    model_config = ConfigDict(frozen=True)

    inspection_id: str
    task_id: str | None = None
    campaign_id: str | None = None
    opened_at: datetime
    reported_at: datetime | None = None  # the task's server was told (POST /v1/tasks/done)
    report_status: str = ""  # the server's receipt: done / already / not_pushed / ...
