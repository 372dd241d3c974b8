# SPDX-License-Identifier: Apache-2.0
"""Summary rows the projection keeps beside the read model, for the overview and the ranking.

A county's year is a million hazards; its overview needs a few thousand numbers. Each
hazard, inspection and document adds 1 to one row per code prefix length in ``LEVELS``
(the code cut to 2, 4, 6, 9 and 12 characters: province, city, county, township, grid),
keyed by the day and what the figures group or filter by. A scope's children are then
the rows of one level: the overview of a city reads the county rows, a county's the
township rows.

They are kept exact by difference: before a batch of the feed is applied, the projection
reads what the touched hazards (inspections, documents) contributed; afterwards what they
contribute now; the change is added to the rows in the same transaction.
``summary_rebuild.rebuild`` computes them all again from the read model with one GROUP
BY per level (the bulk demo uses it; migration 0005 has its own frozen copy).
tests/server/test_console_summary.py checks both against the plain queries over
console_hazard.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from fieldcheck.core import terms
from fieldcheck.server.console.summary_tables import (
    CoverageSum,
    HazardSum,
    NoticeSum,
    SitePeriod,
    SiteSum,
    VisitSum,
)
from fieldcheck.server.console.tables import INSP, SITE
from fieldcheck.server.tables import table_of

LEVELS = (2, 4, 6, 9, 12)
NO_DATE = date.max  # "no deadline" in a key (keys are never NULL)
COUNTS = (
    "found",
    "major",
    "supervised",
    "verified",
    "on_time",
    "major_on_time",
    "revisited",
    "reopened",
    "suspected",
)
HS = table_of(HazardSum)
VS = table_of(VisitSum)
NS = table_of(NoticeSum)
SP = table_of(SitePeriod)
CS = table_of(CoverageSum)
SS = table_of(SiteSum)
CHUNK = 500  # ids per IN (...)
# The site an inspection covers: the kept one when a device merged its site into another
# (合并重复单位; the end of the chain, site_merges), so the unit is counted once in
# coverage. Select it from VISITS.
UNIT = func.coalesce(SITE.c.kept_id, INSP.c.site_id)
VISITS = INSP.outerjoin(SITE, SITE.c.id == INSP.c.site_id)


def fast(scope: str, child_len: int) -> bool:
    """Whether the summary rows answer for this scope and child length."""
    return child_len in LEVELS and child_len >= len(scope) > 0


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def period_kind(start: date, end: date) -> str | None:
    """ "week" or "month" when the range is exactly one (the coverage rows exist), else None."""
    if start.weekday() == 0 and end == start + timedelta(days=6):
        return "week"
    if start.day == 1 and end == (start + timedelta(days=32)).replace(day=1) - timedelta(days=1):
        return "month"
    return None


# ---- what one row contributes


def hazard_counts(h: Any) -> tuple[int, ...]:
    """The COUNTS of one hazard row (0/1 each). A major hazard awaiting the expert counts
    as suspected, not major (重大隐患 once he confirmed it)."""
    suspected = terms.is_suspected_major(h.level, h.major_status)
    major = h.level == terms.Level.MAJOR and not suspected
    return (
        1,
        int(major),
        int(bool(h.supervised)),
        int(h.verified_on is not None),
        int(h.on_time is True or h.on_time == 1),
        int(major and (h.on_time is True or h.on_time == 1)),
        int(h.revisited_on is not None),
        int(bool(h.reopened)),
        int(suspected),
    )


def hazard_key(h: Any, lvl: int) -> tuple[Any, ...]:
    is_open = bool(h.open)
    due = h.due_key if (is_open or h.level == "major") else NO_DATE
    return (lvl, h.jurisdiction[:lvl], h.found_on, h.industry, is_open, due)


class Deltas:
    """Changes to the summary rows, summed over a batch, written by ``flush``."""

    def __init__(self) -> None:
        self.hazards: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0] * len(COUNTS))
        self.visits: dict[tuple[Any, ...], int] = defaultdict(int)
        self.notices: dict[tuple[Any, ...], int] = defaultdict(int)
        self.periods: dict[tuple[Any, ...], int] = defaultdict(int)
        self.sites: dict[tuple[Any, ...], int] = defaultdict(int)

    def site(self, s: Any, sign: int) -> None:
        if s.kept_id:  # the same unit as another site: registered once, there
            return
        for lvl in LEVELS:
            self.sites[(lvl, s.jurisdiction[:lvl])] += sign

    def hazard(self, h: Any, sign: int) -> None:
        if h.superseded:
            return
        counts = hazard_counts(h)
        for lvl in LEVELS:
            acc = self.hazards[hazard_key(h, lvl)]
            for i, v in enumerate(counts):
                acc[i] += sign * v

    def visit(self, v: Any, sign: int) -> None:
        """One inspection row of ``visits_by_id`` (its ``unit``: the site it covers)."""
        for lvl in LEVELS:
            self.visits[(lvl, v.jurisdiction[:lvl], v.day, v.industry)] += sign
        self.periods[("week", week_start(v.day), v.unit, v.jurisdiction)] += sign
        self.periods[("month", month_start(v.day), v.unit, v.jurisdiction)] += sign

    def notice(self, n: Any, sign: int) -> None:
        if n.voided:
            return
        for lvl in LEVELS:
            self.notices[(lvl, n.jurisdiction[:lvl], n.issued_on)] += sign


def _add(conn: Connection, table: Any, keys: list[str], rows: list[dict[str, Any]]) -> None:
    """Add each row's counts to the row with its key, inserting it when new (one upsert)."""
    if not rows:
        return
    insert = sqlite_insert if conn.dialect.name == "sqlite" else pg_insert
    stmt = insert(table)
    counts = [k for k in rows[0] if k not in keys]
    stmt = stmt.on_conflict_do_update(
        index_elements=keys, set_={c: table.c[c] + stmt.excluded[c] for c in counts}
    )
    conn.execute(stmt, rows)


HS_KEYS = ["lvl", "code", "day", "industry", "open", "due"]
VS_KEYS = ["lvl", "code", "day", "industry"]
NS_KEYS = ["lvl", "code", "day"]
SP_KEYS = ["kind", "start", "site_id", "code"]
SS_KEYS = ["lvl", "code"]
CS_KEYS = ["kind", "start", "lvl", "code"]


def _coverage(conn: Connection, periods: dict[tuple[Any, ...], int]) -> None:
    """Count a site in a prefix's coverage when its first inspection there arrives (and back)."""
    pairs = sorted({(k, start, site) for (k, start, site, _code), n in periods.items() if n})
    before: dict[tuple[Any, ...], dict[str, int]] = defaultdict(dict)
    for i in range(0, len(pairs), CHUNK):
        part = pairs[i : i + CHUNK]
        for r in conn.execute(
            select(SP).where(tuple_(SP.c.kind, SP.c.start, SP.c.site_id).in_(part))
        ):
            before[(r.kind, r.start, r.site_id)][r.code] = r.n
    after = {key: dict(codes) for key, codes in before.items()}
    for (k, start, site, code), n in periods.items():
        if n:
            codes = after.setdefault((k, start, site), {})
            codes[code] = codes.get(code, 0) + n
    change: dict[tuple[Any, ...], int] = defaultdict(int)
    for key in pairs:
        was = [c for c, n in before.get(key, {}).items() if n > 0]
        now = [c for c, n in after.get(key, {}).items() if n > 0]
        for lvl in LEVELS:
            old, new = {c[:lvl] for c in was}, {c[:lvl] for c in now}
            for code in new - old:
                change[(key[0], key[1], lvl, code)] += 1
            for code in old - new:
                change[(key[0], key[1], lvl, code)] -= 1
    rows = [{**dict(zip(CS_KEYS, key, strict=True)), "sites": n} for key, n in change.items() if n]
    _add(conn, CS, CS_KEYS, rows)


def flush(conn: Connection, d: Deltas) -> None:
    """Write the summed changes (rows that net to zero are left as they are)."""
    _add(
        conn,
        HS,
        HS_KEYS,
        [
            {**dict(zip(HS_KEYS, key, strict=True)), **dict(zip(COUNTS, acc, strict=True))}
            for key, acc in d.hazards.items()
            if any(acc)
        ],
    )
    _coverage(conn, d.periods)
    for table, keys, items in (
        (VS, VS_KEYS, d.visits),
        (NS, NS_KEYS, d.notices),
        (SP, SP_KEYS, d.periods),
        (SS, SS_KEYS, d.sites),
    ):
        rows = [{**dict(zip(keys, key, strict=True)), "n": n} for key, n in items.items() if n]
        _add(conn, table, keys, rows)


def rows_by_id(conn: Connection, table: Any, ids: Iterable[str]) -> list[Any]:
    out: list[Any] = []
    todo = sorted(set(ids))
    for i in range(0, len(todo), CHUNK):
        out += conn.execute(select(table).where(table.c.id.in_(todo[i : i + CHUNK]))).all()
    return out


def visits_by_id(conn: Connection, ids: Iterable[str]) -> list[Any]:
    """These inspections, each with ``unit``, the site it covers (``UNIT``)."""
    out: list[Any] = []
    todo = sorted(set(ids))
    cols = [INSP.c.jurisdiction, INSP.c.day, INSP.c.industry, UNIT.label("unit")]
    for i in range(0, len(todo), CHUNK):
        part = todo[i : i + CHUNK]
        out += conn.execute(select(*cols).select_from(VISITS).where(INSP.c.id.in_(part))).all()
    return out
