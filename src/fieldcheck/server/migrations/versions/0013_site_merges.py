"""console: a site merged on a device into another (合并重复单位) says so in console_site

The sync has always carried ``merged_into``; the read model dropped it, so the console
listed and counted both sites. The column is filled from each site's current version,
and the registered-site counts (console_site_sum) are counted again without merged sites.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import json

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

AUTO = sqlmodel.sql.sqltypes.AutoString
LEVELS = (2, 4, 6, 9, 12)  # console.summary.LEVELS when this was written


def upgrade() -> None:
    op.add_column("console_site", sa.Column("merged_into", AUTO(), nullable=True))
    op.create_index("ix_console_site_merged_into", "console_site", ["merged_into"])
    conn = op.get_bind()
    rows = conn.execute(  # each site's current version (record.head_sha256)
        sa.text(
            "SELECT r.entity_id, v.content_json FROM record r JOIN record_version v"
            " ON v.entity = r.entity AND v.entity_id = r.entity_id AND v.sha256 = r.head_sha256"
            " WHERE r.entity = 'site' AND v.content_json LIKE '%merged_into%'"
        )
    )
    merged = {k: into for k, c in rows if (into := json.loads(c).get("merged_into"))}
    for site_id, into in merged.items():
        conn.execute(
            sa.text("UPDATE console_site SET merged_into = :into WHERE id = :id"),
            {"into": into, "id": site_id},
        )
    if merged:
        recount_registered(conn, "merged_into")


def recount_registered(conn: sa.Connection, column: str) -> None:
    """console_site_sum again, without the sites whose ``column`` names another (0016
    calls it with the end of each chain)."""
    conn.execute(sa.text("DELETE FROM console_site_sum"))
    for lvl in LEVELS:
        conn.execute(
            sa.text(
                "INSERT INTO console_site_sum (lvl, code, n) SELECT :lvl,"
                " substr(jurisdiction, 1, :lvl), count(*) FROM console_site"
                f" WHERE {column} IS NULL GROUP BY substr(jurisdiction, 1, :lvl)"
            ),
            {"lvl": lvl},
        )


def downgrade() -> None:
    op.drop_index("ix_console_site_merged_into", table_name="console_site")
    with op.batch_alter_table("console_site", schema=None) as batch_op:
        batch_op.drop_column("merged_into")
