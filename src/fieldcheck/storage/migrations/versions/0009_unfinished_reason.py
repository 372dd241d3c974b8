"""unfinished reason: an inspection ended 未完成 keeps its reason in its own column.

Inspections ended 未完成 earlier keep the reason in their summary (``未完成：…``) as they
were recorded and synced; they are read as they are, never rewritten here.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inspection") as batch:
        batch.add_column(
            sa.Column("unfinished_reason", AutoString(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("inspection") as batch:
        batch.drop_column("unfinished_reason")
