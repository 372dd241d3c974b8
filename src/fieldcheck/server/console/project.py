# SPDX-License-Identifier: Apache-2.0
"""Follow the change feed into the console's read model (console_site, _hazard, _notice...).

The sync tables hold each record as sent; the console needs hazards with their site,
industry and loop dates in one row to count a million of them in one indexed query.
``catch_up`` applies the accepted versions after the stored cursor, in feed order, in
one transaction per batch: the read model is always a prefix of the feed.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection, Engine

from fieldcheck.core.clock import CHINA_TZ
from fieldcheck.server.console import campaign_figures, summary
from fieldcheck.server.console.tables import HZ, INSP, NT, SITE, CursorRow
from fieldcheck.server.tables import ChangeRow, VersionRow

C = ChangeRow.__table__  # type: ignore[attr-defined]
V = VersionRow.__table__  # type: ignore[attr-defined]
CUR = CursorRow.__table__  # type: ignore[attr-defined]

BATCH = 5000
RECTIFIED = ("verified", "closed", "revisit")  # 已整改: the rectification was accepted
EVENT_DATES = {
    "assign": "assigned_on",
    "report_rectification": "rectified_on",
    "fix_on_spot": "rectified_on",
    "verify_pass": "verified_on",
    "close": "closed_on",
    "revisit": "revisited_on",
}
KINDS = ("site", "inspection", "finding", "finding_event", "notice")


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def local_day(at: datetime) -> date:
    """The date people in China read for an instant (UTC+8)."""
    return at.astimezone(CHINA_TZ).date()


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _basis(basis: dict[str, Any]) -> str:
    parts = [basis.get("legal_basis"), basis.get("clause_ref")]
    return " ".join(p for p in parts if p)


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
    """The hazards, inspections and documents the batch may change, by table."""
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
    ids = sorted(site_ids)
    for i in range(0, len(ids), summary.CHUNK):
        part = ids[i : i + summary.CHUNK]
        out["hazard"].update(
            r.id for r in conn.execute(select(HZ.c.id).where(HZ.c.site_id.in_(part)))
        )
    return out


def _contribute(
    conn: Connection, touched: dict[str, set[str]], deltas: summary.Deltas, sign: int
) -> None:
    """Add (sign +1) or take away (-1) what the touched rows count in the summaries now."""
    for h in summary.rows_by_id(conn, HZ, touched["hazard"]):
        deltas.hazard(h, sign)
    for v in summary.rows_by_id(conn, INSP, touched["inspection"]):
        deltas.visit(v, sign)
    for n in summary.rows_by_id(conn, NT, touched["notice"]):
        deltas.notice(n, sign)
    for s in summary.rows_by_id(conn, SITE, touched["site"]):
        deltas.site(s, sign)


def _site(conn: Connection, site_id: str, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if site_id not in cache:
        row = conn.execute(select(SITE).where(SITE.c.id == site_id)).first()
        cache[site_id] = dict(row._mapping) if row else {"name": "", "uscc": "", "industry": ""}
    return cache[site_id]


def _upsert(conn: Connection, table: Any, key: str, values: dict[str, Any]) -> None:
    if conn.execute(update(table).where(table.c.id == key).values(**values)).rowcount == 0:
        conn.execute(table.insert().values(id=key, **values))


def apply_one(
    conn: Connection,
    entity: str,
    c: dict[str, Any],
    jurisdiction: str,
    sites: dict[str, dict[str, Any]],
) -> None:
    """Fold one accepted version into the read model."""
    if entity == "site":
        values = {
            "name": c["name"],
            "uscc": c.get("uscc") or "",
            "address": c.get("address", ""),
            "industry": c.get("industry", ""),
            "kind_of_place": c.get("kind_of_place", ""),
            "jurisdiction": c["jurisdiction"],
            "legal_rep": c.get("legal_rep", ""),
            "risk_level": c.get("risk_level", ""),
            "merged_into": c.get("merged_into"),  # 合并重复单位 on a device
        }
        _upsert(conn, SITE, c["id"], values)
        sites[c["id"]] = values
        conn.execute(
            update(HZ)
            .where(HZ.c.site_id == c["id"])
            .values(site_name=values["name"], uscc=values["uscc"], industry=values["industry"])
        )
    elif entity == "inspection":
        started = _dt(c["started_at"])
        assert started is not None
        site = _site(conn, c["site_id"], sites)
        _upsert(
            conn,
            INSP,
            c["id"],
            {
                "site_id": c["site_id"],
                "jurisdiction": jurisdiction,
                "industry": site["industry"],
                "day": local_day(started),
                "started_at": started,
            },
        )
    elif entity == "finding":
        _finding(conn, c, jurisdiction, sites)
    elif entity == "finding_event":
        _event(conn, c)
    elif entity == "notice":
        _notice(conn, c, jurisdiction)


def _finding(
    conn: Connection, c: dict[str, Any], jurisdiction: str, sites: dict[str, dict[str, Any]]
) -> None:
    site = _site(conn, c["site_id"], sites)
    found = _dt(c["found_at"])
    assert found is not None
    status = c.get("status", "found")
    values = {
        "site_id": c["site_id"],
        "inspection_id": c["inspection_id"],
        "jurisdiction": jurisdiction,
        "site_name": site["name"],
        "uscc": site["uscc"],
        "industry": site["industry"],
        "description": c["description"],
        "place": c.get("place", ""),
        "basis": _basis(c.get("basis") or {}),
        "level": c.get("level", "general"),
        "major_status": c.get("major_status"),
        "status": status,
        "open": status not in RECTIFIED,
        "deadline": _day(c.get("deadline")),
        "due_key": _day(c.get("deadline")) or date.max,
        "found_at": found,
        "found_on": local_day(found),
        "supervised": c.get("major_status") == "confirmed",
        "measures": c.get("measures", ""),
        "responsible": c.get("responsible", ""),
        "funds": c.get("funds", ""),
        "safety_plan": c.get("safety_plan", ""),
    }
    _upsert(conn, HZ, c["id"], values)
    if c.get("supersedes"):
        conn.execute(update(HZ).where(HZ.c.id == c["supersedes"]).values(superseded=True))


def _event(conn: Connection, c: dict[str, Any]) -> None:
    at = _dt(c["at"])
    assert at is not None
    status = c["to_status"]
    values: dict[str, Any] = {"status": status, "open": status not in RECTIFIED}
    column = EVENT_DATES.get(str(c["action"]))
    if column:
        values[column] = local_day(at)
    if c["action"] == "reopen":
        values["reopened"] = True
    if c.get("deadline"):
        values["deadline"] = values["due_key"] = _day(c["deadline"])
    conn.execute(update(HZ).where(HZ.c.id == c["finding_id"]).values(**values))
    if c["action"] == "verify_pass":
        row = conn.execute(select(HZ.c.deadline).where(HZ.c.id == c["finding_id"])).first()
        if row is not None:
            on_time = row.deadline is None or local_day(at) <= row.deadline
            conn.execute(update(HZ).where(HZ.c.id == c["finding_id"]).values(on_time=on_time))


def _notice(conn: Connection, c: dict[str, Any], jurisdiction: str) -> None:
    issued = _dt(c["issued_at"])
    assert issued is not None
    ids = list(c.get("finding_ids") or [])
    _upsert(
        conn,
        NT,
        c["id"],
        {
            "number": c["number"],
            "kind": c["kind"],
            "site_id": c["site_id"],
            "jurisdiction": jurisdiction,
            "issued_on": local_day(issued),
            "issued_at": issued,
            "issued_by": c.get("issued_by", ""),
            "finding_ids": json.dumps(ids),
            "voided": bool(c.get("voided")),
            "void_reason": c.get("void_reason", ""),
        },
    )
    for fid in ids:
        row = conn.execute(select(HZ.c.notices).where(HZ.c.id == fid)).first()
        if row is not None and c["number"] not in row.notices.split("、"):
            joined = "、".join(x for x in (row.notices, c["number"]) if x)
            conn.execute(update(HZ).where(HZ.c.id == fid).values(notices=joined))
