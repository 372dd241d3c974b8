"""trust: the pinned server key and the server's key attestations

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "key_attestation",
        sa.Column("key_id", text(), nullable=False),
        sa.Column("person_id", text(), nullable=False),
        sa.Column("public_key_b64", text(), nullable=False),
        sa.Column("role", text(), nullable=False),
        sa.Column("jurisdiction", text(), nullable=False),
        sa.Column("valid_from", text(), nullable=False),
        sa.Column("valid_until", text(), nullable=True),
        sa.Column("replaces", text(), nullable=True),
        sa.Column("device_id", text(), nullable=False),
        sa.Column("attested_at", text(), nullable=False),
        sa.Column("server_key_b64", text(), nullable=False),
        sa.Column("signature_b64", text(), nullable=False),
        sa.PrimaryKeyConstraint("key_id"),
    )
    with op.batch_alter_table("key_attestation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_key_attestation_person_id"), ["person_id"], unique=False
        )
    with op.batch_alter_table("sync_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("server_key_b64", text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("sync_account", schema=None) as batch_op:
        batch_op.drop_column("server_key_b64")
    op.drop_table("key_attestation")
