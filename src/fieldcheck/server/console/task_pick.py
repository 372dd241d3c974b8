# SPDX-License-Identifier: Apache-2.0
"""What the general 交办 form on /console/tasks offers: the sites and hazards of the
account's area whose name (or address, place, description) holds the words typed, a
bounded handful of each, and the people of the area it may go to. The form posts its
choice as ``kind:id`` (检查 a site, 复查 an open hazard, 回头看 a closed one);
``tasks.assign_task`` checks the id against the area again, so a choice the page never
offered (another township's site typed into the request) is refused."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.server.console import tasks
from fieldcheck.server.console.ledger import Filter, ledger_select
from fieldcheck.server.console.queries import inside
from fieldcheck.server.console.tables import SITE

MAX_FOUND = 12  # of each, sites and hazards: a search narrows it, the page stays short
MAX_QUERY = 100


def _like(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def sites(conn: Connection, scope: str, q: str, limit: int = MAX_FOUND) -> list[Any]:
    """The area's registered sites (not merged away) whose name or address holds ``q``."""
    q = q.strip()[:MAX_QUERY]
    if not q:
        return []
    like = _like(q)
    stmt = (
        select(SITE.c.id, SITE.c.name, SITE.c.address, SITE.c.jurisdiction)
        .where(
            inside(SITE.c.jurisdiction, scope),
            SITE.c.kept_id.is_(None),
            or_(SITE.c.name.like(like, escape="\\"), SITE.c.address.like(like, escape="\\")),
        )
        .order_by(SITE.c.name, SITE.c.id)
        .limit(limit)
    )
    return list(conn.execute(stmt))


def hazards(conn: Connection, scope: str, q: str, limit: int = MAX_FOUND) -> list[Any]:
    """The area's hazards (as the ledger searches them), newest found first."""
    q = q.strip()[:MAX_QUERY]
    if not q:
        return []
    stmt = ledger_select(scope, Filter(q=q), clock.today(), conn.dialect.name).limit(limit)
    return list(conn.execute(stmt))


def subject(choice: str) -> tuple[str, str, str]:
    """``kind:id`` -> (kind, site id, hazard id); anything else names nothing."""
    kind, _, ident = choice.partition(":")
    ident = ident.strip()[:40]
    if kind == tasks.TaskKind.INSPECT:
        return kind, ident, ""
    if kind in (tasks.TaskKind.RECHECK, tasks.TaskKind.REVISIT):
        return kind, "", ident
    raise tasks.TaskError("请先查找并选择单位或隐患（subject: choose a site or hazard found）")


def hazard_kind(h: Any) -> str:
    """What a task of a hazard is: 复查 while it is open, 回头看 once closed."""
    return tasks.TaskKind.RECHECK if h.open else tasks.TaskKind.REVISIT
