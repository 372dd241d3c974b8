# SPDX-License-Identifier: Apache-2.0
"""A campaign's coverage page at 100,000 registered sites and 1,000,000 hazards.

The same database as bench_console (`fieldcheck-server demo --scale 1000000`: 125,000
sites, 1,000,000 hazards); a campaign over 100,000 of its sites, the last 60 days, is
added once. The figure is what `/console/campaign/<id>` reads at the city scope:
coverage by county, the first 500 unvisited sites and the campaign's hazard figures.
The baseline is the plain SQL of the coverage alone, through the driver, in the same run.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from bench_console import CITY, SCALE, _db, _ph, _raw
from fieldcheck.core import clock
from fieldcheck.server.console import campaign_coverage, campaign_figures, campaigns, codes, queries
from fieldcheck.server.console.tables import SITE
from harness import Result, benchmark, p50_ms

REGISTER = 100_000
CAMPAIGN = "bench-campaign-100k"


def _campaign(engine: Any) -> Any:
    today = clock.today()
    with engine.begin() as conn:
        have = conn.execute(
            select(func.count())
            .select_from(campaigns.CS)
            .where(campaigns.CS.c.campaign_id == CAMPAIGN)
        ).scalar_one()
        if have != REGISTER:
            conn.execute(campaigns.CS.delete().where(campaigns.CS.c.campaign_id == CAMPAIGN))
            conn.execute(campaigns.CP.delete().where(campaigns.CP.c.id == CAMPAIGN))
            conn.execute(
                campaigns.CP.insert().values(
                    id=CAMPAIGN,
                    name="基准专项行动",
                    jurisdiction=CITY,
                    starts_on=today - timedelta(days=60),
                    ends_on=today,
                    source="register",
                    created_by="bench",
                    created_at=clock.now(),
                )
            )
            sites = conn.execute(
                select(SITE.c.id, SITE.c.jurisdiction).order_by(SITE.c.id).limit(REGISTER)
            ).all()
            rows = [{"campaign_id": CAMPAIGN, "site_id": s, "jurisdiction": j} for s, j in sites]
            for i in range(0, len(rows), 5000):
                conn.execute(campaigns.CS.insert(), rows[i : i + 5000])
            campaign_figures.refresh_campaign(conn, CAMPAIGN)  # as campaigns.create does
        if engine.dialect.name == "postgresql" or have != REGISTER:
            conn.exec_driver_sql("ANALYZE")
    with engine.connect() as conn:
        return campaigns.get(conn, CITY, CAMPAIGN)


@benchmark("console_coverage_1m")
def coverage() -> list[Result]:
    engine, where = _db()
    c = _campaign(engine)
    with engine.connect() as conn:
        kids = codes.children(conn, CITY)
        n = queries.child_length(conn, CITY, kids)
        cover = campaign_coverage.coverage(conn, CITY, c, n)

    def page() -> None:
        with engine.connect() as conn:
            campaign_coverage.coverage(conn, CITY, c, n)
            campaign_coverage.not_visited(conn, CITY, c)
            campaign_coverage.figures(conn, CITY, c)

    s, e, a = _ph(engine, ["s", "e", "id"])  # in the order they appear (sqlite: "?")
    sql = (
        f"SELECT substr(cs.jurisdiction, 1, {n}), count(*), sum(CASE WHEN EXISTS (SELECT 1 "
        "FROM console_inspection i WHERE i.site_id = cs.site_id "
        f"AND i.day >= {s} AND i.day <= {e}) THEN 1 ELSE 0 END) "
        f"FROM console_campaign_site cs WHERE cs.campaign_id = {a} "
        f"GROUP BY substr(cs.jurisdiction, 1, {n})"
    )
    params = {"s": c.starts_on, "e": c.ends_on, "id": CAMPAIGN}
    ms = p50_ms(page, repeat=5, warmup=1)
    base = p50_ms(lambda: _raw(engine, sql, params), repeat=5, warmup=1)
    total = cover["total"]
    return [
        Result(
            "console_coverage_1m",
            ms,
            "ms p50",
            "plain SQL: the coverage GROUP BY alone",
            base,
            f"{where}, {SCALE:,} hazards, a register of {total['required']:,} sites "
            f"({total['visited']:,} visited), city scope: coverage by county, 500 unvisited "
            "and the campaign's figures; goal < 1000 ms",
        )
    ]
