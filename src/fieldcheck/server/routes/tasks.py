# SPDX-License-Identifier: Apache-2.0
"""交办/督办 for devices: GET /v1/tasks (their tasks, escalations, approvals) and
POST /v1/tasks/done (the inspection that did each task)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.server.console import accounts, escalations, task_devices
from fieldcheck.server.deps import NO_TOKEN, Dev, State
from fieldcheck.server.logs import log
from fieldcheck.sync.task_protocol import LinkAnswer, TaskLinks, TaskList

router = APIRouter(prefix="/v1")


@router.get("/tasks", responses=NO_TOKEN)
def task_list(dev: Dev, server: State) -> TaskList:
    """This device's tasks (its area's, to anyone of the grid or to this person), and the
    escalations and 销号 approvals in force in its area."""

    def read(conn: Connection) -> dict[str, Any]:
        rows = task_devices.for_device(conn, dev.id, dev.jurisdiction, clock.today())
        escs, aps = escalations.for_device(conn, dev.jurisdiction)
        return {"tasks": rows, "escalations": escs, "approvals": aps}

    return TaskList.model_validate(server.read(read))


@router.post("/tasks/done", responses={**NO_TOKEN, 422: {}})
def tasks_done(body: TaskLinks, dev: Dev, server: State) -> LinkAnswer:
    """Record which pushed inspection did each task; one receipt per link."""

    def write(conn: Connection) -> list[dict[str, str]]:
        out = []
        for link in body.links:
            got = task_devices.mark_done(
                conn, dev.id, dev.jurisdiction, link.task_id, link.inspection_id
            )
            if got == "done":
                accounts.audit(
                    conn,
                    f"device:{dev.id}",
                    "task.done",
                    link.task_id,
                    inspection=link.inspection_id,
                    person=dev.name,
                )
            out.append({**link.model_dump(), "status": got})
        return out

    receipts = server.write(write)
    log("tasks_done", device=dev.id, done=sum(r["status"] == "done" for r in receipts))
    return LinkAnswer.model_validate({"receipts": receipts})
