# SPDX-License-Identifier: Apache-2.0
"""Follow the change feed into the console's read model (console_site, _hazard, _notice...).

The sync tables hold each record as sent; the console needs hazards with their site,
industry and loop dates in one row to count a million of them in one indexed query.
``catch_up`` applies the accepted versions after the stored cursor, in feed order, in
one transaction per batch: the read model is always a prefix of the feed. How one
version becomes read-model rows is ``project_rows``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection, Engine

from fieldcheck.server.console import campaign_figures, site_merges, summary
from fieldcheck.server.console.project_rows import apply_one
from fieldcheck.server.console.tables import HZ, INSP, NT, SITE, CursorRow
from fieldcheck.server.tables import ChangeRow, VersionRow, table_of

C = table_of(ChangeRow)
V = table_of(VersionRow)
CUR = table_of(CursorRow)

BATCH = 5000
KINDS = ("site", "inspection", "finding", "finding_event", "notice")


def cursor(conn: Connection) -> int:
    return int(conn.execute(select(CUR.c.seq).where(CUR.c.name == "feed")).scalar() or 0)


def behind(conn: Connection) -> bool:
    """Whether the feed has changes the read model has not applied yet."""
    head = conn.execute(select(func.max(C.c.seq))).scalar() or 0
    return bool(head > cursor(conn))


def holds_received_by(conn: Connection, at: datetime) -> bool:
    """Whether the read model has applied every record version received up to ``at``: what
    it says of an inspection reported done at ``at`` (its hazards, pushed before) is then
    the whole of it. Only the feed's unapplied tail is looked at."""
    pending = conn.execute(
        select(C.c.seq)
        .join(
            V,
            and_(
                V.c.entity == C.c.entity, V.c.entity_id == C.c.entity_id, V.c.sha256 == C.c.sha256
            ),
        )
        .where(C.c.seq > cursor(conn), C.c.entity.in_(KINDS), V.c.received_at <= at)
        .limit(1)
    ).first()
    return pending is None


def catch_up(engine: Engine, *, limit: int | None = None) -> int:
    """Apply everything new in the feed; returns how many changes were applied."""
    done = 0
    while limit is None or done < limit:
        with engine.begin() as conn:
            n = _step(conn)
        done += n
        if n < BATCH:
            break
    return done


def _step(conn: Connection) -> int:
    # One process at a time folds the feed in: the summaries count by difference, so a
    # batch applied twice would count twice. SQLite's BEGIN IMMEDIATE already serialises;
    # PostgreSQL locks the cursor row.
    if conn.dialect.name == "postgresql":
        conn.execute(
            pg_insert(CUR)
            .values(name="feed", seq=0)
            .on_conflict_do_nothing(index_elements=["name"])
        )
        conn.execute(select(CUR.c.seq).where(CUR.c.name == "feed").with_for_update())
    since = cursor(conn)
    rows = conn.execute(
        select(C.c.seq, C.c.entity, C.c.entity_id, C.c.jurisdiction, V.c.content_json)
        .join(
            V,
            and_(
                V.c.entity == C.c.entity, V.c.entity_id == C.c.entity_id, V.c.sha256 == C.c.sha256
            ),
        )
        .where(C.c.seq > since)
        .order_by(C.c.seq)
        .limit(BATCH)
    ).all()
    if not rows:
        return 0
    sites: dict[str, dict[str, Any]] = {}
    batch = [
        (r.entity, json.loads(r.content_json), r.jurisdiction) for r in rows if r.entity in KINDS
    ]
    touched = _touched(conn, batch)
    deltas = summary.Deltas()
    _contribute(conn, touched, deltas, -1)
    visited = campaign_figures.sites_of(conn, touched["hazard"], touched["inspection"])
    for entity, content, jurisdiction in batch:
        apply_one(conn, entity, content, jurisdiction, sites)
    _contribute(conn, touched, deltas, +1)
    summary.flush(conn, deltas)
    visited |= campaign_figures.sites_of(conn, touched["hazard"], touched["inspection"])
    campaign_figures.refresh(conn, visited)  # the campaigns' kept coverage and figures
    last = rows[-1].seq
    if conn.execute(update(CUR).where(CUR.c.name == "feed").values(seq=last)).rowcount == 0:
        conn.execute(CUR.insert().values(name="feed", seq=last))
    return len(rows)


def _touched(conn: Connection, batch: list[tuple[str, dict[str, Any], str]]) -> dict[str, set[str]]:
    """The hazards, inspections and documents the batch may change, by table: a site's
    change touches its hazards (their industry, the kept site a campaign counts them
    under) and its inspections (a merge moves the site they cover), and those of the
    sites merged into it."""
    out: dict[str, set[str]] = {"hazard": set(), "inspection": set(), "notice": set()}
    out["site"] = site_ids = set()
    for entity, c, _jurisdiction in batch:
        if entity == "finding":
            out["hazard"].update(x for x in (c["id"], c.get("supersedes")) if x)
        elif entity == "finding_event":
            out["hazard"].add(c["finding_id"])
        elif entity == "site":
            site_ids.add(c["id"])
        elif entity in ("inspection", "notice"):
            out[entity].add(c["id"])
    # and so does every site merged into it along a chain (its kept site may move with it)
    site_ids |= site_merges.followers(conn, site_ids)
    ids = sorted(site_ids)
    for i in range(0, len(ids), summary.CHUNK):
        part = ids[i : i + summary.CHUNK]
        for kind, table in (("hazard", HZ), ("inspection", INSP)):
            out[kind].update(
                r.id for r in conn.execute(select(table.c.id).where(table.c.site_id.in_(part)))
            )
    return out


def _contribute(
    conn: Connection, touched: dict[str, set[str]], deltas: summary.Deltas, sign: int
) -> None:
    """Add (sign +1) or take away (-1) what the touched rows count in the summaries now."""
    for h in summary.rows_by_id(conn, HZ, touched["hazard"]):
        deltas.hazard(h, sign)
    for v in summary.visits_by_id(conn, touched["inspection"]):
        deltas.visit(v, sign)
    for n in summary.rows_by_id(conn, NT, touched["notice"]):
        deltas.notice(n, sign)
    for s in summary.rows_by_id(conn, SITE, touched["site"]):
        deltas.site(s, sign)
