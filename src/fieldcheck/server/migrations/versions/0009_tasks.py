"""console: tasks down to the grid (交办), escalations (督办/挂牌督办), 分级销号 approvals

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

AUTO = sqlmodel.sql.sqltypes.AutoString
AT = sqlmodel.sql.sqltypes.UTCDateTime


def _s(name: str, default: str | None = None) -> sa.Column[str]:
    if default is None:
        return sa.Column(name, AUTO(), nullable=False)
    return sa.Column(name, AUTO(), nullable=False, server_default=default)


def upgrade() -> None:
    op.create_table(
        "console_task",
        _s("id"),
        _s("kind"),
        _s("jurisdiction"),
        _s("grid"),
        _s("assignee_device", ""),
        _s("assignee_name", ""),
        _s("site_id"),
        _s("site_name", ""),
        _s("place", ""),
        _s("hazard_id", ""),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        _s("source", "console"),
        _s("source_ref", ""),
        sa.Column("photos_json", sa.Text(), nullable=False, server_default="[]"),
        _s("batch_id", ""),
        _s("created_by"),
        sa.Column("created_at", AT(), nullable=False),
        sa.Column("done_at", AT(), nullable=True),
        _s("done_inspection_id", ""),
        _s("done_device", ""),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_console_task_grid", "console_task", ["grid", "done_at"])
    op.create_index("ix_console_task_jur", "console_task", ["jurisdiction", "deadline"])
    op.create_index("ix_console_task_batch", "console_task", ["batch_id"])
    op.create_table(
        "console_escalation",
        _s("id"),
        _s("target_kind"),
        _s("target_id"),
        _s("hazard_id", ""),
        _s("kind"),
        _s("level"),
        _s("level_code"),
        _s("leader"),
        _s("leader_post", ""),
        _s("jurisdiction"),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        _s("created_by"),
        sa.Column("created_at", AT(), nullable=False),
        sa.Column("lifted_at", AT(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_console_escalation_target", "console_escalation", ["target_kind", "target_id"]
    )
    op.create_index(
        "ix_console_escalation_jur", "console_escalation", ["jurisdiction", "created_at"]
    )
    op.create_table(
        "console_close_approval",
        _s("id"),
        _s("hazard_id"),
        _s("escalation_id"),
        _s("level"),
        _s("level_code"),
        _s("jurisdiction"),
        _s("approver"),
        _s("approver_role"),
        sa.Column("approved_at", AT(), nullable=False),
        sa.Column("payload_json", sa.Text(), nullable=False),
        _s("signature"),
        _s("key_id"),
        sa.Column("certificate_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_console_close_approval_hazard_id", "console_close_approval", ["hazard_id"])
    op.create_table(
        "console_account_key",
        _s("id"),
        _s("account"),
        _s("public_key"),
        _s("private_key"),
        sa.Column("certificate_json", sa.Text(), nullable=False),
        sa.Column("created_at", AT(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_console_account_key_account", "console_account_key", ["account"])


def downgrade() -> None:
    op.drop_table("console_account_key")
    op.drop_table("console_close_approval")
    op.drop_table("console_escalation")
    op.drop_table("console_task")
