"""console: a covering index for a campaign's hazard figures (by site)

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = ["site_id", "found_on", "superseded", "open", "level", "jurisdiction"]


def upgrade() -> None:
    op.create_index("ix_console_hazard_site_figures", "console_hazard", COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_console_hazard_site_figures", table_name="console_hazard")
