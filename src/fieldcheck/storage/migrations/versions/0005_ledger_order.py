"""The ledger's default order (newest first) served by an index.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_finding_current_found",
        "finding",
        ["found_at", "id"],  # SQLite walks it backwards for newest first
        sqlite_where=sa.text("superseded_by IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_finding_current_found", "finding")
