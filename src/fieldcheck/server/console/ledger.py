# SPDX-License-Identifier: Apache-2.0
"""The ledger across the jurisdiction: its filter, keyset pages and the export's rows.

The filter is shared by the overview's click-through, the ledger page and the xlsx export.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, literal, literal_column, or_, select, tuple_
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from fieldcheck.core.clock import CHINA_TZ
from fieldcheck.server.console import major_sql
from fieldcheck.server.console.queries import inside
from fieldcheck.server.console.tables import HZ

PAGE = 50
NONE: ColumnElement[str] = literal_column(
    "''"
)  # no document: inline, as the noticed indexes' WHERE says it


@dataclass
class Filter:
    """What the ledger shows; every overview figure is one of these."""

    status: str = ""  # a status, or "open" / "rectified"
    level: str = ""
    industry: str = ""
    child: str = ""  # a code inside the scope
    overdue: bool = False
    due_soon: bool = False
    supervised: bool = False
    noticed: bool = False
    reopened: bool = False
    q: str = ""
    found_from: date | None = None
    found_to: date | None = None
    sort: str = "found"  # found / deadline / site
    desc: bool = True

    @staticmethod
    def from_query(args: dict[str, str]) -> Filter:
        def day(key: str) -> date | None:
            try:
                return date.fromisoformat(args[key]) if args.get(key) else None
            except ValueError:
                return None

        sort = args.get("sort", "found")
        return Filter(
            status=args.get("status", "")[:30],
            level=args.get("level", "")[:10],
            industry=args.get("industry", "")[:100],
            child=args.get("child", "")[:40],
            overdue=args.get("overdue") == "1",
            due_soon=args.get("due_soon") == "1",
            supervised=args.get("supervised") == "1",
            noticed=args.get("noticed") == "1",
            reopened=args.get("reopened") == "1",
            q=args.get("q", "").strip()[:100],
            found_from=day("from"),
            found_to=day("to"),
            sort=sort if sort in SORTS else "found",
            desc=args.get("dir", "desc") != "asc",
        )

    def query(self) -> dict[str, str]:
        """The URL parameters that give this filter back."""
        out: dict[str, str] = {}
        for key in ("status", "level", "industry", "child", "q"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        for key in ("overdue", "due_soon", "supervised", "noticed", "reopened"):
            if getattr(self, key):
                out[key] = "1"
        if self.found_from:
            out["from"] = self.found_from.isoformat()
        if self.found_to:
            out["to"] = self.found_to.isoformat()
        if self.sort != "found":
            out["sort"] = self.sort
        if not self.desc:
            out["dir"] = "asc"
        return out


SORTS = {"found": HZ.c.found_at, "deadline": HZ.c.due_key, "site": HZ.c.site_name}
SORT_FIELD = {"found": "found_at", "deadline": "due_key", "site": "site_name"}


def conditions(
    scope: str, f: Filter, today: date, dialect: str = "postgresql", *, seek: bool = True
) -> list[ColumnElement[bool]]:
    """The WHERE terms of the filter; ``seek`` adds the redundant terms a page seeks by.

    Those say the same as the plain terms on the columns the ledger's indexes are ordered
    by: the deadline as ``due_key`` (the same date, 9999-12-31 when there is none, so an
    index on (open, found_at, id, due_key) tests 逾期/临期 without reading the row), the
    days found as instants of ``found_at`` (the day in China, UTC+8). The overview's GROUP
    BY leaves them out: its covering index reads the plain columns.
    """
    # On SQLite the scope is tested on ``jurisdiction || ''``, which no index serves: the
    # planner then walks the sort order's index and stops after a page. On the plain column
    # SQLite takes the jurisdiction range (all of a city) and sorts a million rows for every
    # page. PostgreSQL's planner weighs the range by its statistics and gets both right.
    code = HZ.c.jurisdiction.op("||")(literal("")) if dialect == "sqlite" else HZ.c.jurisdiction
    w: list[ColumnElement[bool]] = [inside(code, scope), HZ.c.superseded.is_(False)]
    if f.child:  # a township or grid is a small share: there its own range is the way in
        w.append(inside(HZ.c.jurisdiction if len(f.child) >= 9 else code, f.child))
    if f.status == "open":
        w.append(HZ.c.open.is_(True))
    elif f.status == "rectified":
        w.append(HZ.c.open.is_(False))
    elif f.status:
        w.append(HZ.c.status == f.status)
    if f.level == "suspected":  # 疑似重大隐患: recorded as major, awaiting the expert
        w.append(major_sql.suspected(HZ.c.level, HZ.c.major_status))
    elif f.level == "major":  # 重大隐患: the ones the expert confirmed
        w.append(major_sql.established(HZ.c.level, HZ.c.major_status))
    elif f.level:
        w.append(HZ.c.level == f.level)
    if f.industry:
        w.append(HZ.c.industry == f.industry)
    # due_key is the deadline, or 9999-12-31 when there is none: on it the same terms.
    due: ColumnElement[Any] = HZ.c.due_key if seek else HZ.c.deadline
    if f.overdue:
        w += [HZ.c.open.is_(True), due < today]
    if f.due_soon:
        if seek and dialect == "sqlite" and f.sort != "deadline":
            # The week's deadlines are tens of thousands of rows SQLite would take by the
            # deadline and sort; hidden from its planner, it walks (open, found_at, id,
            # due_key) and tests them in the index, stopping after a page.
            due = due.op("||")(literal(""))
        w += [HZ.c.open.is_(True), due >= today, due <= today + timedelta(7)]
    if f.supervised:
        w.append(HZ.c.supervised.is_(True))
    if f.noticed:
        w.append(HZ.c.notices != NONE)  # as the partial indexes say it, so both use them
    if f.reopened:
        w.append(HZ.c.reopened.is_(True))
    if f.q:
        like = "%" + f.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        w.append(
            or_(
                HZ.c.description.like(like, escape="\\"),
                HZ.c.site_name.like(like, escape="\\"),
                HZ.c.place.like(like, escape="\\"),
            )
        )
    if f.found_from:
        w.append(HZ.c.found_on >= f.found_from)
        w += [HZ.c.found_at >= _midnight(f.found_from)] if seek else []
    if f.found_to:
        w.append(HZ.c.found_on <= f.found_to)
        w += [HZ.c.found_at < _midnight(f.found_to + timedelta(1))] if seek else []
    return w


def _midnight(day: date) -> datetime:
    """The instant a day begins in China (found_on is found_at's day there)."""
    return datetime.combine(day, time(), CHINA_TZ)


def enc_cursor(values: list[Any]) -> str:
    raw = json.dumps([v.isoformat() if hasattr(v, "isoformat") else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def dec_cursor(token: str) -> list[Any] | None:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
        return values if isinstance(values, list) and len(values) == 2 else None
    except ValueError:
        return None


@dataclass
class Page:
    rows: list[Any]
    after: str | None  # the keyset cursor of the next page
    filter: Filter = field(default_factory=Filter)


def ledger_select(scope: str, f: Filter, today: date, dialect: str = "sqlite") -> Select[Any]:
    key = SORTS[f.sort]
    order = [key.desc(), HZ.c.id.desc()] if f.desc else [key.asc(), HZ.c.id.asc()]
    return select(HZ).where(*conditions(scope, f, today, dialect)).order_by(*order)


def _keyset(f: Filter, after: str) -> ColumnElement[bool] | None:
    values = dec_cursor(after)
    if values is None:
        return None
    key = SORTS[f.sort]
    value: Any = values[0]
    try:
        if f.sort == "found":
            value = datetime.fromisoformat(value)
        elif f.sort == "deadline":
            value = date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    # A row value: both databases seek the (key, id) index to it; the OR form scans.
    here, there = tuple_(key, HZ.c.id), tuple_(literal(value, key.type), literal(str(values[1])))
    return here < there if f.desc else here > there


def cursor_of(f: Filter, row: Any) -> str:
    """The keyset cursor of the page that starts after row."""
    return enc_cursor([getattr(row, SORT_FIELD[f.sort]), row.id])


def ledger_page(conn: Connection, scope: str, f: Filter, today: date, after: str = "") -> Page:
    """One page of the ledger: keyset pagination, so page 20,000 costs what page 1 does.

    The page's ids first, then their rows: where the database takes a range of an index and
    sorts it (a township's hazards), it sorts the index's entries, not ten thousand rows.
    """
    stmt = ledger_select(scope, f, today, conn.dialect.name)
    if after and (cond := _keyset(f, after)) is not None:
        stmt = stmt.where(cond)
    ids = stmt.with_only_columns(HZ.c.id).limit(PAGE + 1).scalar_subquery()
    rows = conn.execute(select(HZ).where(HZ.c.id.in_(ids)).order_by(*stmt._order_by_clauses)).all()
    nxt = None
    if len(rows) > PAGE:
        rows = rows[:PAGE]
        nxt = cursor_of(f, rows[-1])
    return Page(list(rows), nxt, f)


def ledger_rows(
    conn: Connection,
    scope: str,
    f: Filter,
    today: date,
    columns: Sequence[str] = (),
    *,
    batch: int = 5000,
) -> Iterator[Any]:
    """Every matching hazard in the ledger's order, for the export: keyset pages of batch rows.

    Each page is one indexed statement that starts where the last one stopped, as the
    ledger's pages do; ``columns`` narrows what is read (the id and sort key always come).
    One long cursor instead makes the database walk the sort index and fetch the rows in
    its random order for the whole export, holding the read open meanwhile.
    """
    names = list(dict.fromkeys(["id", SORT_FIELD[f.sort], *columns])) if columns else []
    cols = [HZ.c[n] for n in names] if names else [HZ]
    key = SORTS[f.sort]
    order = [key.desc(), HZ.c.id.desc()] if f.desc else [key.asc(), HZ.c.id.asc()]
    base = select(*cols).where(*conditions(scope, f, today, conn.dialect.name)).order_by(*order)
    after = ""
    while True:
        stmt = base
        if after and (cond := _keyset(f, after)) is not None:
            stmt = stmt.where(cond)
        rows = conn.execute(stmt.limit(batch)).all()
        yield from rows
        if len(rows) < batch:
            return
        after = cursor_of(f, rows[-1])


def ledger_count(conn: Connection, scope: str, f: Filter, today: date) -> int:
    return int(
        conn.execute(
            select(func.count())
            .select_from(HZ)
            .where(*conditions(scope, f, today, conn.dialect.name))
        ).scalar_one()
    )
