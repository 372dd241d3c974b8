"""console: an inspection at a merged site (合并重复单位) covers the kept site

From now on the projection counts an inspection at a site a device merged into another as
coverage of the kept site (console_site_period, console_coverage_sum and a campaign's
``visited_on``), and a hazard there names the kept site in the ledger (site_name, uscc).
This brings the rows kept before to the same, when any site is merged.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

LEVELS = (2, 4, 6, 9, 12)  # console.summary.LEVELS when this was written


def _kept_sql(column: str) -> str:
    """The merged sites whose kept site the console has (``column``: the one they name)."""
    return f"SELECT s.id FROM console_site s JOIN console_site k ON k.id = s.{column}"


def _kept(column: str, by: str = "merged_into") -> str:
    return (
        f"(SELECT k.{column} FROM console_site s JOIN console_site k ON k.id = s.{by}"
        " WHERE s.id = console_hazard.site_id)"
    )


def recount(conn: sa.Connection, by: str) -> None:
    """Hazards name the kept site, and coverage counts it, with the kept site the one
    ``console_site.<by>`` names (0016 calls it again with the end of each chain)."""
    kept = _kept_sql(by)
    conn.execute(
        sa.text(
            f"UPDATE console_hazard SET site_name = {_kept('name', by)},"
            f" uscc = {_kept('uscc', by)} WHERE site_id IN ({kept})"
        )
    )
    # Inspections per covered site, week and month, all again (0005's way, with the unit).
    periods: dict[tuple[object, ...], int] = defaultdict(int)
    insp = sa.table(
        "console_inspection",
        sa.column("site_id", sa.String()),
        sa.column("jurisdiction", sa.String()),
        sa.column("day", sa.Date()),
    )
    site = sa.table("console_site", sa.column("id", sa.String()), sa.column(by))
    unit = sa.func.coalesce(site.c[by], insp.c.site_id).label("unit")
    result = conn.execute(
        sa.select(unit, insp.c.jurisdiction, insp.c.day)
        .select_from(insp.outerjoin(site, site.c.id == insp.c.site_id))
        .execution_options(yield_per=5000)
    )
    for part in result.partitions():
        for v in part:
            week = v.day - timedelta(days=v.day.weekday())
            periods[("week", week, v.unit, v.jurisdiction)] += 1
            periods[("month", v.day.replace(day=1), v.unit, v.jurisdiction)] += 1
    sp = sa.table(
        "console_site_period",
        sa.column("kind", sa.String()),
        sa.column("start", sa.Date()),
        sa.column("site_id", sa.String()),
        sa.column("code", sa.String()),
        sa.column("n", sa.Integer()),
    )
    conn.execute(sa.text("DELETE FROM console_site_period"))
    rows = [
        {"kind": k, "start": start, "site_id": site, "code": code, "n": n}
        for (k, start, site, code), n in periods.items()
    ]
    for i in range(0, len(rows), 5000):
        conn.execute(sp.insert(), rows[i : i + 5000])
    conn.execute(sa.text("DELETE FROM console_coverage_sum"))
    for lvl in LEVELS:
        conn.execute(
            sa.text(
                "INSERT INTO console_coverage_sum (kind, start, lvl, code, sites)"
                " SELECT kind, start, :lvl, substr(code, 1, :lvl), count(DISTINCT site_id)"
                " FROM console_site_period WHERE n > 0 GROUP BY kind, start, substr(code, 1, :lvl)"
            ),
            {"lvl": lvl},
        )


def upgrade() -> None:
    conn = op.get_bind()
    if conn.execute(sa.text(_kept_sql("merged_into") + " LIMIT 1")).first() is None:
        return
    recount(conn, "merged_into")
    conn.execute(
        sa.text(
            "UPDATE console_campaign_site SET visited_on = (SELECT min(i.day)"
            " FROM console_inspection i LEFT JOIN console_site s ON s.id = i.site_id,"
            " console_campaign c WHERE c.id = console_campaign_site.campaign_id"
            " AND coalesce(s.merged_into, i.site_id) = console_campaign_site.site_id"
            " AND i.day >= c.starts_on AND i.day <= c.ends_on)"
            " WHERE site_id IN (SELECT merged_into FROM console_site)"
        )
    )


def downgrade() -> None:
    """Nothing to undo in the schema; the rows stay as counted."""
