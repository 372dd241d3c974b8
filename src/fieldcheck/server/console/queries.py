# SPDX-License-Identifier: Apache-2.0
"""The console's query layer: every read is scoped to the account's jurisdiction here.

Pages and exports call these functions (and those of ``ledger``, ``figures`` and
``ranking``) only; each takes the scope code first and adds ``inside(column, code)`` to its
WHERE clause, so no query can forget it. This module holds the scope test, the period, the
labels, and the reads of one site (一企一档), one hazard and 挂牌督办.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, literal, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from fieldcheck.core import terms
from fieldcheck.server.console import summary
from fieldcheck.server.console.tables import HZ, INSP, NT, SITE

STATUS_ZH = {
    "found": "已排查",
    "assigned": "已交办",
    "rectifying": "整改中",
    "verified": "已验收",
    "failed_verification": "验收未通过",
    "closed": "已销号",
    "revisit": "回头看",
}
LEVEL_ZH = {lv.value: text for lv, text in terms.LEVEL_ZH.items()}
# 一般隐患 / 重大隐患, and 疑似重大隐患 for a major hazard no expert has confirmed yet
level_text = terms.level_zh
# The ledger's level filter: 重大隐患 are the ones the expert confirmed, 疑似 apart (ledger)
LEDGER_LEVELS = {**LEVEL_ZH, "suspected": terms.SUSPECTED_MAJOR_ZH}


NOTICE_ZH = {
    "record": "现场检查记录",
    "rectification": "隐患整改通知书",
    "order": "责令限期整改指令书",
    "review": "整改复查意见书",
}


def _upper(code: str) -> str:
    """The smallest string above every code that starts with code (binary order)."""
    return code[:-1] + chr(ord(code[-1]) + 1) if code else "\U0010ffff"


def inside(column: Any, code: str) -> ColumnElement[bool]:
    """column holds code or one of its descendants: an index range, then the exact prefix."""
    if not code:
        return literal(True)
    like = code.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return and_(column >= code, column < _upper(code), column.like(like, escape="\\"))


@dataclass(frozen=True)
class Period:
    """A closed range of days, and how to say it."""

    start: date
    end: date
    label: str

    @staticmethod
    def of(kind: str, today: date, start: str = "", end: str = "") -> Period:
        if kind == "week":
            s = summary.week_start(today)  # the same week as the summary rows
            return Period(s, s + timedelta(days=6), f"本周 {s}—{s + timedelta(days=6)}")
        if kind == "month":
            s = today.replace(day=1)
            nxt = (s + timedelta(days=32)).replace(day=1)
            return Period(s, nxt - timedelta(days=1), f"{s.year}年{s.month}月")
        if kind == "year":
            return Period(date(today.year, 1, 1), date(today.year, 12, 31), f"{today.year}年")
        if kind == "range" and start and end:
            s, e = date.fromisoformat(start), date.fromisoformat(end)
            if e < s:
                s, e = e, s
            return Period(s, e, f"{s}—{e}")
        return Period(today, today, f"今日 {today}")

    def previous(self) -> Period:
        days = (self.end - self.start).days + 1
        if self.start.day == 1 and (self.end + timedelta(days=1)).day == 1:  # a month
            e = self.start - timedelta(days=1)
            return Period(e.replace(day=1), e, f"{e.year}年{e.month}月")
        s = self.start - timedelta(days=days)
        return Period(s, self.start - timedelta(days=1), f"{s}—{self.start - timedelta(days=1)}")


def child_length(conn: Connection, scope: str, children: list[tuple[str, str]]) -> int:
    """How many leading characters of a code name the child jurisdiction."""
    if children:
        return len(children[0][0])
    return {2: 4, 4: 6, 6: 9, 9: 12}.get(len(scope), len(scope) + 3)


# ---- one site (一企一档) and one hazard


def site(conn: Connection, scope: str, site_id: str) -> Any | None:
    return conn.execute(
        select(SITE).where(SITE.c.id == site_id, inside(SITE.c.jurisdiction, scope))
    ).first()


def merged_sites(conn: Connection, scope: str, site_id: str) -> list[Any]:
    """The sites a device merged into this one (合并重复单位), along a chain too (they
    count here: kept_id), in the area, by name."""
    stmt = select(SITE).where(SITE.c.kept_id == site_id, inside(SITE.c.jurisdiction, scope))
    return list(conn.execute(stmt.order_by(SITE.c.name, SITE.c.id)))


def _of_site(
    conn: Connection, table: Any, scope: str, site_ids: Sequence[str], order: Any
) -> list[Any]:
    where = [table.c.site_id.in_(list(site_ids)), inside(table.c.jurisdiction, scope)]
    return list(conn.execute(select(table).where(*where).order_by(order.desc())))


def site_hazards(conn: Connection, scope: str, *site_ids: str) -> list[Any]:
    """The hazards of the site (and of the sites merged into it, given after it)."""
    return _of_site(conn, HZ, scope, site_ids, HZ.c.found_at)


def site_inspections(conn: Connection, scope: str, *site_ids: str) -> list[Any]:
    return _of_site(conn, INSP, scope, site_ids, INSP.c.started_at)


def site_notices(conn: Connection, scope: str, *site_ids: str) -> list[Any]:
    return _of_site(conn, NT, scope, site_ids, NT.c.issued_at)


def hazard(conn: Connection, scope: str, hazard_id: str) -> Any | None:
    return conn.execute(
        select(HZ).where(HZ.c.id == hazard_id, inside(HZ.c.jurisdiction, scope))
    ).first()


def notice(conn: Connection, scope: str, notice_id: str) -> Any | None:
    return conn.execute(
        select(NT).where(NT.c.id == notice_id, inside(NT.c.jurisdiction, scope))
    ).first()


def supervised(conn: Connection, scope: str, today: date) -> list[Any]:
    """挂牌督办: open expert-confirmed major hazards, overdue first, then by deadline."""
    overdue = case((HZ.c.deadline < today, 0), else_=1)
    return list(
        conn.execute(
            select(HZ)
            .where(
                inside(HZ.c.jurisdiction, scope),
                HZ.c.supervised.is_(True),
                HZ.c.open.is_(True),
                HZ.c.superseded.is_(False),
            )
            .order_by(overdue, HZ.c.deadline.is_(None), HZ.c.deadline, HZ.c.found_at)
            .limit(1000)
        )
    )


def industries(conn: Connection, scope: str) -> list[str]:
    return site_values(conn, scope, "industry")


def site_values(conn: Connection, scope: str, name: str) -> list[str]:
    """The distinct non-empty values of one column of the area's sites (up to 200)."""
    col = SITE.c[name]
    rows = conn.execute(
        select(col)
        .where(inside(SITE.c.jurisdiction, scope), col != "")
        .group_by(col)
        .order_by(col)
        .limit(200)
    )
    return [r[0] for r in rows]
