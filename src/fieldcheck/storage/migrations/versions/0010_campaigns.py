"""campaigns: the 专项行动 the server sends, with their registers' sites

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "campaign",
        sa.Column("id", text(), nullable=False),
        sa.Column("name", text(), nullable=False),
        sa.Column("jurisdiction", text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("checklists_json", text(), nullable=False),
        sa.Column("industries_json", text(), nullable=False),
        sa.Column("kinds_json", text(), nullable=False),
        sa.Column("received_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "campaign_site",
        sa.Column("campaign_id", text(), nullable=False),
        sa.Column("site_id", text(), nullable=False),
        sa.PrimaryKeyConstraint("campaign_id", "site_id"),
    )
    with op.batch_alter_table("campaign_site", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_campaign_site_site_id"), ["site_id"], unique=False)


def downgrade() -> None:
    op.drop_table("campaign_site")
    op.drop_table("campaign")
