# SPDX-License-Identifier: Apache-2.0
"""交办/督办 on the wire: GET /v1/tasks and POST /v1/tasks/done, beside the record feed.

A device of protocol 1 never asks; a device that asks a server from before tasks gets
404 and carries on. Unknown fields are ignored both ways: a newer server may add some.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_TASKS = 500
MAX_LINKS = 200

Id = Annotated[str, StringConstraints(min_length=1, max_length=80)]


class TaskInfo(BaseModel):
    """One task for this device: what to do where, by when, and whether it is done."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    id: Id
    kind: str  # inspect / recheck / revisit / sweep
    grid: str
    site_id: str = ""
    site_name: str = ""
    place: str = ""
    hazard_id: str = ""
    deadline: date
    note: str = ""
    source: str = "console"
    photos: list[str] = Field(default=[], max_length=9)
    assigned_by: str = ""
    assigned_at: datetime | None = None
    status: str = "open"  # open / overdue / done
    inspection_id: str | None = None


class EscalationInfo(BaseModel):
    """督办 / 挂牌督办 of a task or hazard of this device's area, with its leader."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    id: Id
    target_kind: str
    target_id: str
    hazard_id: str = ""
    kind: str  # supervise / listed
    level: str  # township / county / city
    level_code: str
    leader: str
    leader_post: str = ""
    created_at: datetime


class ApprovalInfo(BaseModel):
    """A level's signed approval of a major hazard's 销号 (checked by the device)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    id: Id
    hazard_id: str
    escalation_id: str
    payload: str = Field(max_length=4000)
    signature_b64: str = Field(max_length=200)
    certificate: str = Field(max_length=4000)


class TaskList(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    tasks: list[TaskInfo] = Field(default=[], max_length=MAX_TASKS)
    escalations: list[EscalationInfo] = []
    approvals: list[ApprovalInfo] = []


class TaskLink(BaseModel):
    """The inspection that did a task."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    task_id: Id
    inspection_id: Id


class TaskLinks(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    links: list[TaskLink] = Field(max_length=MAX_LINKS)


class LinkReceipt(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    task_id: str
    inspection_id: str
    status: str  # done / already / unknown / not_pushed / wrong_site / done_by_other


class LinkAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    receipts: list[LinkReceipt] = []
