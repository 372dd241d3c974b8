"""key_attestation.revoked_from: the county revoked a key from a given time (stolen laptop)

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("key_attestation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("revoked_from", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("key_attestation", schema=None) as batch_op:
        batch_op.drop_column("revoked_from")
