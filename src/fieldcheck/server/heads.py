# SPDX-License-Identifier: Apache-2.0
"""A record's current version on the server: its ``record`` row joined to the version its
head names. The one home of that join; trust checks, reference checks, the console's
records and tasks read through it."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Select, and_, select
from sqlalchemy.engine import Connection

from fieldcheck.server.tables import RECORD, VERSION

R = RECORD
V = VERSION
HEAD = and_(V.c.entity == R.c.entity, V.c.entity_id == R.c.entity_id, V.c.sha256 == R.c.head_sha256)


def select_current(*columns: Any) -> Select[Any]:
    """SELECT columns (of ``record`` and ``record_version``) of current versions only."""
    return select(*columns).select_from(R.join(V, HEAD))


def current_contents(conn: Connection, entity: str, *where: Any) -> list[dict[str, Any]]:
    """The current content of every record of entity matching where."""
    rows = conn.execute(select_current(V.c.content_json).where(R.c.entity == entity, *where))
    return [json.loads(r.content_json) for r in rows]


def current_content(conn: Connection, entity: str, entity_id: str) -> dict[str, Any] | None:
    """The current content of one record, or None when the server does not hold it."""
    found = current_contents(conn, entity, R.c.entity_id == entity_id)
    return found[0] if found else None
