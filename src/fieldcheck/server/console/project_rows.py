# SPDX-License-Identifier: Apache-2.0
"""One accepted version of a record into the console's read model: a site, an
inspection, a finding with its site's particulars, a finding event's loop date, a
notice (``project`` follows the feed and calls ``apply_one`` for each).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from fieldcheck.core.clock import CHINA_TZ
from fieldcheck.server.console import site_merges
from fieldcheck.server.console.tables import HZ, INSP, NT, SITE

RECTIFIED = ("verified", "closed", "revisit")  # 已整改: the rectification was accepted
EVENT_DATES = {
    "assign": "assigned_on",
    "report_rectification": "rectified_on",
    "fix_on_spot": "rectified_on",
    "verify_pass": "verified_on",
    "close": "closed_on",
    "revisit": "revisited_on",
}


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


def _site(conn: Connection, site_id: str, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if site_id not in cache:
        row = conn.execute(select(SITE).where(SITE.c.id == site_id)).first()
        cache[site_id] = dict(row._mapping) if row else {"name": "", "uscc": "", "industry": ""}
    return cache[site_id]


def _named(
    conn: Connection, site: dict[str, Any], cache: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """The site a ledger row names: the kept one when a device merged this site into
    another (合并重复单位, the end of the chain: site_merges) and the console has it, else
    the site itself."""
    into = site.get("kept_id")
    kept = _site(conn, into, cache) if into else None
    return kept if kept and kept["name"] else site


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
        if not values["merged_into"]:
            values["kept_id"] = None  # kept itself (else site_merges.repoint sets it)
        _upsert(conn, SITE, c["id"], values)
        sites[c["id"]] = values
        # kept sites, the names hazards show, and their industry their site's own
        site_merges.repoint(conn, c["id"], sites, {"industry": values["industry"]})
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
    named = _named(conn, site, sites)  # name and code of the kept site; industry its own
    found = _dt(c["found_at"])
    assert found is not None
    status = c.get("status", "found")
    values = {
        "site_id": c["site_id"],
        "inspection_id": c["inspection_id"],
        "jurisdiction": jurisdiction,
        "site_name": named["name"],
        "uscc": named["uscc"],
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
