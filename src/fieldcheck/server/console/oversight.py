# SPDX-License-Identifier: Apache-2.0
"""督办's read side beside escalations.py: what each escalation is about (the hazard's or
task's site and description, for 领导责任)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from fieldcheck.server.console.tables import HZ
from fieldcheck.server.console.tasks import KIND_ZH, T

KIND_BY_VALUE = {k.value: v for k, v in KIND_ZH.items()}


def _chunks(ids: set[str]) -> list[list[str]]:
    items = sorted(i for i in ids if i)
    return [items[i : i + 500] for i in range(0, len(items), 500)]


def subjects(conn: Connection, rows: list[Any]) -> dict[str, dict[str, str]]:
    """Escalation id -> {site, what}: the site and the hazard's description, or for a task
    its kind, its site (or the place a citizen named) and the hazard it concerns."""
    hazard_ids = {r.hazard_id for r in rows} | {
        r.target_id for r in rows if r.target_kind == "hazard"
    }
    task_ids = {r.target_id for r in rows if r.target_kind == "task"}
    hz: dict[str, Any] = {}
    for part in _chunks(hazard_ids):
        for row in conn.execute(
            select(HZ.c.id, HZ.c.site_name, HZ.c.description, HZ.c.place, HZ.c.level).where(
                HZ.c.id.in_(part), HZ.c.superseded.is_(False)
            )
        ):
            hz[row.id] = row
    tk: dict[str, Any] = {}
    for part in _chunks(task_ids):
        for row in conn.execute(
            select(T.c.id, T.c.kind, T.c.site_name, T.c.place, T.c.note).where(T.c.id.in_(part))
        ):
            tk[row.id] = row
    out: dict[str, dict[str, str]] = {}
    for r in rows:
        h = hz.get(r.hazard_id or (r.target_id if r.target_kind == "hazard" else ""))
        if r.target_kind == "task":
            t = tk.get(r.target_id)
            kind = KIND_BY_VALUE.get(t.kind, t.kind) if t is not None else "任务"
            site = (t.site_name or t.place) if t is not None else ""
            what = f"{kind}：{h.description}" if h is not None else kind
            if h is None and t is not None and t.note:
                what = f"{kind}：{t.note}"
        else:
            site = h.site_name if h is not None else ""
            what = h.description if h is not None else "（隐患已更正或不在本辖区）"
        level = "重大隐患" if h is not None and h.level == "major" else ""
        out[r.id] = {"site": site, "what": what, "level": level}
    return out
