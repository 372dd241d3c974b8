# SPDX-License-Identifier: Apache-2.0
"""Rankings (周晾晒/月排名): each child jurisdiction's metrics, index and movement."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from fieldcheck.server.console import major_sql, summary
from fieldcheck.server.console.figures import period_where, sum_where
from fieldcheck.server.console.queries import Period, inside
from fieldcheck.server.console.summary import CS, HS, SS
from fieldcheck.server.console.tables import HZ, INSP, SITE

DEFAULT_WEIGHTS = {
    "coverage": 0.25,  # registered sites inspected in the period
    "rectification": 0.25,  # 整改率 of hazards found in the period
    "on_time": 0.2,  # verified by their deadline, of those verified
    "major_on_time": 0.2,  # major hazards verified by their deadline, of majors due
    "revisit": 0.1,  # not found back at 回头看, of those revisited
}
NOTHING = "无可计"  # a unit with nothing to measure: no index, not ranked
METRIC_ZH = {
    "coverage": "检查覆盖率",
    "rectification": "隐患整改率",
    "on_time": "按期整改率",
    "major_on_time": "重大隐患按期整改率",
    "revisit": "回头看巩固率",
}


def ranking(
    conn: Connection,
    scope: str,
    p: Period,
    children: list[tuple[str, str]],
    child_len: int,
    weights: dict[str, float],
    sites: Any = None,
) -> list[dict[str, Any]]:
    """Each child jurisdiction's metrics and index (0-100), best first; see docs/console.md.

    ``sites`` (a subquery of site ids: a campaign's register) limits every metric to them
    (then by the plain queries: the summaries do not know campaigns).
    """
    hz = {r.k: r for r in _ranking_groups(conn, scope, p, child_len, sites)}
    registered = {r.k: r.n for r in _registered(conn, scope, child_len, sites)}
    inspected = {r.k: r.n for r in _inspected(conn, scope, p, child_len, sites)}
    codes = [c for c, _ in children] or sorted(set(hz) | set(registered))
    names = dict(children)
    out: list[dict[str, Any]] = []
    for code in codes:
        r = hz.get(code)

        def ratio(num: float, den: float) -> float | None:
            return num / den if den else None

        metrics = {
            "coverage": ratio(inspected.get(code, 0), registered.get(code, 0)),
            "rectification": ratio(r.rectified, r.found) if r else None,
            "on_time": ratio(r.on_time, r.verified) if r else None,
            "major_on_time": ratio(r.major_on_time, r.major_due) if r else None,
            "revisit": (1 - r.reopened / r.revisited) if r and r.revisited else None,
        }
        out.append(
            {
                "code": code,
                "name": names.get(code, code),
                "metrics": metrics,
                "found": r.found if r else 0,
                "index": index_of(metrics, weights),
            }
        )
    return ranked(out)


def index_of(metrics: dict[str, float | None], weights: dict[str, float]) -> float | None:
    """100 × Σ(weight × metric) ÷ Σ weight over the metrics with something to measure.

    A metric with nothing to measure (no hazards due, no sites registered, ...) is left
    out, not counted as met; a unit with nothing to measure at all has no index (None),
    so it is not ranked: 无可计.
    """
    measured = {k: v for k, v in metrics.items() if v is not None}
    total_w = sum(max(0.0, weights.get(k, 0)) for k in measured)
    if not total_w:
        return None
    score = sum(max(0.0, weights.get(k, 0)) * min(1.0, v) for k, v in measured.items())
    return round(100 * score / total_w, 1)


def ranked(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Best index first, then the units with nothing to measure (rank None), by code."""
    rows.sort(key=lambda d: (d["index"] is None, -float(d["index"] or 0), str(d["code"])))
    for rank, d in enumerate(rows, start=1):
        d["rank"] = None if d["index"] is None else rank
    return rows


def _only(column: Any, sites: Any) -> list[ColumnElement[bool]]:
    return [] if sites is None else [column.in_(sites)]


def _ranking_groups(conn: Connection, scope: str, p: Period, n: int, sites: Any) -> Any:
    """Per child: found, rectified, verified, on_time, major_due, major_on_time, revisited..."""
    if sites is None and summary.fast(scope, n):
        major_due = case((HS.c.due <= p.end, HS.c.major), else_=0)
        return conn.execute(
            select(
                HS.c.code.label("k"),
                func.sum(HS.c.found).label("found"),
                func.sum(case((HS.c.open.is_(False), HS.c.found), else_=0)).label("rectified"),
                func.sum(HS.c.verified).label("verified"),
                func.sum(HS.c.on_time).label("on_time"),
                func.sum(major_due).label("major_due"),
                func.sum(HS.c.major_on_time).label("major_on_time"),
                func.sum(HS.c.revisited).label("revisited"),
                func.sum(HS.c.reopened).label("reopened"),
            )
            .where(*sum_where(HS, scope, p, n))
            .group_by(HS.c.code)
        )
    child = func.substr(HZ.c.jurisdiction, 1, n)
    major = major_sql.established(HZ.c.level, HZ.c.major_status)
    due = and_(HZ.c.deadline.is_not(None), HZ.c.deadline <= p.end)
    return conn.execute(
        select(
            child.label("k"),
            func.count().label("found"),
            func.sum(case((HZ.c.open.is_(False), 1), else_=0)).label("rectified"),
            func.sum(case((HZ.c.verified_on.is_not(None), 1), else_=0)).label("verified"),
            func.sum(case((HZ.c.on_time.is_(True), 1), else_=0)).label("on_time"),
            func.sum(case((and_(major, due), 1), else_=0)).label("major_due"),
            func.sum(case((and_(major, HZ.c.on_time.is_(True)), 1), else_=0)).label(
                "major_on_time"
            ),
            func.sum(case((HZ.c.revisited_on.is_not(None), 1), else_=0)).label("revisited"),
            func.sum(case((HZ.c.reopened.is_(True), 1), else_=0)).label("reopened"),
        )
        .where(*period_where(scope, p), *_only(HZ.c.site_id, sites))
        .group_by(child)
    )


def _registered(conn: Connection, scope: str, n: int, sites: Any) -> Any:
    """(k child, n registered sites)."""
    if sites is None and summary.fast(scope, n):
        return conn.execute(
            select(SS.c.code.label("k"), SS.c.n.label("n")).where(
                SS.c.lvl == n, inside(SS.c.code, scope), SS.c.n > 0
            )
        )
    schild = func.substr(SITE.c.jurisdiction, 1, n)
    return conn.execute(
        select(schild.label("k"), func.count().label("n"))
        .where(
            inside(SITE.c.jurisdiction, scope),
            SITE.c.kept_id.is_(None),
            *_only(SITE.c.id, sites),
        )
        .group_by(schild)
    )


def _inspected(conn: Connection, scope: str, p: Period, n: int, sites: Any) -> Any:
    """(k child, n distinct sites inspected in the period)."""
    kind = summary.period_kind(p.start, p.end)
    if sites is None and kind is not None and summary.fast(scope, n):
        return conn.execute(
            select(CS.c.code.label("k"), CS.c.sites.label("n")).where(
                CS.c.kind == kind,
                CS.c.start == p.start,
                CS.c.lvl == n,
                inside(CS.c.code, scope),
                CS.c.sites > 0,
            )
        )
    ichild = func.substr(INSP.c.jurisdiction, 1, n)
    return conn.execute(  # an inspection at a merged site covers the kept one, once
        select(ichild.label("k"), func.count(func.distinct(summary.UNIT)).label("n"))
        .select_from(summary.VISITS)
        .where(
            inside(INSP.c.jurisdiction, scope),
            INSP.c.day >= p.start,
            INSP.c.day <= p.end,
            *_only(summary.UNIT, sites),
        )
        .group_by(ichild)
    )


def with_movement(now: list[dict[str, Any]], before: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add the change of rank since the last period (+ is up) and mark the bottom three
    of those ranked (a unit with nothing to measure is neither moved nor bottom)."""
    prev = {d["code"]: d["rank"] for d in before if d.get("rank") is not None}
    placed = [d for d in now if d.get("rank") is not None]
    bottom = {d["code"] for d in placed[-3:]} if len(placed) > 3 else set()
    for d in now:
        moved = d.get("rank") is not None and d["code"] in prev
        d["movement"] = prev[d["code"]] - d["rank"] if moved else None
        d["bottom"] = d["code"] in bottom
    return now
