# SPDX-License-Identifier: Apache-2.0
"""Every summary row computed again from the read model, one GROUP BY per level (the
bulk demo and the tests use it; what the rows are is in ``summary``).
"""

from __future__ import annotations

from sqlalchemy import Date, and_, case, func, literal, or_, select
from sqlalchemy.engine import Connection

from fieldcheck.server.console import major_sql
from fieldcheck.server.console.summary import (
    COUNTS,
    CS,
    CS_KEYS,
    HS,
    HS_KEYS,
    LEVELS,
    NO_DATE,
    NS,
    NS_KEYS,
    SP,
    SP_KEYS,
    SS,
    SS_KEYS,
    UNIT,
    VISITS,
    VS,
    VS_KEYS,
    Deltas,
    month_start,
    week_start,
)
from fieldcheck.server.console.tables import HZ, INSP, NT, SITE


def rebuild(conn: Connection, *, merges: bool = True) -> None:
    """Compute every summary row again from console_hazard, _inspection and _notice.

    ``merges=False`` counts every site, merged ones too.
    """
    hz = HZ
    for table in (HS, VS, NS, SP, CS, SS):
        conn.execute(table.delete())
    any_major = hz.c.level == "major"  # the deadline is kept of every recorded major one
    major = major_sql.established(hz.c.level, hz.c.major_status)
    on_time = hz.c.on_time.is_(True)
    for lvl in LEVELS:
        code = func.substr(hz.c.jurisdiction, 1, lvl)
        kept = or_(hz.c.open.is_(True), any_major)
        due = case((kept, hz.c.due_key), else_=literal(NO_DATE, Date))
        cols = [
            func.count(),
            func.sum(case((major, 1), else_=0)),
            func.sum(case((hz.c.supervised.is_(True), 1), else_=0)),
            func.sum(case((hz.c.verified_on.is_not(None), 1), else_=0)),
            func.sum(case((on_time, 1), else_=0)),
            func.sum(case((and_(major, on_time), 1), else_=0)),
            func.sum(case((hz.c.revisited_on.is_not(None), 1), else_=0)),
            func.sum(case((hz.c.reopened.is_(True), 1), else_=0)),
            func.sum(case((major_sql.suspected(hz.c.level, hz.c.major_status), 1), else_=0)),
        ]
        groups = [code, hz.c.found_on, hz.c.industry, hz.c.open, due]
        conn.execute(
            HS.insert().from_select(
                [*HS_KEYS, *COUNTS],
                select(literal(lvl), *groups, *cols)
                .where(hz.c.superseded.is_(False))
                .group_by(*groups),
            )
        )
        icode = func.substr(INSP.c.jurisdiction, 1, lvl)
        igroups = [icode, INSP.c.day, INSP.c.industry]
        conn.execute(
            VS.insert().from_select(
                [*VS_KEYS, "n"], select(literal(lvl), *igroups, func.count()).group_by(*igroups)
            )
        )
        scode = func.substr(SITE.c.jurisdiction, 1, lvl)
        conn.execute(
            SS.insert().from_select(
                [*SS_KEYS, "n"],
                select(literal(lvl), scode, func.count())
                .where(*([SITE.c.kept_id.is_(None)] if merges else []))
                .group_by(scode),
            )
        )
        ncode = func.substr(NT.c.jurisdiction, 1, lvl)
        ngroups = [ncode, NT.c.issued_on]
        conn.execute(
            NS.insert().from_select(
                [*NS_KEYS, "n"],
                select(literal(lvl), *ngroups, func.count())
                .where(NT.c.voided.is_(False))
                .group_by(*ngroups),
            )
        )
    # Coverage: week and month starts computed here, row by row in chunks (both dialects);
    # an inspection at a merged site covers the kept one (UNIT).
    d = Deltas()
    result = conn.execute(
        select(UNIT.label("unit"), INSP.c.jurisdiction, INSP.c.day)
        .select_from(VISITS)
        .execution_options(yield_per=5000)
    )
    for part in result.partitions():
        for v in part:
            d.periods[("week", week_start(v.day), v.unit, v.jurisdiction)] += 1
            d.periods[("month", month_start(v.day), v.unit, v.jurisdiction)] += 1
    rows = [dict(zip([*SP_KEYS, "n"], (*k, n), strict=True)) for k, n in d.periods.items()]
    for i in range(0, len(rows), 5000):
        conn.execute(SP.insert(), rows[i : i + 5000])
    rebuild_coverage(conn)


def rebuild_coverage(conn: Connection) -> None:
    """console_coverage_sum again from console_site_period."""
    conn.execute(CS.delete())
    for lvl in LEVELS:
        code = func.substr(SP.c.code, 1, lvl)
        groups = [SP.c.kind, SP.c.start, code]
        conn.execute(
            CS.insert().from_select(
                [*CS_KEYS, "sites"],
                select(
                    SP.c.kind,
                    SP.c.start,
                    literal(lvl),
                    code,
                    func.count(func.distinct(SP.c.site_id)),
                )
                .where(SP.c.n > 0)
                .group_by(*groups),
            )
        )
