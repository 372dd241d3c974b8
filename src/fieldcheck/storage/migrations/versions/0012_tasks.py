"""tasks: the 交办 tasks, escalations and signed 销号 approvals the server sends, and
what each inspection was opened for (task, campaign)

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    when = sqlmodel.sql.sqltypes.UTCDateTime
    op.create_table(
        "task",
        sa.Column("id", text(), nullable=False),
        sa.Column("kind", text(), nullable=False),
        sa.Column("grid", text(), nullable=False),
        sa.Column("site_id", text(), nullable=False),
        sa.Column("site_name", text(), nullable=False),
        sa.Column("place", text(), nullable=False),
        sa.Column("hazard_id", text(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("note", text(), nullable=False),
        sa.Column("source", text(), nullable=False),
        sa.Column("photos_json", text(), nullable=False),
        sa.Column("assigned_by", text(), nullable=False),
        sa.Column("assigned_at", when(), nullable=True),
        sa.Column("server_status", text(), nullable=False),
        sa.Column("done_inspection_id", text(), nullable=True),
        sa.Column("received_at", when(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_site_id"), ["site_id"], unique=False)
    op.create_table(
        "escalation",
        sa.Column("id", text(), nullable=False),
        sa.Column("target_kind", text(), nullable=False),
        sa.Column("target_id", text(), nullable=False),
        sa.Column("hazard_id", text(), nullable=False),
        sa.Column("kind", text(), nullable=False),
        sa.Column("level", text(), nullable=False),
        sa.Column("level_code", text(), nullable=False),
        sa.Column("leader", text(), nullable=False),
        sa.Column("leader_post", text(), nullable=False),
        sa.Column("created_at", when(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("escalation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_escalation_target_id"), ["target_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_escalation_hazard_id"), ["hazard_id"], unique=False)
    op.create_table(
        "close_approval",
        sa.Column("id", text(), nullable=False),
        sa.Column("hazard_id", text(), nullable=False),
        sa.Column("escalation_id", text(), nullable=False),
        sa.Column("payload", text(), nullable=False),
        sa.Column("signature_b64", text(), nullable=False),
        sa.Column("certificate", text(), nullable=False),
        sa.Column("received_at", when(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("close_approval", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_close_approval_hazard_id"), ["hazard_id"], unique=False
        )
    op.create_table(
        "inspection_work",
        sa.Column("inspection_id", text(), nullable=False),
        sa.Column("task_id", text(), nullable=True),
        sa.Column("campaign_id", text(), nullable=True),
        sa.Column("opened_at", when(), nullable=False),
        sa.Column("reported_at", when(), nullable=True),
        sa.Column("report_status", text(), nullable=False),
        sa.PrimaryKeyConstraint("inspection_id"),
    )
    with op.batch_alter_table("inspection_work", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_work_task_id"), ["task_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_inspection_work_campaign_id"), ["campaign_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("inspection_work")
    op.drop_table("close_approval")
    op.drop_table("escalation")
    op.drop_table("task")
