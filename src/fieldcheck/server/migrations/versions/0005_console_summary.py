"""console: summary rows for the overview and the ranking, built from the read model

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import Connection

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
HAZARD_KEY = ("lvl", "code", "day", "industry", "open", "due")
VISIT_KEY = ("lvl", "code", "day", "industry")
NOTICE_KEY = ("lvl", "code", "day")
SITE_KEY = ("lvl", "code")
COVERAGE_KEY = ("kind", "start", "lvl", "code")
LEVELS = (2, 4, 6, 9, 12)  # console.summary.LEVELS when this was written
NO_DATE = date.max  # "no deadline" in a key (keys are never NULL)

# The read model as it stood at 0004, only the columns the summaries are computed from
# (frozen here: the application's tables move on, this migration must not).
HZ = sa.table(
    "console_hazard",
    sa.column("jurisdiction", sa.String()),
    sa.column("industry", sa.String()),
    sa.column("level", sa.String()),
    sa.column("open", sa.Boolean()),
    sa.column("due_key", sa.Date()),
    sa.column("found_on", sa.Date()),
    sa.column("verified_on", sa.Date()),
    sa.column("revisited_on", sa.Date()),
    sa.column("reopened", sa.Boolean()),
    sa.column("on_time", sa.Boolean()),
    sa.column("supervised", sa.Boolean()),
    sa.column("superseded", sa.Boolean()),
)
INSP = sa.table(
    "console_inspection",
    sa.column("site_id", sa.String()),
    sa.column("jurisdiction", sa.String()),
    sa.column("industry", sa.String()),
    sa.column("day", sa.Date()),
)
NT = sa.table(
    "console_notice",
    sa.column("jurisdiction", sa.String()),
    sa.column("issued_on", sa.Date()),
    sa.column("voided", sa.Boolean()),
)
SITE = sa.table("console_site", sa.column("jurisdiction", sa.String()))


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
    op.create_table(
        "console_hazard_sum",
        *_key(*HAZARD_KEY),
        *[sa.Column(n, sa.Integer(), nullable=False) for n in COUNTS],
        sa.PrimaryKeyConstraint(*HAZARD_KEY),
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
    _fill(op.get_bind())


def _fill(conn: Connection) -> None:
    """Every summary row from console_hazard, _inspection, _notice and _site (all sites
    count: console_site.merged_into comes in 0013, which counts the sites again)."""
    hs = sa.table("console_hazard_sum", *[sa.column(n) for n in (*HAZARD_KEY, *COUNTS)])
    vs = sa.table("console_visit_sum", *[sa.column(n) for n in (*VISIT_KEY, "n")])
    ns = sa.table("console_notice_sum", *[sa.column(n) for n in (*NOTICE_KEY, "n")])
    ss = sa.table("console_site_sum", *[sa.column(n) for n in (*SITE_KEY, "n")])
    sp = sa.table(
        "console_site_period",
        sa.column("kind", sa.String()),
        sa.column("start", sa.Date()),
        sa.column("site_id", sa.String()),
        sa.column("code", sa.String()),
        sa.column("n", sa.Integer()),
    )
    cs = sa.table("console_coverage_sum", *[sa.column(n) for n in (*COVERAGE_KEY, "sites")])
    major = HZ.c.level == "major"
    on_time = HZ.c.on_time.is_(True)
    for lvl in LEVELS:
        code = sa.func.substr(HZ.c.jurisdiction, 1, lvl)
        due = sa.case(
            (sa.or_(HZ.c.open.is_(True), major), HZ.c.due_key),
            else_=sa.literal(NO_DATE, sa.Date),
        )
        cols = [
            sa.func.count(),
            sa.func.sum(sa.case((major, 1), else_=0)),
            sa.func.sum(sa.case((HZ.c.supervised.is_(True), 1), else_=0)),
            sa.func.sum(sa.case((HZ.c.verified_on.is_not(None), 1), else_=0)),
            sa.func.sum(sa.case((on_time, 1), else_=0)),
            sa.func.sum(sa.case((sa.and_(major, on_time), 1), else_=0)),
            sa.func.sum(sa.case((HZ.c.revisited_on.is_not(None), 1), else_=0)),
            sa.func.sum(sa.case((HZ.c.reopened.is_(True), 1), else_=0)),
        ]
        groups = [code, HZ.c.found_on, HZ.c.industry, HZ.c.open, due]
        conn.execute(
            hs.insert().from_select(
                [*HAZARD_KEY, *COUNTS],
                sa.select(sa.literal(lvl), *groups, *cols)
                .where(HZ.c.superseded.is_(False))
                .group_by(*groups),
            )
        )
        igroups = [sa.func.substr(INSP.c.jurisdiction, 1, lvl), INSP.c.day, INSP.c.industry]
        conn.execute(
            vs.insert().from_select(
                [*VISIT_KEY, "n"],
                sa.select(sa.literal(lvl), *igroups, sa.func.count()).group_by(*igroups),
            )
        )
        scode = sa.func.substr(SITE.c.jurisdiction, 1, lvl)
        conn.execute(
            ss.insert().from_select(
                [*SITE_KEY, "n"],
                sa.select(sa.literal(lvl), scode, sa.func.count()).group_by(scode),
            )
        )
        ngroups = [sa.func.substr(NT.c.jurisdiction, 1, lvl), NT.c.issued_on]
        conn.execute(
            ns.insert().from_select(
                [*NOTICE_KEY, "n"],
                sa.select(sa.literal(lvl), *ngroups, sa.func.count())
                .where(NT.c.voided.is_(False))
                .group_by(*ngroups),
            )
        )
    # Inspections per site, week and month (the starts computed here, on both dialects).
    periods: dict[tuple[object, ...], int] = defaultdict(int)
    result = conn.execute(
        sa.select(INSP.c.site_id, INSP.c.jurisdiction, INSP.c.day).execution_options(yield_per=5000)
    )
    for part in result.partitions():
        for v in part:
            week = v.day - timedelta(days=v.day.weekday())
            periods[("week", week, v.site_id, v.jurisdiction)] += 1
            periods[("month", v.day.replace(day=1), v.site_id, v.jurisdiction)] += 1
    rows = [
        {"kind": k, "start": start, "site_id": site, "code": code, "n": n}
        for (k, start, site, code), n in periods.items()
    ]
    for i in range(0, len(rows), 5000):
        conn.execute(sp.insert(), rows[i : i + 5000])
    for lvl in LEVELS:  # coverage: the sites inspected in a period, per prefix
        code = sa.func.substr(sp.c.code, 1, lvl)
        conn.execute(
            cs.insert().from_select(
                [*COVERAGE_KEY, "sites"],
                sa.select(
                    sp.c.kind,
                    sp.c.start,
                    sa.literal(lvl),
                    code,
                    sa.func.count(sa.func.distinct(sp.c.site_id)),
                )
                .where(sp.c.n > 0)
                .group_by(sp.c.kind, sp.c.start, code),
            )
        )


def downgrade() -> None:
    op.drop_index("ix_console_site_period_code", table_name="console_site_period")
    for name in (
        "console_site_sum",
        "console_coverage_sum",
        "console_site_period",
        "console_notice_sum",
        "console_visit_sum",
        "console_hazard_sum",
    ):
        op.drop_table(name)
