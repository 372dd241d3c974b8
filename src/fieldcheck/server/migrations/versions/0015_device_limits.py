"""limits: each device's request bucket and its unfinished photo uploads, in the database

They were counted in each server process, so behind a proxy with several processes a
device's ceiling was that many times the limits; now every process counts in these.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    name = sa.String()
    op.create_table(
        "device_rate",
        sa.Column("device_id", name, primary_key=True),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("counted_at", sa.Float(), nullable=False),
    )
    op.create_table(
        "partial_upload",
        sa.Column("device_id", name, primary_key=True),
        sa.Column("sha256", name, primary_key=True),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("touched_at", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("partial_upload")
    op.drop_table("device_rate")
