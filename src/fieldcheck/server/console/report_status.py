# SPDX-License-Identifier: Apache-2.0
"""随手拍: what the citizen reads back by receipt code: the status and the outcome.

Never an inspector's name, a phone number, a position or a photo. A report handed to a
grid (转办) is 已办结 once the task's inspection is done and the read model holds all of
it; its outcome is what that inspection found.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from fieldcheck.server.console import project, tasks
from fieldcheck.server.console.reports import R, normal_receipt
from fieldcheck.server.console.tables import HZ

STATUS_ZH = {"new": "已受理", "assigned": "办理中", "done": "已办结", "rejected": "不予受理"}


def public_status(conn: Connection, receipt: str) -> dict[str, Any] | None:
    """Status and outcome by receipt: no name, phone, position or photo of anyone."""
    r = conn.execute(
        select(
            R.c.id,
            R.c.status,
            R.c.reason,
            R.c.hazard_id,
            R.c.task_id,
            R.c.created_at,
            R.c.handled_at,
            R.c.address,
            R.c.description,
        ).where(R.c.receipt == normal_receipt(receipt))
    ).first()
    if r is None:
        return None
    out: dict[str, Any] = {
        "created_at": r.created_at,
        "address": r.address,
        "description": r.description,
        "outcome": "",
        "done_at": None,
    }
    state = {"new": "new", "rejected": "rejected", "merged": "done", "assigned": "assigned"}[
        r.status
    ]
    if r.status == "rejected":
        out["outcome"] = r.reason
    elif r.status == "merged":
        out["outcome"] = _hazard_outcome(conn, [r.hazard_id], merged=True)
        out["done_at"] = r.handled_at
    elif r.status == "assigned":
        task = conn.execute(select(tasks.T).where(tasks.T.c.id == r.task_id)).first()
        # 已办结 only once the read model holds all the inspection sent before it reported
        # the task done: until then its hazards may be missing and "none found" untrue.
        if (
            task is not None
            and task.done_at is not None
            and project.holds_received_by(conn, task.done_at)
        ):
            state = "done"
            out["done_at"] = task.done_at
            ids = [
                h.id
                for h in conn.execute(
                    select(HZ.c.id).where(
                        HZ.c.inspection_id == task.done_inspection_id, HZ.c.superseded.is_(False)
                    )
                )
            ]
            out["outcome"] = _hazard_outcome(conn, ids, merged=False)
    out["state"] = state
    out["state_zh"] = STATUS_ZH[state]
    return out


def _hazard_outcome(conn: Connection, ids: list[str], merged: bool) -> str:
    ids = [i for i in ids if i]
    if not ids:
        return "经现场核查，未发现安全隐患。On inspection no hazard was found."
    rows = list(conn.execute(select(HZ.c.open).where(HZ.c.id.in_(ids), HZ.c.superseded.is_(False))))
    n, still = len(rows), sum(1 for r in rows if r.open)
    head = (
        "已并入已登记的隐患处理。Merged into a hazard already on record. "
        if merged
        else (f"经现场核查，发现隐患 {n} 项，已责令整改。On inspection {n} hazard(s) were found. ")
    )
    if still:
        return head + f"其中 {still} 项正在整改。{still} being rectified."
    return head + "均已整改完毕。All rectified."
