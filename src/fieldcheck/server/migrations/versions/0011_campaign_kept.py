"""console: a campaign's coverage and figures kept per registered site

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

AUTO = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("console_campaign_site") as batch:
        batch.add_column(sa.Column("visited_on", sa.Date(), nullable=True))
    op.create_index(
        "ix_console_campaign_site_cover",
        "console_campaign_site",
        ["campaign_id", "jurisdiction", "visited_on"],
    )
    op.create_index("ix_console_campaign_site_site", "console_campaign_site", ["site_id"])
    op.create_table(
        "console_campaign_hazards",
        sa.Column("campaign_id", AUTO(), nullable=False),
        sa.Column("site_id", AUTO(), nullable=False),
        sa.Column("jurisdiction", AUTO(), nullable=False),
        sa.Column("site_jurisdiction", AUTO(), nullable=False),
        *[
            sa.Column(n, sa.Integer(), nullable=False, server_default="0")
            for n in ("found", "rectified", "major", "major_rectified")
        ],
        sa.PrimaryKeyConstraint("campaign_id", "site_id", "jurisdiction"),
    )
    op.create_index(  # covering: the figures read this index only
        "ix_console_campaign_hazards_jur",
        "console_campaign_hazards",
        [
            "campaign_id",
            "site_jurisdiction",
            "jurisdiction",
            "found",
            "rectified",
            "major",
            "major_rectified",
        ],
    )
    from fieldcheck.server.console import campaign_figures

    campaign_figures.rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_table("console_campaign_hazards")
    op.drop_index("ix_console_campaign_site_site", table_name="console_campaign_site")
    op.drop_index("ix_console_campaign_site_cover", table_name="console_campaign_site")
    with op.batch_alter_table("console_campaign_site") as batch:
        batch.drop_column("visited_on")
