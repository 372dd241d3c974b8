"""issued_pdf: the signed PDF of each notice frozen by its SHA-256 at issue

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "issued_pdf",
        sa.Column("notice_id", text(), nullable=False),
        sa.Column("variant", text(), nullable=False),
        sa.Column("file_name", text(), nullable=False),
        sa.Column("sha256", text(), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("content_sha256", text(), nullable=False),
        sa.Column("stored_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["notice.id"]),
        sa.PrimaryKeyConstraint("notice_id", "variant"),
    )


def downgrade() -> None:
    op.drop_table("issued_pdf")
