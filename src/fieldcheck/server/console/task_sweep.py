# SPDX-License-Identifier: Apache-2.0
"""拉网式复查 (发现一个、治理一类、巩固一片): from one site, every other site of the area like it
(same industry and kind of place) is proposed; the user ticks some and each gets its own
task (``tasks.assign_task``) to the site's grid, sharing a batch id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from fieldcheck.core.ids import new_id
from fieldcheck.server.console import tasks
from fieldcheck.server.console.queries import inside
from fieldcheck.server.console.tables import SITE
from fieldcheck.server.console.tasks import TaskError, TaskKind, site_in_area

MAX_SWEEP = 500  # sites one 拉网式 re-inspection proposes and takes


def sweep_candidates(conn: Connection, scope: str, site_id: str) -> tuple[Any, list[Any]]:
    """The site and every other site of the area like it (same industry and kind of place),
    by jurisdiction and name: what a 拉网式 re-inspection proposes."""
    site = site_in_area(conn, scope, site_id)
    rows = conn.execute(
        select(SITE.c.id, SITE.c.name, SITE.c.address, SITE.c.jurisdiction)
        .where(
            inside(SITE.c.jurisdiction, scope),
            SITE.c.industry == site.industry,
            SITE.c.kind_of_place == site.kind_of_place,
            SITE.c.id != site.id,
            SITE.c.kept_id.is_(None),
        )
        .order_by(SITE.c.jurisdiction, SITE.c.name, SITE.c.id)
        .limit(MAX_SWEEP)
    )
    return site, list(rows)


def assign_sweep(
    conn: Connection,
    scope: str,
    actor: str,
    *,
    origin_site_id: str,
    site_ids: Sequence[str],
    deadline: date | str,
    note: str = "",
) -> list[str]:
    """One 拉网式 task per ticked site, each to the site's own grid, sharing a batch id.
    Only sites the proposal offers (like the origin, inside the area) are taken."""
    _origin, offered = sweep_candidates(conn, scope, origin_site_id)
    allowed = {r.id for r in offered}
    picked = [s for s in dict.fromkeys(site_ids) if s]
    if not picked:
        raise TaskError("请至少勾选一家单位（tick at least one site）")
    strays = [s for s in picked if s not in allowed]
    if strays:
        raise TaskError(f"有 {len(strays)} 家单位不在拉网名单中（sites outside the proposed list）")
    batch = new_id()
    return [
        tasks.assign_task(
            conn,
            scope,
            actor,
            kind=TaskKind.SWEEP,
            site_id=s,
            deadline=deadline,
            note=note,
            batch_id=batch,
        )
        for s in picked
    ]
