# SPDX-License-Identifier: Apache-2.0
"""交办: tasks down to the grid (the devices' view of them and their being done:
``task_devices``; 拉网式 re-inspections, many tasks at once: ``task_sweep``).

A task belongs to the area of the account that set it (``jurisdiction``) and goes to a
grid (``grid``), optionally to one enrolled person of it (``assignee_device``). An
account sees the tasks set inside its area or going to a grid inside it, never a
sibling's. A device gets the open tasks of its area addressed to anyone of the grid or
to itself, and reports the inspection that did each (task id -> inspection id); the
server checks that the inspection is one it holds, of the device's area and of the
task's site, before the task counts as done.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.ids import new_id
from fieldcheck.server.console.queries import inside
from fieldcheck.server.console.tables import HZ, SITE
from fieldcheck.server.console.task_tables import TaskRow
from fieldcheck.server.tables import DeviceRow, table_of

T = table_of(TaskRow)
DEV = table_of(DeviceRow)

MAX_NOTE = 500
MAX_LIST = 500
MAX_DAYS_AHEAD = 366
MAX_PHOTOS = 9


class TaskKind(StrEnum):
    INSPECT = "inspect"  # 检查一家单位
    RECHECK = "recheck"  # 复查一条隐患
    REVISIT = "revisit"  # 回头看一条已销号隐患
    SWEEP = "sweep"  # 拉网式复查: one task per site like the one found


KIND_ZH = {
    TaskKind.INSPECT: "检查",
    TaskKind.RECHECK: "复查",
    TaskKind.REVISIT: "回头看",
    TaskKind.SWEEP: "拉网式复查",
}
STATUS_ZH = {"open": "办理中", "overdue": "已逾期", "done": "已完成"}


class TaskError(FieldcheckError):
    """A task that cannot be set or done; the message says what and where."""


def _visible(scope: str) -> ColumnElement[bool]:
    return or_(inside(T.c.jurisdiction, scope), inside(T.c.grid, scope))


def status(task: Any, today: date) -> str:
    """done / overdue / open."""
    if task.done_at is not None:
        return "done"
    return "overdue" if task.deadline < today else "open"


def get(conn: Connection, scope: str, task_id: str) -> Any | None:
    return conn.execute(select(T).where(T.c.id == task_id, _visible(scope))).first()


def visible(
    conn: Connection, scope: str, today: date, state: str = "", limit: int = MAX_LIST
) -> list[Any]:
    """The area's tasks, open ones by deadline first; ``state`` open/overdue/done filters."""
    where: list[ColumnElement[bool]] = [_visible(scope)]
    if state == "done":
        where.append(T.c.done_at.is_not(None))
    elif state == "overdue":
        where += [T.c.done_at.is_(None), T.c.deadline < today]
    elif state == "open":
        where += [T.c.done_at.is_(None), T.c.deadline >= today]
    stmt = (
        select(T)
        .where(*where)
        .order_by(T.c.done_at.is_not(None), T.c.deadline, T.c.created_at, T.c.id)
        .limit(limit)
    )
    return list(conn.execute(stmt))


def site_in_area(conn: Connection, scope: str, site_id: str) -> Any:
    row = conn.execute(
        select(
            SITE.c.id, SITE.c.name, SITE.c.jurisdiction, SITE.c.industry, SITE.c.kind_of_place
        ).where(SITE.c.id == site_id, inside(SITE.c.jurisdiction, scope))
    ).first()
    if row is None:
        raise TaskError("本辖区单位库中没有这家单位（site: not a registered site of your area）")
    return row


def _hazard(conn: Connection, scope: str, hazard_id: str) -> Any:
    row = conn.execute(
        select(HZ.c.id, HZ.c.site_id, HZ.c.open, HZ.c.level, HZ.c.jurisdiction).where(
            HZ.c.id == hazard_id, inside(HZ.c.jurisdiction, scope), HZ.c.superseded.is_(False)
        )
    ).first()
    if row is None:
        raise TaskError("本辖区没有这条隐患（hazard: not a hazard of your area）")
    return row


def _deadline(value: date | str) -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise TaskError("期限须为 YYYY-MM-DD（deadline: a date as YYYY-MM-DD）") from None
    today = clock.today()
    if value < today:
        raise TaskError("期限早于今天（deadline: before today）")
    if value > today + timedelta(days=MAX_DAYS_AHEAD):
        raise TaskError(f"期限不超过 {MAX_DAYS_AHEAD} 天（deadline: within {MAX_DAYS_AHEAD} days）")
    return value


def _assignee(conn: Connection, scope: str, grid: str, device_id: str) -> tuple[str, str, str]:
    """(grid, device id, person's name): the person must be enrolled inside the area."""
    if device_id:
        dev = conn.execute(
            select(DEV.c.id, DEV.c.name, DEV.c.jurisdiction).where(
                DEV.c.id == device_id,
                inside(DEV.c.jurisdiction, scope),
                DEV.c.revoked_at.is_(None),
            )
        ).first()
        if dev is None:
            raise TaskError("本辖区没有这名已登记的人员（assignee: no such person in your area）")
        if grid and not (grid.startswith(dev.jurisdiction) or dev.jurisdiction.startswith(grid)):
            raise TaskError("所选人员不在所选网格（assignee: the person is not of that grid）")
        return grid or dev.jurisdiction, dev.id, dev.name
    if not grid or not grid.startswith(scope):
        raise TaskError("请选择本辖区的网格（grid: choose a grid of your area）")
    return grid, "", ""


def assignees(conn: Connection, scope: str, grid: str, limit: int = MAX_LIST) -> list[Any]:
    """Who a task of ``grid`` may go to (what ``_assignee`` accepts): the enrolled people
    of the area whose own area holds the grid or lies inside it, by area and name."""
    within = or_(
        DEV.c.jurisdiction == func.substr(grid, 1, func.length(DEV.c.jurisdiction)),
        inside(DEV.c.jurisdiction, grid),
    )
    return list(
        conn.execute(
            select(DEV.c.id, DEV.c.name, DEV.c.jurisdiction)
            .where(inside(DEV.c.jurisdiction, scope), DEV.c.revoked_at.is_(None), within)
            .order_by(DEV.c.jurisdiction, DEV.c.name, DEV.c.id)
            .limit(limit)
        )
    )


def assign_task(
    conn: Connection,
    scope: str,
    actor: str,
    *,
    kind: str,
    deadline: date | str,
    site_id: str = "",
    hazard_id: str = "",
    grid: str = "",
    assignee_device: str = "",
    note: str = "",
    place: str = "",
    source: str = "console",
    source_ref: str = "",
    photos: Sequence[str] = (),
    batch_id: str = "",
) -> str:
    """Check and store one task; returns its id. The caller audits it.

    ``scope`` is the area of whoever sets it: every site, hazard, grid and person named
    must be inside it. The grid defaults to the site's own. A task from a report
    (``source="report"``) may name no registered site, only a ``place``.
    """
    try:
        kind_ = TaskKind(kind)
    except ValueError:
        raise TaskError("任务类型须为检查、复查、回头看或拉网式复查（kind: unknown）") from None
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise TaskError(f"说明不超过 {MAX_NOTE} 字（note: at most {MAX_NOTE} characters）")
    if len(photos) > MAX_PHOTOS or any(len(p) != 64 for p in photos):
        raise TaskError("照片须为至多 9 个 SHA-256（photos: up to 9 SHA-256 digests）")
    due = _deadline(deadline)
    hazard = None
    if kind_ in (TaskKind.RECHECK, TaskKind.REVISIT):
        if not hazard_id:
            raise TaskError("复查和回头看须指明隐患（hazard: required for 复查 and 回头看）")
        hazard = _hazard(conn, scope, hazard_id)
        if kind_ is TaskKind.REVISIT and hazard.open:
            raise TaskError("回头看只针对已销号的隐患（revisit: the hazard is not closed）")
        site_id = hazard.site_id
    site = None
    if site_id:
        site = site_in_area(conn, scope, site_id)
    elif source != "report" or not place.strip():
        raise TaskError("请指明单位（site: required）")
    grid, device_id, person = _assignee(
        conn, scope, grid or (site.jurisdiction if site else ""), assignee_device
    )
    tid = new_id()
    conn.execute(
        T.insert().values(
            id=tid,
            kind=kind_.value,
            jurisdiction=scope,
            grid=grid,
            assignee_device=device_id,
            assignee_name=person,
            site_id=site.id if site else "",
            site_name=site.name if site else "",
            place=place.strip()[:200],
            hazard_id=hazard.id if hazard else "",
            deadline=due,
            note=note,
            source=source[:20],
            source_ref=source_ref[:80],
            photos_json=json.dumps(list(photos)),
            batch_id=batch_id,
            created_by=actor,
            created_at=clock.now(),
        )
    )
    return tid


def kinds() -> list[tuple[str, str]]:
    return [(k.value, KIND_ZH[k]) for k in TaskKind]
