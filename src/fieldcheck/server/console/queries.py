# SPDX-License-Identifier: Apache-2.0
"""The console's query layer: every read is scoped to the account's jurisdiction here.

Pages and exports call these functions only; each takes the scope code first and adds
``inside(column, code)`` to its WHERE clause, so no query can forget it.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, case, func, literal, or_, select, tuple_
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from fieldcheck.server.console import summary
from fieldcheck.server.console.project import HZ, INSP, NT, RECTIFIED, SITE
from fieldcheck.server.console.summary import CS, HS, NS, SS, VS

PAGE = 50
STATUS_ZH = {
    "found": "已排查",
    "assigned": "已交办",
    "rectifying": "整改中",
    "verified": "已验收",
    "failed_verification": "验收未通过",
    "closed": "已销号",
    "revisit": "回头看",
}
LEVEL_ZH = {"general": "一般隐患", "major": "重大隐患"}
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


# ---- the ledger filter, shared by the overview's click-through, the ledger and the export


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


def _where(
    scope: str, f: Filter, today: date, dialect: str = "postgresql"
) -> list[ColumnElement[bool]]:
    # On SQLite the scope is tested on ``jurisdiction || ''``, which no index serves: the
    # planner then walks the sort order's index and stops after a page. On the plain column
    # SQLite takes the jurisdiction range (all of a city) and sorts a million rows for every
    # page. PostgreSQL's planner weighs the range by its statistics and gets both right.
    code = HZ.c.jurisdiction.op("||")(literal("")) if dialect == "sqlite" else HZ.c.jurisdiction
    w: list[ColumnElement[bool]] = [inside(code, scope), HZ.c.superseded.is_(False)]
    if f.child:
        w.append(inside(code, f.child))
    if f.status == "open":
        w.append(HZ.c.open.is_(True))
    elif f.status == "rectified":
        w.append(HZ.c.open.is_(False))
    elif f.status:
        w.append(HZ.c.status == f.status)
    if f.level:
        w.append(HZ.c.level == f.level)
    if f.industry:
        w.append(HZ.c.industry == f.industry)
    if f.overdue:
        w += [HZ.c.open.is_(True), HZ.c.deadline < today]
    if f.due_soon:
        w += [HZ.c.open.is_(True), HZ.c.deadline >= today, HZ.c.deadline <= today + timedelta(7)]
    if f.supervised:
        w.append(HZ.c.supervised.is_(True))
    if f.noticed:
        w.append(HZ.c.notices != "")
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
    if f.found_to:
        w.append(HZ.c.found_on <= f.found_to)
    return w


def _enc(values: list[Any]) -> str:
    raw = json.dumps([v.isoformat() if hasattr(v, "isoformat") else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _dec(token: str) -> list[Any] | None:
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
    return select(HZ).where(*_where(scope, f, today, dialect)).order_by(*order)


def _keyset(f: Filter, after: str) -> ColumnElement[bool] | None:
    values = _dec(after)
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
    return _enc([getattr(row, SORT_FIELD[f.sort]), row.id])


def ledger_page(conn: Connection, scope: str, f: Filter, today: date, after: str = "") -> Page:
    """One page of the ledger: keyset pagination, so page 20,000 costs what page 1 does."""
    stmt = ledger_select(scope, f, today, conn.dialect.name)
    if after and (cond := _keyset(f, after)) is not None:
        stmt = stmt.where(cond)
    rows = conn.execute(stmt.limit(PAGE + 1)).all()
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
    base = select(*cols).where(*_where(scope, f, today, conn.dialect.name)).order_by(*order)
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
            select(func.count()).select_from(HZ).where(*_where(scope, f, today, conn.dialect.name))
        ).scalar_one()
    )


# ---- the overview figures


FIGURES = (
    ("found", "发现隐患项"),
    ("rectified", "已整改"),
    ("rate", "隐患整改率"),
    ("major", "重大隐患"),
    ("major_rectified", "重大隐患已整改"),
    ("major_open", "重大隐患未整改"),
    ("overdue", "逾期未整改"),
    ("supervised", "挂牌督办"),
)


def _figures_cols(today: date) -> list[Any]:
    major = HZ.c.level == "major"
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
    ]


def _period_where(scope: str, p: Period) -> list[ColumnElement[bool]]:
    return _where(scope, Filter(found_from=p.start, found_to=p.end), p.end)


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
    }


def child_length(conn: Connection, scope: str, children: list[tuple[str, str]]) -> int:
    """How many leading characters of a code name the child jurisdiction."""
    if children:
        return len(children[0][0])
    return {2: 4, 4: 6, 6: 9, 9: 12}.get(len(scope), len(scope) + 3)


def _fast(scope: str, child_len: int) -> bool:
    """Whether the summary rows answer for this scope and child length."""
    return child_len in summary.LEVELS and child_len >= len(scope) > 0


def _hazard_groups(conn: Connection, scope: str, p: Period, today: date, n: int) -> Any:
    """(k child, i industry, found, rectified, major, major_rectified, overdue, supervised)."""
    if not _fast(scope, n):
        child = func.substr(HZ.c.jurisdiction, 1, n)
        return conn.execute(
            select(child.label("k"), HZ.c.industry.label("i"), *_figures_cols(today))
            .where(*_period_where(scope, p))
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
        )
        .where(*_sum_where(HS, scope, p, n))
        .group_by(HS.c.code, HS.c.industry)
    )


def _sum_where(table: Any, scope: str, p: Period, n: int) -> list[ColumnElement[bool]]:
    return [
        table.c.lvl == n,
        inside(table.c.code, scope),
        table.c.day >= p.start,
        table.c.day <= p.end,
    ]


def _visit_groups(conn: Connection, scope: str, p: Period, n: int) -> Any:
    """(k child, i industry, n inspections)."""
    if _fast(scope, n):
        return conn.execute(
            select(VS.c.code.label("k"), VS.c.industry.label("i"), func.sum(VS.c.n).label("n"))
            .where(*_sum_where(VS, scope, p, n))
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
    if _fast(scope, n):
        return conn.execute(
            select(NS.c.code.label("k"), func.sum(NS.c.n).label("n"))
            .where(*_sum_where(NS, scope, p, n))
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

    def add(self, row: Any) -> None:
        for key in ("found", "rectified", "major", "major_rectified", "overdue", "supervised"):
            setattr(self, key, getattr(self, key) + int(getattr(row, key) or 0))


def _zero() -> Counts:
    return Counts()


# ---- one site (一企一档) and one hazard


def site(conn: Connection, scope: str, site_id: str) -> Any | None:
    return conn.execute(
        select(SITE).where(SITE.c.id == site_id, inside(SITE.c.jurisdiction, scope))
    ).first()


def _of_site(conn: Connection, table: Any, scope: str, site_id: str, order: Any) -> list[Any]:
    stmt = select(table).where(table.c.site_id == site_id, inside(table.c.jurisdiction, scope))
    return list(conn.execute(stmt.order_by(order.desc())))


def site_hazards(conn: Connection, scope: str, site_id: str) -> list[Any]:
    return _of_site(conn, HZ, scope, site_id, HZ.c.found_at)


def site_inspections(conn: Connection, scope: str, site_id: str) -> list[Any]:
    return _of_site(conn, INSP, scope, site_id, INSP.c.started_at)


def site_notices(conn: Connection, scope: str, site_id: str) -> list[Any]:
    return _of_site(conn, NT, scope, site_id, NT.c.issued_at)


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


# ---- rankings (周晾晒/月排名)

DEFAULT_WEIGHTS = {
    "coverage": 0.25,  # registered sites inspected in the period
    "rectification": 0.25,  # 整改率 of hazards found in the period
    "on_time": 0.2,  # verified by their deadline, of those verified
    "major_on_time": 0.2,  # major hazards verified by their deadline, of majors due
    "revisit": 0.1,  # not found back at 回头看, of those revisited
}
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
    total_w = sum(max(0.0, w) for w in weights.values()) or 1.0
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
        # A metric with nothing to measure counts as met: no hazards is not a failure.
        score = sum(
            max(0.0, weights.get(k, 0)) * (1.0 if v is None else min(1.0, v))
            for k, v in metrics.items()
        )
        out.append(
            {
                "code": code,
                "name": names.get(code, code),
                "metrics": metrics,
                "found": r.found if r else 0,
                "index": round(100 * score / total_w, 1),
            }
        )
    out.sort(key=lambda d: (-float(d["index"]), str(d["code"])))
    for rank, d in enumerate(out, start=1):
        d["rank"] = rank
    return out


def _only(column: Any, sites: Any) -> list[ColumnElement[bool]]:
    return [] if sites is None else [column.in_(sites)]


def _ranking_groups(conn: Connection, scope: str, p: Period, n: int, sites: Any) -> Any:
    """Per child: found, rectified, verified, on_time, major_due, major_on_time, revisited..."""
    if sites is None and _fast(scope, n):
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
            .where(*_sum_where(HS, scope, p, n))
            .group_by(HS.c.code)
        )
    child = func.substr(HZ.c.jurisdiction, 1, n)
    major = HZ.c.level == "major"
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
        .where(*_period_where(scope, p), *_only(HZ.c.site_id, sites))
        .group_by(child)
    )


def _registered(conn: Connection, scope: str, n: int, sites: Any) -> Any:
    """(k child, n registered sites)."""
    if sites is None and _fast(scope, n):
        return conn.execute(
            select(SS.c.code.label("k"), SS.c.n.label("n")).where(
                SS.c.lvl == n, inside(SS.c.code, scope), SS.c.n > 0
            )
        )
    schild = func.substr(SITE.c.jurisdiction, 1, n)
    return conn.execute(
        select(schild.label("k"), func.count().label("n"))
        .where(inside(SITE.c.jurisdiction, scope), *_only(SITE.c.id, sites))
        .group_by(schild)
    )


def _inspected(conn: Connection, scope: str, p: Period, n: int, sites: Any) -> Any:
    """(k child, n distinct sites inspected in the period)."""
    kind = summary.period_kind(p.start, p.end)
    if sites is None and kind is not None and _fast(scope, n):
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
    return conn.execute(
        select(ichild.label("k"), func.count(func.distinct(INSP.c.site_id)).label("n"))
        .where(
            inside(INSP.c.jurisdiction, scope),
            INSP.c.day >= p.start,
            INSP.c.day <= p.end,
            *_only(INSP.c.site_id, sites),
        )
        .group_by(ichild)
    )


def with_movement(now: list[dict[str, Any]], before: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add the change of rank since the last period (+ is up) and mark the bottom three."""
    prev = {d["code"]: d["rank"] for d in before}
    bottom = {d["code"] for d in now[-3:]} if len(now) > 3 else set()
    for d in now:
        d["movement"] = prev[d["code"]] - d["rank"] if d["code"] in prev else None
        d["bottom"] = d["code"] in bottom
    return now


# ---- 日通报


def daily(conn: Connection, scope: str, day: date, child_len: int) -> dict[str, Any]:
    """One day's figures by child jurisdiction, and the day before's to compare."""

    def on(d: date) -> dict[str, dict[str, int]]:
        child = func.substr(HZ.c.jurisdiction, 1, child_len)
        base = [inside(HZ.c.jurisdiction, scope), HZ.c.superseded.is_(False)]
        out: dict[str, dict[str, int]] = {}
        for r in conn.execute(
            select(
                child.label("k"),
                func.sum(case((HZ.c.found_on == d, 1), else_=0)).label("found"),
                func.sum(
                    case(
                        (
                            and_(HZ.c.found_on == d, HZ.c.level == "major"),
                            1,
                        ),
                        else_=0,
                    )
                ).label("major"),
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
                "rectified": int(r.rectified or 0),
                "overdue": int(r.overdue or 0),
            }
        ichild = func.substr(INSP.c.jurisdiction, 1, child_len)
        for r in conn.execute(
            select(ichild.label("k"), func.count().label("n"))
            .where(inside(INSP.c.jurisdiction, scope), INSP.c.day == d)
            .group_by(ichild)
        ):
            out.setdefault(r.k, {"found": 0, "major": 0, "rectified": 0, "overdue": 0})[
                "visits"
            ] = r.n
        for v in out.values():
            v.setdefault("visits", 0)
        return out

    return {"day": on(day), "before": on(day - timedelta(days=1))}


def in_scope(conn: Connection, scope: str, code: str) -> bool:
    return code.startswith(scope)


RECTIFIED_STATUSES = RECTIFIED
