# SPDX-License-Identifier: Apache-2.0
"""交办/督办 on the device: the server's tasks, escalations and 销号 approvals, and what
each inspection was opened for. Takes plain records, returns core models.

The server's lists replace the kept ones in one transaction (a pull cut off changes
nothing); approvals are only ever added, as they are signed proof. What an inspection
was opened for belongs to this device and is never replaced.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from fieldcheck.core.tasks import CloseApproval, Escalation, InspectionWork, Task
from fieldcheck.storage.sync_tables import (
    CloseApprovalRow,
    DeviceTaskRow,
    EscalationRow,
    InspectionWorkRow,
    SyncRecordRow,
)
from fieldcheck.storage.tables import InspectionRow

FINAL = {"done", "already", "done_by_other", "wrong_site", "unknown"}  # no use asking again


def replace_tasks(s: Session, tasks: Iterable[Mapping[str, Any]], now: datetime) -> int:
    """The server's task list becomes the device's."""
    s.exec(delete(DeviceTaskRow))
    n = 0
    for t in tasks:
        s.add(
            DeviceTaskRow(
                id=t["id"],
                kind=t["kind"],
                grid=t["grid"],
                site_id=t.get("site_id", ""),
                site_name=t.get("site_name", ""),
                place=t.get("place", ""),
                hazard_id=t.get("hazard_id", ""),
                deadline=t["deadline"],
                note=t.get("note", ""),
                source=t.get("source", "console"),
                photos_json=json.dumps(list(t.get("photos", []))),
                assigned_by=t.get("assigned_by", ""),
                assigned_at=t.get("assigned_at"),
                server_status=t.get("status", "open"),
                done_inspection_id=t.get("inspection_id"),
                received_at=now,
            )
        )
        n += 1
    return n


def replace_escalations(s: Session, escalations: Iterable[Mapping[str, Any]]) -> int:
    s.exec(delete(EscalationRow))
    n = 0
    for e in escalations:
        s.add(EscalationRow(**{k: e[k] for k in Escalation.model_fields if k in e}))
        n += 1
    return n


def keep_approvals(s: Session, approvals: Iterable[Mapping[str, Any]], now: datetime) -> int:
    """Add the approvals not yet kept; how many were new."""
    n = 0
    for a in approvals:
        if s.get(CloseApprovalRow, a["id"]) is not None:
            continue
        s.add(
            CloseApprovalRow(
                id=a["id"],
                hazard_id=a["hazard_id"],
                escalation_id=a["escalation_id"],
                payload=a["payload"],
                signature_b64=a["signature_b64"],
                certificate=a["certificate"],
                received_at=now,
            )
        )
        n += 1
    return n


Work = tuple[InspectionWorkRow, datetime | None]  # with the inspection's finished_at


def _task(row: DeviceTaskRow, work: Work | None) -> Task:
    data = row.model_dump(exclude={"photos_json"})
    return Task(
        **data,
        photos=json.loads(row.photos_json or "[]"),
        inspection_id=work[0].inspection_id if work else None,
        inspection_finished=work is not None and work[1] is not None,
        reported_at=work[0].reported_at if work else None,
    )


def _latest_work(s: Session, task_ids: list[str]) -> dict[str, Work]:
    out: dict[str, Work] = {}
    if not task_ids:
        return out
    rows = s.exec(
        select(InspectionWorkRow, InspectionRow.finished_at)
        .join(InspectionRow, col(InspectionRow.id) == col(InspectionWorkRow.inspection_id))
        .where(col(InspectionWorkRow.task_id).in_(task_ids))
        .order_by(col(InspectionWorkRow.opened_at))
    )
    for w, finished in rows:
        assert w.task_id is not None
        out[w.task_id] = (w, finished)  # the latest opened wins
    return out


def tasks(s: Session) -> list[Task]:
    """Every kept task, by deadline (done ones last)."""
    rows = list(
        s.exec(
            select(DeviceTaskRow).order_by(
                col(DeviceTaskRow.server_status) == "done",
                col(DeviceTaskRow.deadline),
                col(DeviceTaskRow.id),
            )
        )
    )
    work = _latest_work(s, [r.id for r in rows])
    return [_task(r, work.get(r.id)) for r in rows]


def task(s: Session, task_id: str) -> Task | None:
    row = s.get(DeviceTaskRow, task_id)
    return None if row is None else _task(row, _latest_work(s, [task_id]).get(task_id))


def escalations(s: Session) -> list[Escalation]:
    rows = s.exec(select(EscalationRow).order_by(col(EscalationRow.created_at)))
    return [Escalation.model_validate(r.model_dump()) for r in rows]


def approvals(s: Session, hazard_id: str) -> list[CloseApproval]:
    rows = s.exec(
        select(CloseApprovalRow)
        .where(CloseApprovalRow.hazard_id == hazard_id)
        .order_by(col(CloseApprovalRow.received_at), col(CloseApprovalRow.id))
    )
    return [CloseApproval.model_validate(r.model_dump()) for r in rows]


def record_work(
    s: Session,
    inspection_id: str,
    now: datetime,
    *,
    task_id: str | None = None,
    campaign_id: str | None = None,
) -> None:
    s.add(
        InspectionWorkRow(
            inspection_id=inspection_id, task_id=task_id, campaign_id=campaign_id, opened_at=now
        )
    )


def work_of(s: Session, inspection_id: str) -> InspectionWork | None:
    row = s.get(InspectionWorkRow, inspection_id)
    return None if row is None else InspectionWork.model_validate(row.model_dump())


def to_report(s: Session) -> list[InspectionWork]:
    """Finished inspections of a task that the server holds and has not yet been told of."""
    stmt = (
        select(InspectionWorkRow)
        .join(InspectionRow, col(InspectionRow.id) == col(InspectionWorkRow.inspection_id))
        .join(
            SyncRecordRow,
            (col(SyncRecordRow.entity) == "inspection")
            & (col(SyncRecordRow.entity_id) == col(InspectionWorkRow.inspection_id)),
        )
        .where(
            col(InspectionWorkRow.task_id).is_not(None),
            col(InspectionWorkRow.reported_at).is_(None),
            col(InspectionRow.finished_at).is_not(None),
        )
        .order_by(col(InspectionWorkRow.opened_at))
    )
    return [InspectionWork.model_validate(r.model_dump()) for r in s.exec(stmt)]


def mark_reported(s: Session, receipts: Iterable[tuple[str, str]], now: datetime) -> int:
    """Keep the server's receipt per inspection; a final one ends the asking. How many final."""
    n = 0
    for inspection_id, status in receipts:
        row = s.get(InspectionWorkRow, inspection_id)
        if row is None:
            continue
        row.report_status = status
        if status in FINAL:
            row.reported_at = now
            n += 1
        s.add(row)
    return n
