"""site merge: a site may name the site it was merged into (the same 统一社会信用代码).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("site") as batch:
        batch.add_column(sa.Column("merged_into", AutoString(), nullable=True))
        batch.create_index("ix_site_merged_into", ["merged_into"])


def downgrade() -> None:
    with op.batch_alter_table("site") as batch:
        batch.drop_index("ix_site_merged_into")
        batch.drop_column("merged_into")
