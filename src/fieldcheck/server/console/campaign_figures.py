# SPDX-License-Identifier: Apache-2.0
"""A campaign's coverage and figures, kept per registered site so its page reads the
register (100,000 rows of one index), not a million hazards and inspections.

For each register row: ``visited_on``, the first day inside the campaign's period the
site was inspected; and in ``console_campaign_hazards`` the hazards of the site found
inside the period (a merged site's count under the site it is kept at, ``kept_id``: see
site_merges), per jurisdiction of the hazards (the pages scope by it): found,
rectified, major and major rectified (重大隐患: the expert confirmed them), suspected and
suspected rectified (疑似重大隐患, awaiting the expert: console.major_sql). They are
computed again, not counted by difference, for every site a change touches: the
projection refreshes the sites of the hazards and inspections each batch of the feed
changes (before and after), and a new campaign its register.
``tests/server/test_console_campaigns.py`` compares them with the plain queries over the
read model after the feed moved hazards on and corrected them.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, case, delete, func, select, union_all, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from fieldcheck.server.console import major_sql
from fieldcheck.server.console.tables import (
    HZ,
    INSP,
    SITE,
    CampaignHazards,
    CampaignRow,
    CampaignSiteRow,
)
from fieldcheck.server.tables import table_of

CP = table_of(CampaignRow)
CS = table_of(CampaignSiteRow)
CH = table_of(CampaignHazards)
CHUNK = 500


def _period(column: str) -> object:
    # correlate(CS) explicitly: two levels down in an UPDATE, auto-correlation stops short
    return select(CP.c[column]).where(CP.c.id == CS.c.campaign_id).correlate(CS).scalar_subquery()


def _refresh(conn: Connection, site_ids: list[str] | None, campaign_id: str | None) -> None:
    where: list[ColumnElement[bool]] = []
    if site_ids is not None:
        where.append(CS.c.site_id.in_(site_ids))
    if campaign_id is not None:
        where.append(CS.c.campaign_id == campaign_id)
    in_period = [INSP.c.day >= _period("starts_on"), INSP.c.day <= _period("ends_on")]
    own = (
        select(func.min(INSP.c.day))
        .where(INSP.c.site_id == CS.c.site_id, *in_period)
        .correlate(CS)
        .scalar_subquery()
    )
    # An inspection at a site a device merged into this one (合并重复单位), along a chain
    # too (kept_id: site_merges), visits this one.
    merged = (
        select(func.min(INSP.c.day))
        .select_from(INSP.join(SITE, SITE.c.id == INSP.c.site_id))
        .where(SITE.c.kept_id == CS.c.site_id, *in_period)
        .correlate(CS)
        .scalar_subquery()
    )
    first = func.coalesce(case((merged < own, merged), else_=own), merged)  # the earlier
    conn.execute(update(CS).where(*where).values(visited_on=first))
    gone: list[ColumnElement[bool]] = []
    if site_ids is not None:
        gone.append(CH.c.site_id.in_(site_ids))
    if campaign_id is not None:
        gone.append(CH.c.campaign_id == campaign_id)
    conn.execute(delete(CH).where(*gone))
    # A hazard counts under the site it is kept at: its own site's row when that is kept
    # itself, else the kept site's (merged along a chain too), once.
    found = [
        HZ.c.superseded.is_(False),
        HZ.c.found_on >= CP.c.starts_on,
        HZ.c.found_on <= CP.c.ends_on,
    ]
    cols = [
        CS.c.campaign_id,
        CS.c.site_id,
        HZ.c.jurisdiction,
        CS.c.jurisdiction.label("site_jurisdiction"),
        HZ.c.open,
        HZ.c.level,
        HZ.c.major_status,
    ]
    at_kept = CS.join(CP, CP.c.id == CS.c.campaign_id)
    at_own = (
        select(*cols)
        .select_from(
            at_kept.join(HZ, HZ.c.site_id == CS.c.site_id).join(SITE, SITE.c.id == CS.c.site_id)
        )
        .where(*where, *found, SITE.c.kept_id.is_(None))
    )
    merged_in = (
        select(*cols)
        .select_from(
            at_kept.join(SITE, SITE.c.kept_id == CS.c.site_id).join(HZ, HZ.c.site_id == SITE.c.id)
        )
        .where(*where, *found)
    )
    u = union_all(at_own, merged_in).subquery()
    shut = u.c.open.is_(False)
    major = major_sql.established(u.c.level, u.c.major_status)
    maybe = major_sql.suspected(u.c.level, u.c.major_status)
    counts = select(
        u.c.campaign_id,
        u.c.site_id,
        u.c.jurisdiction,
        u.c.site_jurisdiction,
        func.count().label("found"),
        func.sum(case((shut, 1), else_=0)).label("rectified"),
        func.sum(case((major, 1), else_=0)).label("major"),
        func.sum(case((and_(major, shut), 1), else_=0)).label("major_rectified"),
        func.sum(case((maybe, 1), else_=0)).label("suspected"),
        func.sum(case((and_(maybe, shut), 1), else_=0)).label("suspected_rectified"),
    ).group_by(u.c.campaign_id, u.c.site_id, u.c.jurisdiction, u.c.site_jurisdiction)
    names = [
        "campaign_id",
        "site_id",
        "jurisdiction",
        "site_jurisdiction",
        "found",
        "rectified",
        "major",
        "major_rectified",
        "suspected",
        "suspected_rectified",
    ]
    conn.execute(CH.insert().from_select(names, counts))


def refresh(conn: Connection, site_ids: Iterable[str]) -> None:
    """Compute the kept figures again for every campaign's rows of these sites."""
    ids = sorted({s for s in site_ids if s})
    if not ids:
        return
    registered = []
    for i in range(0, len(ids), CHUNK):
        part = ids[i : i + CHUNK]
        registered += [
            r.site_id
            for r in conn.execute(select(CS.c.site_id).where(CS.c.site_id.in_(part)).distinct())
        ]
    for i in range(0, len(registered), CHUNK):
        _refresh(conn, registered[i : i + CHUNK], None)


def refresh_campaign(conn: Connection, campaign_id: str) -> None:
    """Compute the kept figures of a whole campaign (when it is made)."""
    _refresh(conn, None, campaign_id)


def rebuild(conn: Connection) -> None:
    """Every campaign's kept figures from the read model (the migration that adds them)."""
    _refresh(conn, None, None)


def sites_of(
    conn: Connection, hazard_ids: Iterable[str], inspection_ids: Iterable[str]
) -> set[str]:
    """The sites of these hazards and inspections, as the read model has them now, and
    the sites those are kept at (which their inspections visit and their hazards count
    under)."""
    out: set[str] = set()
    for table, ids in ((HZ, sorted(set(hazard_ids))), (INSP, sorted(set(inspection_ids)))):
        joined = table.outerjoin(SITE, SITE.c.id == table.c.site_id)
        for i in range(0, len(ids), CHUNK):
            for r in conn.execute(
                select(table.c.site_id, SITE.c.kept_id)
                .select_from(joined)
                .where(table.c.id.in_(ids[i : i + CHUNK]))
            ):
                out.add(r.site_id)
                if r.kept_id:
                    out.add(r.kept_id)
    return out
