"""Partial indexes for the ledger's dashboard counts and overdue list.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OPEN = "status IN ('found', 'assigned', 'rectifying', 'failed_verification')"


def upgrade() -> None:
    # Superseded by the partial index below, which the planner would otherwise ignore.
    op.drop_index("ix_finding_status_deadline", "finding")
    op.create_index(
        "ix_finding_current_status_level",
        "finding",
        ["status", "level"],
        sqlite_where=sa.text("superseded_by IS NULL"),
    )
    op.create_index(
        "ix_finding_open_deadline",
        "finding",
        ["deadline"],
        sqlite_where=sa.text(f"superseded_by IS NULL AND {OPEN}"),
    )


def downgrade() -> None:
    op.drop_index("ix_finding_open_deadline", "finding")
    op.drop_index("ix_finding_current_status_level", "finding")
    op.create_index("ix_finding_status_deadline", "finding", ["status", "deadline"])
