"""signing: the site's acknowledgement of a major hazard (签字 / 拒签)

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "site_ack",
        sa.Column("id", AutoString(), nullable=False),
        sa.Column("finding_id", AutoString(), nullable=False),
        sa.Column("outcome", AutoString(), nullable=False),
        sa.Column("site_rep_name", AutoString(), nullable=False),
        sa.Column("site_rep_id", AutoString(), nullable=True),
        sa.Column("handwriting_sha256", AutoString(), nullable=True),
        sa.Column("witness_name", AutoString(), nullable=False),
        sa.Column("witness_id", AutoString(), nullable=True),
        sa.Column("reason", AutoString(), nullable=False),
        sa.Column("recorded_by", AutoString(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("signature_id", AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["finding_id"], ["finding.id"]),
        sa.ForeignKeyConstraint(["handwriting_sha256"], ["blob.sha256"]),
        sa.ForeignKeyConstraint(["signature_id"], ["signature.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("signature_id"),
    )
    with op.batch_alter_table("site_ack", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_site_ack_finding_id"), ["finding_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("site_ack", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_site_ack_finding_id"))
    op.drop_table("site_ack")
