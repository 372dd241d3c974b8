# SPDX-License-Identifier: Apache-2.0
"""交办 as a device sees it: the open tasks of its area addressed to anyone of the grid
or to itself, and its report of the inspection that did one, which counts only when the
server holds that inspection, of the device's area and of the task's site.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from fieldcheck.core import clock
from fieldcheck.server.console.queries import inside
from fieldcheck.server.console.tasks import MAX_LIST, T, status
from fieldcheck.server.heads import select_current
from fieldcheck.server.tables import RecordRow, VersionRow, table_of

REC = table_of(RecordRow)
VER = table_of(VersionRow)
DONE_SHOWN_DAYS = 7  # a device keeps seeing a task it did for a week, marked done


def _for_device(dev_id: str, jurisdiction: str) -> list[ColumnElement[bool]]:
    return [
        inside(T.c.grid, jurisdiction),
        or_(T.c.assignee_device == "", T.c.assignee_device == dev_id),
    ]


def for_device(
    conn: Connection, dev_id: str, jurisdiction: str, today: date
) -> list[dict[str, Any]]:
    """The device's tasks: open ones, and those done in the last week (marked done)."""
    since = clock.now() - timedelta(days=DONE_SHOWN_DAYS)
    rows = conn.execute(
        select(T)
        .where(*_for_device(dev_id, jurisdiction), or_(T.c.done_at.is_(None), T.c.done_at >= since))
        .order_by(T.c.deadline, T.c.id)
        .limit(MAX_LIST)
    )
    return [public(r, today) for r in rows]


def public(r: Any, today: date) -> dict[str, Any]:
    """A task as a device gets it."""
    return {
        "id": r.id,
        "kind": r.kind,
        "grid": r.grid,
        "site_id": r.site_id,
        "site_name": r.site_name,
        "place": r.place,
        "hazard_id": r.hazard_id,
        "deadline": r.deadline,
        "note": r.note,
        "source": r.source,
        "photos": json.loads(r.photos_json or "[]"),
        "assigned_by": r.created_by,
        "assigned_at": r.created_at,
        "status": status(r, today),
        "inspection_id": r.done_inspection_id or None,
    }


def _inspection(conn: Connection, inspection_id: str) -> tuple[str, dict[str, Any]] | None:
    row = conn.execute(
        select_current(REC.c.jurisdiction, VER.c.content_json).where(
            REC.c.entity == "inspection", REC.c.entity_id == inspection_id
        )
    ).first()
    if row is None:
        return None
    return row.jurisdiction, json.loads(row.content_json)


def mark_done(
    conn: Connection, dev_id: str, jurisdiction: str, task_id: str, inspection_id: str
) -> str:
    """Record that an inspection did a task: done / already / unknown / not_pushed / wrong_site.

    Idempotent: the same link reported again answers ``already``.
    """
    task = conn.execute(
        select(T).where(T.c.id == task_id, *_for_device(dev_id, jurisdiction))
    ).first()
    if task is None:
        return "unknown"
    if task.done_at is not None:
        return "already" if task.done_inspection_id == inspection_id else "done_by_other"
    found = _inspection(conn, inspection_id)
    if found is None or not found[0].startswith(jurisdiction):
        return "not_pushed"
    content = found[1]
    if task.site_id and content.get("site_id") != task.site_id:
        return "wrong_site"
    conn.execute(
        T.update()
        .where(T.c.id == task_id, T.c.done_at.is_(None))
        .values(done_at=clock.now(), done_inspection_id=inspection_id, done_device=dev_id)
    )
    return "done"
