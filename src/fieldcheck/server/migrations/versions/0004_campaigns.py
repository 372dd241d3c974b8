"""console: campaigns (专项行动) and their registers; the site's kind of place

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

AUTO = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("console_site", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind_of_place", AUTO(), nullable=False, server_default=""))
    op.create_table(
        "console_campaign",
        sa.Column("id", AUTO(), nullable=False),
        sa.Column("name", AUTO(), nullable=False),
        sa.Column("jurisdiction", AUTO(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("industries_json", sa.Text(), nullable=False),
        sa.Column("kinds_json", sa.Text(), nullable=False),
        sa.Column("checklists_json", sa.Text(), nullable=False),
        sa.Column("source", AUTO(), nullable=False),
        sa.Column("created_by", AUTO(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_console_campaign_jurisdiction", "console_campaign", ["jurisdiction"])
    op.create_table(
        "console_campaign_site",
        sa.Column("campaign_id", AUTO(), nullable=False),
        sa.Column("site_id", AUTO(), nullable=False),
        sa.Column("jurisdiction", AUTO(), nullable=False),
        sa.PrimaryKeyConstraint("campaign_id", "site_id"),
    )
    op.create_index(
        "ix_console_campaign_site_jur", "console_campaign_site", ["campaign_id", "jurisdiction"]
    )
    # Coverage asks "was this site inspected in the period" once per registered site.
    op.create_index("ix_console_inspection_site_day", "console_inspection", ["site_id", "day"])


def downgrade() -> None:
    op.drop_index("ix_console_inspection_site_day", table_name="console_inspection")
    op.drop_index("ix_console_campaign_site_jur", table_name="console_campaign_site")
    op.drop_table("console_campaign_site")
    op.drop_index("ix_console_campaign_jurisdiction", table_name="console_campaign")
    op.drop_table("console_campaign")
    with op.batch_alter_table("console_site", schema=None) as batch_op:
        batch_op.drop_column("kind_of_place")
