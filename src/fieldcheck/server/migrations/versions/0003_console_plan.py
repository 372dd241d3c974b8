"""console: 整改措施 and the 五落实 fields on the read model's hazards

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = ("measures", "funds", "safety_plan")


def upgrade() -> None:
    with op.batch_alter_table("console_hazard", schema=None) as batch_op:
        batch_op.add_column(sa.Column("measures", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("funds", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("safety_plan", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("console_hazard", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.drop_column(name)
