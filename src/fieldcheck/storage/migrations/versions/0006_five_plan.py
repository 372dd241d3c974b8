"""五落实 of a major hazard: 责任人, 整改资金, 安全措施和应急预案 on the finding.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = ("responsible", "funds", "safety_plan")


def upgrade() -> None:
    with op.batch_alter_table("finding") as batch:
        for name in COLUMNS:
            batch.add_column(sa.Column(name, AutoString(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("finding") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
