# SPDX-License-Identifier: Apache-2.0
"""What a task is about, for the pages that show it: the hazard a 复查 or 回头看 names
(its description, its site's name, its level and major status), read inside the
account's area only, so a task whose hazard the account may not see shows none of it;
and the inspection that did a task, as its site and day (never its id alone)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from fieldcheck.server.console.queries import inside
from fieldcheck.server.console.tables import HZ, INSP

CHUNK = 500


def hazards(conn: Connection, scope: str, hazard_ids: Iterable[str]) -> dict[str, Any]:
    """Hazard id -> (id, description, site_name, level, major_status, superseded) for the
    ids inside ``scope``; an id outside it (or unknown) is simply absent."""
    ids = sorted({h for h in hazard_ids if h})
    out: dict[str, Any] = {}
    for i in range(0, len(ids), CHUNK):
        stmt = select(
            HZ.c.id,
            HZ.c.description,
            HZ.c.site_name,
            HZ.c.level,
            HZ.c.major_status,
            HZ.c.superseded,
        ).where(HZ.c.id.in_(ids[i : i + CHUNK]), inside(HZ.c.jurisdiction, scope))
        out.update((row.id, row) for row in conn.execute(stmt))
    return out


def inspection(conn: Connection, scope: str, inspection_id: str) -> Any | None:
    """The inspection (id, site_id, day, started_at) inside ``scope``, or None: one the
    console has not folded in yet, or of another area."""
    if not inspection_id:
        return None
    return conn.execute(
        select(INSP.c.id, INSP.c.site_id, INSP.c.day, INSP.c.started_at).where(
            INSP.c.id == inspection_id, inside(INSP.c.jurisdiction, scope)
        )
    ).first()
