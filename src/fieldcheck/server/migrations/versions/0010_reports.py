"""console: 随手拍, the public's reports (console_report)

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

AUTO = sqlmodel.sql.sqltypes.AutoString
AT = sqlmodel.sql.sqltypes.UTCDateTime


def _s(name: str, default: str | None = None) -> sa.Column[str]:
    if default is None:
        return sa.Column(name, AUTO(), nullable=False)
    return sa.Column(name, AUTO(), nullable=False, server_default=default)


def upgrade() -> None:
    op.create_table(
        "console_report",
        _s("id"),
        _s("receipt"),
        _s("jurisdiction"),
        _s("address"),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        _s("phone", ""),
        _s("client"),
        sa.Column("photos_json", sa.Text(), nullable=False, server_default="[]"),
        _s("status", "new"),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        _s("hazard_id", ""),
        _s("task_id", ""),
        sa.Column("created_at", AT(), nullable=False),
        _s("handled_by", ""),
        sa.Column("handled_at", AT(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_console_report_receipt", "console_report", ["receipt"], unique=True)
    op.create_index(
        "ix_console_report_jur", "console_report", ["jurisdiction", "status", "created_at"]
    )
    op.create_index("ix_console_report_client", "console_report", ["client", "created_at"])
    op.create_index("ix_console_report_phone", "console_report", ["phone", "created_at"])


def downgrade() -> None:
    op.drop_table("console_report")
