"""console: summary rows for the overview and the ranking, built from the read model

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

COUNTS = (
    "found",
    "major",
    "supervised",
    "verified",
    "on_time",
    "major_on_time",
    "revisited",
    "reopened",
)


def _key(*names: str) -> list[sa.Column[str]]:
    types = {
        "lvl": sa.Integer(),
        "day": sa.Date(),
        "due": sa.Date(),
        "start": sa.Date(),
        "open": sa.Boolean(),
    }
    return [sa.Column(n, types.get(n, sa.String()), nullable=False) for n in names]


def upgrade() -> None:
    hazard_key = ("lvl", "code", "day", "industry", "open", "due")
    op.create_table(
        "console_hazard_sum",
        *_key(*hazard_key),
        *[sa.Column(n, sa.Integer(), nullable=False) for n in COUNTS],
        sa.PrimaryKeyConstraint(*hazard_key),
    )
    op.create_table(
        "console_visit_sum",
        *_key("lvl", "code", "day", "industry"),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("lvl", "code", "day", "industry"),
    )
    op.create_table(
        "console_notice_sum",
        *_key("lvl", "code", "day"),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("lvl", "code", "day"),
    )
    op.create_table(
        "console_site_period",
        *_key("kind", "start", "site_id", "code"),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "start", "site_id", "code"),
    )
    op.create_table(
        "console_coverage_sum",
        *_key("kind", "start", "lvl", "code"),
        sa.Column("sites", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "start", "lvl", "code"),
    )
    op.create_table(
        "console_site_sum",
        *_key("lvl", "code"),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("lvl", "code"),
    )
    op.create_index(
        "ix_console_site_period_code",
        "console_site_period",
        ["kind", "start", "code", "site_id", "n"],
    )
    # Existing data: the summaries computed from the read model as it stands.
    from fieldcheck.server.console import summary

    summary.rebuild(op.get_bind(), merges=False)  # console_site.merged_into comes in 0013


def downgrade() -> None:
    op.drop_index("ix_console_site_period_code", table_name="console_site_period")
    for name in (
        "console_site_period",
        "console_notice_sum",
        "console_visit_sum",
        "console_hazard_sum",
    ):
        op.drop_table(name)
