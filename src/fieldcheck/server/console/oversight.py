# SPDX-License-Identifier: Apache-2.0
"""督办 beside escalations.py: what each escalation is about (the hazard's or task's site
and description, for 领导责任), lifting one (解除, by the level that set it), a hazard's
escalations in force and lifted, and the 验收销号 list (who verified and who closed each
hazard, and when)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, literal, select, tuple_
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from fieldcheck.core import clock, terms
from fieldcheck.server.console import major_sql, records
from fieldcheck.server.console.escalations import (
    AP,
    LEVEL_ZH,
    E,
    EscalationError,
    NotYourLevel,
    of_hazard,
)
from fieldcheck.server.console.ledger import PAGE, Page, dec_cursor, enc_cursor
from fieldcheck.server.console.queries import inside
from fieldcheck.server.console.tables import HZ
from fieldcheck.server.console.tasks import KIND_ZH, T

KIND_BY_VALUE = {k.value: v for k, v in KIND_ZH.items()}


def _chunks(ids: set[str]) -> list[list[str]]:
    items = sorted(i for i in ids if i)
    return [items[i : i + 500] for i in range(0, len(items), 500)]


def subjects(conn: Connection, scope: str, rows: list[Any]) -> dict[str, dict[str, str]]:
    """Escalation id -> {site, what, level, kind}: the site and the hazard's description, or for a
    task its kind, its site (or the place a citizen named) and the hazard it concerns; the
    level of a major one as the console words it (疑似重大隐患 until the expert rules).
    Only hazards inside ``scope`` are read: a task of the area about another area's hazard
    shows its kind and note, not that hazard's text."""
    hazard_ids = {r.hazard_id for r in rows} | {
        r.target_id for r in rows if r.target_kind == "hazard"
    }
    task_ids = {r.target_id for r in rows if r.target_kind == "task"}
    hz: dict[str, Any] = {}
    for part in _chunks(hazard_ids):
        for row in conn.execute(
            select(
                HZ.c.id,
                HZ.c.site_name,
                HZ.c.description,
                HZ.c.place,
                HZ.c.level,
                HZ.c.major_status,
            ).where(HZ.c.id.in_(part), HZ.c.superseded.is_(False), inside(HZ.c.jurisdiction, scope))
        ):
            hz[row.id] = row
    tk: dict[str, Any] = {}
    for part in _chunks(task_ids):
        for task in conn.execute(
            select(T.c.id, T.c.kind, T.c.site_name, T.c.place, T.c.note).where(T.c.id.in_(part))
        ):
            tk[task.id] = task
    out: dict[str, dict[str, str]] = {}
    for r in rows:
        h = hz.get(r.hazard_id or (r.target_id if r.target_kind == "hazard" else ""))
        kind = ""
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
        major = h is not None and h.level == "major"
        level = terms.level_zh(h.level, h.major_status) if h is not None and major else ""
        out[r.id] = {"site": site, "what": what, "level": level, "kind": kind}
    return out


# ---- lifting an escalation, a hazard's escalations, the 验收销号 list


def lift(conn: Connection, account: Any, escalation_id: str) -> Any:
    """Lift (解除) an escalation in force; only the level that set it (its role and area)."""
    e = conn.execute(
        select(E).where(E.c.id == escalation_id, inside(E.c.jurisdiction, account.jurisdiction))
    ).first()
    if e is None:
        raise EscalationError("本辖区没有这项督办（no such escalation in your area）")
    if e.lifted_at is not None:
        raise EscalationError("这项督办已解除（already lifted）")
    if e.level != str(account.role) or e.level_code != account.jurisdiction:
        raise NotYourLevel(
            f"这项督办由{LEVEL_ZH.get(e.level, e.level)}作出，须由该级解除"
            "（only the level that set it may lift it）"
        )
    conn.execute(E.update().where(E.c.id == e.id).values(lifted_at=clock.now()))
    return e


def of_hazard_all(conn: Connection, hazard_id: str) -> list[Any]:
    """Every escalation concerning a hazard, in force or lifted, oldest first."""
    return list(conn.execute(select(E).where(E.c.hazard_id == hazard_id).order_by(E.c.created_at)))


def _last(events: list[dict[str, Any]], actions: set[str]) -> dict[str, Any] | None:
    found = [e for e in events if e.get("action") in actions]
    return found[-1] if found else None


def _closure_where(scope: str, level: str) -> list[ColumnElement[bool]]:
    where = [
        inside(HZ.c.jurisdiction, scope),
        HZ.c.superseded.is_(False),
        HZ.c.verified_on.is_not(None),
    ]
    if level == "general":
        where.append(HZ.c.level == level)
    elif level == "major":  # 重大隐患: the expert confirmed it
        where.append(major_sql.established(HZ.c.level, HZ.c.major_status))
    elif level == "suspected":  # 疑似重大隐患: recorded as major, awaiting the expert
        where.append(major_sql.suspected(HZ.c.level, HZ.c.major_status))
    return where


def closures_count(conn: Connection, scope: str, level: str = "") -> int:
    where = _closure_where(scope, level)
    return int(conn.execute(select(func.count()).select_from(HZ).where(*where)).scalar_one())


def closures(conn: Connection, scope: str, level: str = "", after: str = "") -> Page:
    """验收销号, one page (the ledger's size and keyset cursor): the area's verified or
    closed hazards, latest first, each with who verified and who closed it and when (from
    the hazard's events), and a major hazard's 销号 approvals."""
    where = _closure_where(scope, level)
    day = func.coalesce(HZ.c.closed_on, HZ.c.verified_on)
    values = dec_cursor(after) if after else None
    if values is not None:
        try:
            since = date.fromisoformat(str(values[0]))
        except ValueError:
            since = None
        if since is not None:
            where.append(
                tuple_(day, HZ.c.id)
                < tuple_(literal(since, HZ.c.verified_on.type), literal(str(values[1])))
            )
    rows = list(
        conn.execute(select(HZ).where(*where).order_by(day.desc(), HZ.c.id.desc()).limit(PAGE + 1))
    )
    nxt = None
    if len(rows) > PAGE:
        rows = rows[:PAGE]
        nxt = enc_cursor([rows[-1].closed_on or rows[-1].verified_on, rows[-1].id])
    ids = [r.id for r in rows]
    events = records.events_of(conn, ids)
    approved: dict[str, list[Any]] = {}
    for part in _chunks(set(ids)):
        for a in conn.execute(
            select(AP).where(AP.c.hazard_id.in_(part)).order_by(AP.c.approved_at)
        ):
            approved.setdefault(a.hazard_id, []).append(a)
    verified = {"verify_pass", "fix_on_spot"}
    closed = {"close", "revisit_confirm"}
    people = records.people(
        conn,
        {
            e["actor_id"]
            for evs in events.values()
            for e in evs
            if e.get("action") in verified | closed
        },
    )
    out = []
    for r in rows:
        evs = events.get(r.id, [])
        v, c = _last(evs, verified), _last(evs, {"close"})
        out.append(
            SimpleNamespace(
                h=r,
                verified_by=people.get(v["actor_id"], {}).get("name", v["actor_id"]) if v else "",
                verified_at=v["at"] if v else None,
                closed_by=people.get(c["actor_id"], {}).get("name", c["actor_id"]) if c else "",
                closed_at=c["at"] if c else None,
                approvals=approved.get(r.id, []),
                close_state="" if r.closed_on else _close_state(conn, r.id, approved.get(r.id)),
            )
        )
    return Page(out, nxt)


def _close_state(conn: Connection, hazard_id: str, approved: list[Any] | None) -> str:
    """Where a verified, not yet closed hazard stands on its way to 销号: each 挂牌督办
    level still to approve (分级销号), or, all of them having approved, the grid's 销号
    on the device, which the server learns by sync; 待销号 when no approval is involved."""
    if not approved:
        waits = [e for e in of_hazard(conn, hazard_id) if e.kind == "listed"]
    else:
        done = {a.escalation_id for a in approved}
        waits = [e for e in of_hazard(conn, hazard_id) if e.kind == "listed" and e.id not in done]
        if not waits:
            return "已批准销号，待网格员销号并同步 Approved; the grid closes it on the device"
    if waits:
        levels = "、".join(dict.fromkeys(LEVEL_ZH.get(e.level, e.level) for e in waits))
        return f"待{levels}审批销号 Awaiting approval"
    return "待销号 Not yet"
