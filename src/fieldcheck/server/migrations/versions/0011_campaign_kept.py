"""console: a campaign's coverage and figures kept per registered site

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.engine import Connection

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

AUTO = sqlmodel.sql.sqltypes.AutoString
FIGURES = ("found", "rectified", "major", "major_rectified")

# The tables as they stood at 0010, only the columns the figures are computed from
# (frozen here: the application's tables move on, this migration must not).
CP = sa.table(
    "console_campaign",
    sa.column("id", sa.String()),
    sa.column("starts_on", sa.Date()),
    sa.column("ends_on", sa.Date()),
)
CS = sa.table(
    "console_campaign_site",
    sa.column("campaign_id", sa.String()),
    sa.column("site_id", sa.String()),
    sa.column("jurisdiction", sa.String()),
    sa.column("visited_on", sa.Date()),
)
CH = sa.table(
    "console_campaign_hazards",
    *[
        sa.column(n)
        for n in ("campaign_id", "site_id", "jurisdiction", "site_jurisdiction", *FIGURES)
    ],
)
HZ = sa.table(
    "console_hazard",
    sa.column("site_id", sa.String()),
    sa.column("jurisdiction", sa.String()),
    sa.column("level", sa.String()),
    sa.column("open", sa.Boolean()),
    sa.column("found_on", sa.Date()),
    sa.column("superseded", sa.Boolean()),
)
INSP = sa.table(
    "console_inspection",
    sa.column("site_id", sa.String()),
    sa.column("day", sa.Date()),
)


def upgrade() -> None:
    with op.batch_alter_table("console_campaign_site") as batch:
        batch.add_column(sa.Column("visited_on", sa.Date(), nullable=True))
    op.create_index(
        "ix_console_campaign_site_cover",
        "console_campaign_site",
        ["campaign_id", "jurisdiction", "visited_on"],
    )
    op.create_index("ix_console_campaign_site_site", "console_campaign_site", ["site_id"])
    op.create_table(
        "console_campaign_hazards",
        sa.Column("campaign_id", AUTO(), nullable=False),
        sa.Column("site_id", AUTO(), nullable=False),
        sa.Column("jurisdiction", AUTO(), nullable=False),
        sa.Column("site_jurisdiction", AUTO(), nullable=False),
        *[sa.Column(n, sa.Integer(), nullable=False, server_default="0") for n in FIGURES],
        sa.PrimaryKeyConstraint("campaign_id", "site_id", "jurisdiction"),
    )
    op.create_index(  # covering: the figures read this index only
        "ix_console_campaign_hazards_jur",
        "console_campaign_hazards",
        [
            "campaign_id",
            "site_jurisdiction",
            "jurisdiction",
            "found",
            "rectified",
            "major",
            "major_rectified",
        ],
    )
    _fill(op.get_bind())


def _period(column: str) -> sa.ScalarSelect[object]:
    # correlate(CS) explicitly: two levels down in an UPDATE, auto-correlation stops short
    return (
        sa.select(CP.c[column]).where(CP.c.id == CS.c.campaign_id).correlate(CS).scalar_subquery()
    )


def _fill(conn: Connection) -> None:
    """Every register row's first visit in its campaign's period, and the hazards of its
    site found in the period, per jurisdiction of the hazards."""
    first = (
        sa.select(sa.func.min(INSP.c.day))
        .where(
            INSP.c.site_id == CS.c.site_id,
            INSP.c.day >= _period("starts_on"),
            INSP.c.day <= _period("ends_on"),
        )
        .correlate(CS)
        .scalar_subquery()
    )
    conn.execute(sa.update(CS).values(visited_on=first))
    shut = HZ.c.open.is_(False)
    major = HZ.c.level == "major"
    counts = (
        sa.select(
            CS.c.campaign_id,
            CS.c.site_id,
            HZ.c.jurisdiction,
            CS.c.jurisdiction,
            sa.func.count(),
            sa.func.sum(sa.case((shut, 1), else_=0)),
            sa.func.sum(sa.case((major, 1), else_=0)),
            sa.func.sum(sa.case((sa.and_(major, shut), 1), else_=0)),
        )
        .select_from(
            CS.join(CP, CP.c.id == CS.c.campaign_id).join(HZ, HZ.c.site_id == CS.c.site_id)
        )
        .where(
            HZ.c.superseded.is_(False),
            HZ.c.found_on >= CP.c.starts_on,
            HZ.c.found_on <= CP.c.ends_on,
        )
        .group_by(CS.c.campaign_id, CS.c.site_id, HZ.c.jurisdiction, CS.c.jurisdiction)
    )
    names = ["campaign_id", "site_id", "jurisdiction", "site_jurisdiction", *FIGURES]
    conn.execute(CH.insert().from_select(names, counts))


def downgrade() -> None:
    op.drop_table("console_campaign_hazards")
    op.drop_index("ix_console_campaign_site_site", table_name="console_campaign_site")
    op.drop_index("ix_console_campaign_site_cover", table_name="console_campaign_site")
    with op.batch_alter_table("console_campaign_site") as batch:
        batch.drop_column("visited_on")
