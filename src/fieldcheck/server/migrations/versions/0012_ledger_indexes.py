"""console: the ledger's indexes for the filters that pick few rows (a status, 回头看 found
back, 已发文书) in each of its orders, and (open, found_at, id, due_key) for 逾期/临期;
superseded added to (jurisdiction, found_at, id), so a township's page is read from the index

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

NOTICED = sa.text("notices != ''")
JUR_FOUND = ["jurisdiction", "found_at", "id"]  # now with superseded: a page needs no row
ORDERS = {"found": ["found_at", "id"], "due": ["due_key", "id"], "name": ["site_name", "id"]}


def _indexes() -> list[tuple[str, list[str], bool]]:
    out = [("ix_console_hazard_open_found", ["open", "found_at", "id", "due_key"], False)]
    for key, cols in ORDERS.items():
        out.append((f"ix_console_hazard_status_{key}", ["status", *cols], False))
        out.append((f"ix_console_hazard_reopened_{key}", ["reopened", *cols], False))
        out.append((f"ix_console_hazard_noticed_{key}", cols, True))
    return out


def upgrade() -> None:
    op.drop_index("ix_console_hazard_jur_found", table_name="console_hazard")
    op.create_index("ix_console_hazard_jur_found", "console_hazard", [*JUR_FOUND, "superseded"])
    for name, cols, partial in _indexes():
        where = {"sqlite_where": NOTICED, "postgresql_where": NOTICED} if partial else {}
        op.create_index(name, "console_hazard", cols, **where)


def downgrade() -> None:
    for name, _cols, _partial in reversed(_indexes()):
        op.drop_index(name, table_name="console_hazard")
    op.drop_index("ix_console_hazard_jur_found", table_name="console_hazard")
    op.create_index("ix_console_hazard_jur_found", "console_hazard", JUR_FOUND)
