# SPDX-License-Identifier: Apache-2.0
"""A campaign's coverage (visited / required) and its own figures, for the part of its
register inside the account's scope; read from what ``campaign_figures`` keeps per
register row, so a page reads the register, not the hazards.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from fieldcheck.server.console.campaigns import CS
from fieldcheck.server.console.queries import inside
from fieldcheck.server.console.tables import SITE, CampaignHazards
from fieldcheck.server.tables import table_of

CH = table_of(CampaignHazards)
MAX_LIST = 500  # not-visited sites shown on one page


def _register(scope: str, campaign: Any) -> list[ColumnElement[bool]]:
    return [CS.c.campaign_id == campaign.id, inside(CS.c.jurisdiction, scope)]


def coverage(conn: Connection, scope: str, campaign: Any, child_len: int) -> dict[str, Any]:
    """Visited / required in total and by child jurisdiction (of the scope's part only).
    *Visited*: inspected on a day inside the period (``visited_on``, kept per register row
    by campaign_figures), so this reads one index of the register."""
    child = func.substr(CS.c.jurisdiction, 1, child_len)
    by_child: dict[str, dict[str, Any]] = {}
    for r in conn.execute(
        select(child.label("k"), func.count().label("n"), func.count(CS.c.visited_on).label("v"))
        .where(*_register(scope, campaign))
        .group_by(child)
    ):
        by_child[r.k] = _share(int(r.v or 0), int(r.n))
    total = _share(
        sum(d["visited"] for d in by_child.values()), sum(d["required"] for d in by_child.values())
    )
    return {"total": total, "by_child": dict(sorted(by_child.items()))}


def _share(visited: int, required: int) -> dict[str, Any]:
    rate = round(100 * visited / required, 1) if required else None
    return {"visited": visited, "required": required, "rate": rate}


def not_visited(
    conn: Connection, scope: str, campaign: Any, child: str = "", limit: int = MAX_LIST
) -> list[Any]:
    """The registered sites of the scope (or of one child) not yet inspected in the period."""
    where = [*_register(scope, campaign), CS.c.visited_on.is_(None)]
    if child:
        where.append(inside(CS.c.jurisdiction, child))
    return list(
        conn.execute(
            select(SITE.c.id, SITE.c.name, SITE.c.address, SITE.c.industry, SITE.c.kind_of_place)
            .add_columns(CS.c.jurisdiction)
            .select_from(CS.join(SITE, SITE.c.id == CS.c.site_id))
            .where(*where)
            .order_by(CS.c.jurisdiction, SITE.c.name, SITE.c.id)
            .limit(limit)
        )
    )


def figures(conn: Connection, scope: str, campaign: Any) -> dict[str, Any]:
    """Hazards found at the register's sites in the period: found, 整改率, major ones
    (confirmed by the expert) and suspected ones (awaiting the expert) apart (kept
    per site and hazards' jurisdiction by campaign_figures; both inside the scope)."""
    row = conn.execute(
        select(
            func.sum(CH.c.found).label("found"),
            func.sum(CH.c.rectified).label("rectified"),
            func.sum(CH.c.major).label("major"),
            func.sum(CH.c.major_rectified).label("major_rectified"),
            func.sum(CH.c.suspected).label("suspected"),
            func.sum(CH.c.suspected_rectified).label("suspected_rectified"),
        ).where(
            CH.c.campaign_id == campaign.id,
            inside(CH.c.site_jurisdiction, scope),
            inside(CH.c.jurisdiction, scope),
        )
    ).one()
    found = int(row.found or 0)
    rectified = int(row.rectified or 0)
    major_n = int(row.major or 0)
    suspected = int(row.suspected or 0)
    return {
        "found": found,
        "rectified": rectified,
        "rate": round(100 * rectified / found, 1) if found else None,
        "major": major_n,
        "major_open": major_n - int(row.major_rectified or 0),
        "suspected": suspected,
        "suspected_open": suspected - int(row.suspected_rectified or 0),
    }
