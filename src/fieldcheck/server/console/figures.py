# SPDX-License-Identifier: Apache-2.0
"""The overview's official figures (by child jurisdiction and industry) and the 日通报's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from fieldcheck.server.console import major_sql, summary
from fieldcheck.server.console.ledger import Filter, conditions
from fieldcheck.server.console.queries import Period, inside
from fieldcheck.server.console.summary import HS, NS, VS
from fieldcheck.server.console.tables import HZ, INSP, NT

FIGURES = (
    ("found", "发现隐患项"),
    ("rectified", "已整改"),
    ("rate", "隐患整改率"),
    ("major", "重大隐患"),
    ("major_rectified", "重大隐患已整改"),
    ("major_open", "重大隐患未整改"),
    ("suspected", "疑似重大隐患"),
    ("overdue", "逾期未整改"),
    ("supervised", "挂牌督办"),
)


def _figures_cols(today: date) -> list[Any]:
    major = major_sql.established(HZ.c.level, HZ.c.major_status)
    maybe = major_sql.suspected(HZ.c.level, HZ.c.major_status)
    shut = HZ.c.open.is_(False)
    return [
        func.count().label("found"),
        func.sum(case((shut, 1), else_=0)).label("rectified"),
        func.sum(case((major, 1), else_=0)).label("major"),
        func.sum(case((and_(major, shut), 1), else_=0)).label("major_rectified"),
        func.sum(case((and_(HZ.c.open.is_(True), HZ.c.deadline < today), 1), else_=0)).label(
            "overdue"
        ),
        func.sum(case((and_(HZ.c.supervised.is_(True), HZ.c.open.is_(True)), 1), else_=0)).label(
            "supervised"
        ),
        func.sum(case((maybe, 1), else_=0)).label("suspected"),
        func.sum(case((and_(maybe, shut), 1), else_=0)).label("suspected_rectified"),
    ]


def period_where(scope: str, p: Period) -> list[ColumnElement[bool]]:
    return conditions(scope, Filter(found_from=p.start, found_to=p.end), p.end, seek=False)


def _figures(row: Any) -> dict[str, Any]:
    found = int(row.found or 0)
    rectified = int(row.rectified or 0)
    major = int(row.major or 0)
    major_rect = int(row.major_rectified or 0)
    return {
        "found": found,
        "rectified": rectified,
        "rate": round(100 * rectified / found, 1) if found else None,
        "major": major,
        "major_rectified": major_rect,
        "major_open": major - major_rect,
        "overdue": int(row.overdue or 0),
        "supervised": int(row.supervised or 0),
        # 重大隐患 above are the ones the expert confirmed; these await him (疑似重大隐患)
        "suspected": int(row.suspected or 0),
        "suspected_open": int(row.suspected or 0) - int(row.suspected_rectified or 0),
    }


def _hazard_groups(conn: Connection, scope: str, p: Period, today: date, n: int) -> Any:
    """(k child, i industry, found, rectified, major, major_rectified, overdue, supervised,
    suspected, suspected_rectified)."""
    if not summary.fast(scope, n):
        child = func.substr(HZ.c.jurisdiction, 1, n)
        return conn.execute(
            select(child.label("k"), HZ.c.industry.label("i"), *_figures_cols(today))
            .where(*period_where(scope, p))
            .group_by(child, HZ.c.industry)
        )
    shut = HS.c.open.is_(False)
    is_open = HS.c.open.is_(True)
    return conn.execute(
        select(
            HS.c.code.label("k"),
            HS.c.industry.label("i"),
            func.sum(HS.c.found).label("found"),
            func.sum(case((shut, HS.c.found), else_=0)).label("rectified"),
            func.sum(HS.c.major).label("major"),
            func.sum(case((shut, HS.c.major), else_=0)).label("major_rectified"),
            func.sum(case((and_(is_open, HS.c.due < today), HS.c.found), else_=0)).label("overdue"),
            func.sum(case((is_open, HS.c.supervised), else_=0)).label("supervised"),
            func.sum(HS.c.suspected).label("suspected"),
            func.sum(case((shut, HS.c.suspected), else_=0)).label("suspected_rectified"),
        )
        .where(*sum_where(HS, scope, p, n))
        .group_by(HS.c.code, HS.c.industry)
    )


def sum_where(table: Any, scope: str, p: Period, n: int) -> list[ColumnElement[bool]]:
    return [
        table.c.lvl == n,
        inside(table.c.code, scope),
        table.c.day >= p.start,
        table.c.day <= p.end,
    ]


def _visit_groups(conn: Connection, scope: str, p: Period, n: int) -> Any:
    """(k child, i industry, n inspections)."""
    if summary.fast(scope, n):
        return conn.execute(
            select(VS.c.code.label("k"), VS.c.industry.label("i"), func.sum(VS.c.n).label("n"))
            .where(*sum_where(VS, scope, p, n))
            .group_by(VS.c.code, VS.c.industry)
        )
    ichild = func.substr(INSP.c.jurisdiction, 1, n)
    return conn.execute(
        select(ichild.label("k"), INSP.c.industry.label("i"), func.count().label("n"))
        .where(inside(INSP.c.jurisdiction, scope), INSP.c.day >= p.start, INSP.c.day <= p.end)
        .group_by(ichild, INSP.c.industry)
    )


def _notice_groups(conn: Connection, scope: str, p: Period, n: int) -> Any:
    """(k child, n documents issued and not voided)."""
    if summary.fast(scope, n):
        return conn.execute(
            select(NS.c.code.label("k"), func.sum(NS.c.n).label("n"))
            .where(*sum_where(NS, scope, p, n))
            .group_by(NS.c.code)
        )
    nchild = func.substr(NT.c.jurisdiction, 1, n)
    return conn.execute(
        select(nchild.label("k"), func.count().label("n"))
        .where(
            inside(NT.c.jurisdiction, scope),
            NT.c.issued_on >= p.start,
            NT.c.issued_on <= p.end,
            NT.c.voided.is_(False),
        )
        .group_by(nchild)
    )


def overview(
    conn: Connection, scope: str, p: Period, today: date, child_len: int
) -> dict[str, Any]:
    """The official figures for the period, in total, by child jurisdiction and by industry.

    From the summary rows (console.summary) when the child length is one of its levels,
    else by the plain GROUP BY over console_hazard; both give the same numbers.
    """
    totals: dict[str, Counts] = {}
    kids: dict[str, Counts] = {}
    trades: dict[str, Counts] = {}
    for r in _hazard_groups(conn, scope, p, today, child_len):
        for bucket, key in ((totals, ""), (kids, r.k), (trades, r.i)):
            bucket.setdefault(key, Counts()).add(r)
    total = _figures(totals.get("", Counts()))
    by_child = {k: _figures(v) for k, v in sorted(kids.items())}
    by_industry = {k: _figures(v) for k, v in sorted(trades.items(), key=lambda kv: -kv[1].found)}
    visits = 0
    for r in _visit_groups(conn, scope, p, child_len):
        n = int(r.n or 0)
        visits += n
        for figs, key in ((by_child, r.k), (by_industry, r.i)):
            one = figs.setdefault(key, _figures(_zero()))
            one["visits"] = one.get("visits", 0) + n
    notices = 0
    for r in _notice_groups(conn, scope, p, child_len):
        notices += int(r.n or 0)
        by_child.setdefault(r.k, _figures(_zero()))["notices"] = int(r.n or 0)
    total.update(visits=visits, notices=notices)
    for figures in (*by_child.values(), *by_industry.values()):
        figures.setdefault("visits", 0)
        figures.setdefault("notices", 0)
    return {"total": total, "by_child": by_child, "by_industry": by_industry}


@dataclass
class Counts:
    """The summed counts behind the figures of one group."""

    found: int = 0
    rectified: int = 0
    major: int = 0
    major_rectified: int = 0
    overdue: int = 0
    supervised: int = 0
    suspected: int = 0
    suspected_rectified: int = 0

    def add(self, row: Any) -> None:
        for key in self.__dataclass_fields__:
            setattr(self, key, getattr(self, key) + int(getattr(row, key) or 0))


def _zero() -> Counts:
    return Counts()


# ---- 日通报


def daily(conn: Connection, scope: str, day: date, child_len: int) -> dict[str, Any]:
    """One day's figures by child jurisdiction, and the day before's to compare."""

    def on(d: date) -> dict[str, dict[str, int]]:
        child = func.substr(HZ.c.jurisdiction, 1, child_len)
        base = [inside(HZ.c.jurisdiction, scope), HZ.c.superseded.is_(False)]
        major = major_sql.established(HZ.c.level, HZ.c.major_status)
        maybe = major_sql.suspected(HZ.c.level, HZ.c.major_status)
        out: dict[str, dict[str, int]] = {}
        for r in conn.execute(
            select(
                child.label("k"),
                func.sum(case((HZ.c.found_on == d, 1), else_=0)).label("found"),
                func.sum(
                    case(
                        (
                            and_(HZ.c.found_on == d, major),
                            1,
                        ),
                        else_=0,
                    )
                ).label("major"),
                func.sum(case((and_(HZ.c.found_on == d, maybe), 1), else_=0)).label("suspected"),
                func.sum(case((HZ.c.verified_on == d, 1), else_=0)).label("rectified"),
                func.sum(
                    case(
                        (and_(HZ.c.open.is_(True), HZ.c.deadline < d, HZ.c.found_on <= d), 1),
                        else_=0,
                    )
                ).label("overdue"),
            )
            .where(*base)
            .group_by(child)
        ):
            out[r.k] = {
                "found": int(r.found or 0),
                "major": int(r.major or 0),
                "suspected": int(r.suspected or 0),
                "rectified": int(r.rectified or 0),
                "overdue": int(r.overdue or 0),
            }
        ichild = func.substr(INSP.c.jurisdiction, 1, child_len)
        for r in conn.execute(
            select(ichild.label("k"), func.count().label("n"))
            .where(inside(INSP.c.jurisdiction, scope), INSP.c.day == d)
            .group_by(ichild)
        ):
            zero = {"found": 0, "major": 0, "suspected": 0, "rectified": 0, "overdue": 0}
            out.setdefault(r.k, zero)["visits"] = r.n
        for v in out.values():
            v.setdefault("visits", 0)
        return out

    return {"day": on(day), "before": on(day - timedelta(days=1))}
