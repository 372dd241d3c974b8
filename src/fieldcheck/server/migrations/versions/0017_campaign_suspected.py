"""console: a campaign's 重大隐患 are the ones the expert confirmed; 疑似 apart

console_campaign_hazards counted every hazard recorded as major (level 'major') as 重大隐患,
the suspected ones awaiting the expert (major_status 'suspected') too. Now ``major`` and
``major_rectified`` count the others, and ``suspected`` and ``suspected_rectified`` these
(console.major_sql); every row is counted again from the read model, as
console.campaign_figures counts them (a merged site's hazards under the kept site).

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

INDEX = "ix_console_campaign_hazards_jur"
BEFORE = ["campaign_id", "site_jurisdiction", "jurisdiction", "found", "rectified", "major"]
BEFORE += ["major_rectified"]
IN_PERIOD = "c.id = cs.campaign_id AND h.found_on >= c.starts_on AND h.found_on <= c.ends_on"
SUSPECTED = "h.level = 'major' AND coalesce(h.major_status, '') = 'suspected'"
MAJOR = "h.level = 'major' AND coalesce(h.major_status, '') <> 'suspected'"


def upgrade() -> None:
    with op.batch_alter_table("console_campaign_hazards") as batch:
        for name in ("suspected", "suspected_rectified"):
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
    op.drop_index(INDEX, table_name="console_campaign_hazards")
    op.create_index(
        INDEX, "console_campaign_hazards", [*BEFORE, "suspected", "suspected_rectified"]
    )
    _recount(op.get_bind())


def _recount(conn: sa.Connection) -> None:
    conn.execute(sa.text("DELETE FROM console_campaign_hazards"))
    cols = (
        "cs.campaign_id, cs.site_id, h.jurisdiction, cs.jurisdiction AS sj, h.open,"
        f" CASE WHEN {MAJOR} THEN 1 ELSE 0 END AS major,"
        f" CASE WHEN {SUSPECTED} THEN 1 ELSE 0 END AS maybe"
    )
    register = "console_campaign_site cs, console_campaign c, console_hazard h"
    found = f"NOT h.superseded AND {IN_PERIOD}"
    conn.execute(
        sa.text(
            "INSERT INTO console_campaign_hazards (campaign_id, site_id, jurisdiction,"
            " site_jurisdiction, found, rectified, major, major_rectified, suspected,"
            " suspected_rectified)"
            " SELECT campaign_id, site_id, jurisdiction, sj, count(*),"
            " sum(CASE WHEN open THEN 0 ELSE 1 END), sum(major),"
            " sum(CASE WHEN open THEN 0 ELSE major END), sum(maybe),"
            " sum(CASE WHEN open THEN 0 ELSE maybe END) FROM ("
            f"SELECT {cols} FROM {register} WHERE {found} AND EXISTS (SELECT 1 FROM"
            "  console_site s WHERE s.id = cs.site_id AND s.kept_id IS NULL)"
            "  AND h.site_id = cs.site_id"
            f" UNION ALL SELECT {cols} FROM {register} WHERE {found}"
            "  AND h.site_id IN (SELECT s.id FROM console_site s WHERE s.kept_id = cs.site_id)"
            ") AS u GROUP BY campaign_id, site_id, jurisdiction, sj"
        )
    )


def downgrade() -> None:
    conn = op.get_bind()
    conn.execute(
        sa.text(
            "UPDATE console_campaign_hazards SET major = major + suspected,"
            " major_rectified = major_rectified + suspected_rectified"
        )
    )
    op.drop_index(INDEX, table_name="console_campaign_hazards")
    op.create_index(INDEX, "console_campaign_hazards", BEFORE)
    with op.batch_alter_table("console_campaign_hazards") as batch:
        batch.drop_column("suspected_rectified")
        batch.drop_column("suspected")
