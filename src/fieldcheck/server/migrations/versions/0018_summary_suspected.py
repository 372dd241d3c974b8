"""console: the overview's and the ranking's 重大隐患 are the ones the expert confirmed

console_hazard_sum counted every hazard recorded as major (level 'major') in ``major`` and
``major_on_time``, the suspected ones awaiting the expert (major_status 'suspected') too.
Now those count the others and a new ``suspected`` counts these (console.major_sql); the
rows are counted again from the read model, as console.summary_rebuild counts them.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# Frozen here (the application's tables move on, this migration must not).
KEY = ("lvl", "code", "day", "industry", "open", "due")
COUNTS = ("found", "major", "supervised", "verified", "on_time", "major_on_time")
COUNTS += ("revisited", "reopened", "suspected")
LEVELS = (2, 4, 6, 9, 12)
NO_DATE = date.max
HZ = sa.table(
    "console_hazard",
    *[sa.column(n, sa.String()) for n in ("jurisdiction", "industry", "level", "major_status")],
    *[sa.column(n, sa.Date()) for n in ("due_key", "found_on", "verified_on", "revisited_on")],
    *[sa.column(n, sa.Boolean()) for n in ("open", "reopened", "on_time", "supervised")],
    sa.column("superseded", sa.Boolean()),
)


def upgrade() -> None:
    with op.batch_alter_table("console_hazard_sum") as batch:
        batch.add_column(sa.Column("suspected", sa.Integer(), nullable=False, server_default="0"))
    _recount(op.get_bind(), COUNTS)


def _recount(conn: sa.Connection, counts: tuple[str, ...]) -> None:
    """The rows again; without "suspected" among counts, every major one is major (0005)."""
    hs = sa.table("console_hazard_sum", *[sa.column(n) for n in (*KEY, *counts)])
    conn.execute(hs.delete())
    status = sa.func.coalesce(HZ.c.major_status, "")
    any_major = HZ.c.level == "major"
    split = "suspected" in counts
    major = sa.and_(any_major, status != "suspected") if split else any_major
    suspected = sa.and_(any_major, status == "suspected")
    on_time = HZ.c.on_time.is_(True)
    when = {  # what each count counts (found: every row)
        "major": major,
        "supervised": HZ.c.supervised.is_(True),
        "verified": HZ.c.verified_on.is_not(None),
        "on_time": on_time,
        "major_on_time": sa.and_(major, on_time),
        "revisited": HZ.c.revisited_on.is_not(None),
        "reopened": HZ.c.reopened.is_(True),
        "suspected": suspected,
    }
    cols = [sa.func.count()]
    cols += [sa.func.sum(sa.case((when[n], 1), else_=0)) for n in counts[1:]]
    for lvl in LEVELS:
        code = sa.func.substr(HZ.c.jurisdiction, 1, lvl)
        due = sa.case(
            (sa.or_(HZ.c.open.is_(True), any_major), HZ.c.due_key),
            else_=sa.literal(NO_DATE, sa.Date),
        )
        groups = [code, HZ.c.found_on, HZ.c.industry, HZ.c.open, due]
        rows = sa.select(sa.literal(lvl), *groups, *cols).where(HZ.c.superseded.is_(False))
        conn.execute(hs.insert().from_select([*KEY, *counts], rows.group_by(*groups)))


def downgrade() -> None:
    with op.batch_alter_table("console_hazard_sum") as batch:
        batch.drop_column("suspected")
    _recount(op.get_bind(), COUNTS[:-1])
