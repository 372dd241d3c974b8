"""console: a merged site counts at the end of its chain of merges (console_site.kept_id)

0014 counted a merged site's inspections under the site it names (merged_into), one level:
A merged into B and B into C left A under B; two devices merging A into B and B into A
left the unit registered nowhere. ``kept_id`` is the end of the chain (a cycle ends at its
smallest id; see console.site_merges), NULL for a kept site. With it the rows are counted
again: the hazards' site names, coverage (0014's way, by kept_id), the registered-site
counts, and every campaign's visits and hazard figures, which now count a merged site's
hazards under the kept site too.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

AUTO = sqlmodel.sql.sqltypes.AutoString
_0013 = importlib.import_module("fieldcheck.server.migrations.versions.0013_site_merges")
_0014 = importlib.import_module("fieldcheck.server.migrations.versions.0014_merged_coverage")


def end_of_chain(start: str, into: dict[str, str]) -> str:
    """Where start's merged_into chain ends (console.site_merges.end_of_chain then)."""
    path = [start]
    while (nxt := into.get(path[-1])) is not None:
        if nxt in path:
            return min(path[path.index(nxt) :])
        path.append(nxt)
    return path[-1]


def upgrade() -> None:
    op.add_column("console_site", sa.Column("kept_id", AUTO(), nullable=True))
    op.create_index("ix_console_site_kept_id", "console_site", ["kept_id"])
    conn = op.get_bind()
    into = dict(
        conn.execute(
            sa.text("SELECT id, merged_into FROM console_site WHERE merged_into <> ''")
        ).all()
    )
    if not into:
        return
    for site_id in into:
        end = end_of_chain(site_id, into)
        if end != site_id:
            conn.execute(
                sa.text("UPDATE console_site SET kept_id = :end WHERE id = :id"),
                {"end": end, "id": site_id},
            )
    # Each merged site's hazards name it, then 0014's recount names the kept site there.
    conn.execute(
        sa.text(
            "UPDATE console_hazard SET site_name = (SELECT s.name FROM console_site s"
            " WHERE s.id = console_hazard.site_id), uscc = (SELECT s.uscc FROM console_site s"
            " WHERE s.id = console_hazard.site_id) WHERE site_id IN (SELECT id FROM console_site"
            " WHERE merged_into IS NOT NULL)"
        )
    )
    _0014.recount(conn, "kept_id")
    _0013.recount_registered(conn, "kept_id")
    _campaigns(conn)


AFFECTED = (  # the register rows a merge can change: merged sites and the sites they name
    "SELECT id FROM console_site WHERE merged_into IS NOT NULL"
    " UNION SELECT merged_into FROM console_site UNION SELECT kept_id FROM console_site"
)
IN_PERIOD = "c.id = cs.campaign_id AND {0} >= c.starts_on AND {0} <= c.ends_on"


def _campaigns(conn: sa.Connection) -> None:
    """A register row is visited by its own inspections and those of the sites kept at it;
    a hazard counts under the row of the site it is kept at (console.campaign_figures)."""
    day = IN_PERIOD.format("i.day")
    own = (
        "(SELECT min(i.day) FROM console_inspection i, console_campaign c"
        f" WHERE i.site_id = cs.site_id AND {day})"
    )
    kept = (
        "(SELECT min(i.day) FROM console_inspection i JOIN console_site s ON s.id = i.site_id,"
        f" console_campaign c WHERE s.kept_id = cs.site_id AND {day})"
    )
    conn.execute(
        sa.text(
            "UPDATE console_campaign_site AS cs SET visited_on ="
            f" coalesce(CASE WHEN {kept} < {own} THEN {kept} ELSE {own} END, {kept})"
            f" WHERE cs.site_id IN ({AFFECTED})"
        )
    )
    conn.execute(sa.text(f"DELETE FROM console_campaign_hazards WHERE site_id IN ({AFFECTED})"))
    found = "NOT h.superseded AND " + IN_PERIOD.format("h.found_on")
    cols = "cs.campaign_id, cs.site_id, h.jurisdiction, cs.jurisdiction AS sj, h.open, h.level"
    register = "console_campaign_site cs, console_campaign c, console_hazard h"
    register += f" WHERE cs.site_id IN ({AFFECTED})"
    conn.execute(
        sa.text(
            "INSERT INTO console_campaign_hazards (campaign_id, site_id, jurisdiction,"
            " site_jurisdiction, found, rectified, major, major_rectified)"
            " SELECT campaign_id, site_id, jurisdiction, sj, count(*),"
            " sum(CASE WHEN open THEN 0 ELSE 1 END),"
            " sum(CASE WHEN level = 'major' THEN 1 ELSE 0 END),"
            " sum(CASE WHEN level = 'major' AND NOT open THEN 1 ELSE 0 END) FROM ("
            f"SELECT {cols} FROM {register} AND {found} AND EXISTS (SELECT 1 FROM console_site s"
            "  WHERE s.id = cs.site_id AND s.kept_id IS NULL)"
            "  AND h.site_id = cs.site_id"
            f" UNION ALL SELECT {cols} FROM {register} AND {found}"
            "  AND h.site_id IN (SELECT s.id FROM console_site s WHERE s.kept_id = cs.site_id)"
            ") AS u GROUP BY campaign_id, site_id, jurisdiction, sj"
        )
    )


def downgrade() -> None:
    op.drop_index("ix_console_site_kept_id", table_name="console_site")
    with op.batch_alter_table("console_site", schema=None) as batch_op:
        batch_op.drop_column("kept_id")
