# SPDX-License-Identifier: Apache-2.0
"""The summaries kept by the projection, so the overview and the ranking read thousands of
rows, not a million. Each row is keyed by a code prefix of a fixed length (``lvl``), so
a scope's children are the rows of one level. See console.summary.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from fieldcheck.server.tables import ServerTable


class HazardSum(ServerTable, table=True):
    """Hazards found on one day in one jurisdiction prefix and industry, with their counts.

    ``due`` is the deadline of open and of major hazards (9999-12-31 when none), the only
    date the overdue and major-due figures need; closed general hazards all share 9999-12-31.
    """

    __tablename__ = "console_hazard_sum"
    lvl: int = Field(primary_key=True)
    code: str = Field(primary_key=True)
    day: date = Field(primary_key=True)
    industry: str = Field(primary_key=True)
    open: bool = Field(primary_key=True)
    due: date = Field(primary_key=True)
    found: int = 0
    major: int = 0  # 重大隐患: not awaiting the expert (core.terms.is_suspected_major)
    supervised: int = 0
    verified: int = 0
    on_time: int = 0
    major_on_time: int = 0
    revisited: int = 0
    reopened: int = 0
    suspected: int = 0  # 疑似重大隐患: recorded as major, awaiting the expert


class VisitSum(ServerTable, table=True):
    """Inspections (检查单位家次) on one day in one jurisdiction prefix and industry."""

    __tablename__ = "console_visit_sum"
    lvl: int = Field(primary_key=True)
    code: str = Field(primary_key=True)
    day: date = Field(primary_key=True)
    industry: str = Field(primary_key=True)
    n: int = 0


class NoticeSum(ServerTable, table=True):
    """Documents issued and not voided on one day in one jurisdiction prefix."""

    __tablename__ = "console_notice_sum"
    lvl: int = Field(primary_key=True)
    code: str = Field(primary_key=True)
    day: date = Field(primary_key=True)
    n: int = 0


class SitePeriod(ServerTable, table=True):
    """How many inspections a site had in one week or month: the ranking's coverage."""

    __tablename__ = "console_site_period"
    __table_args__ = (
        Index("ix_console_site_period_code", "kind", "start", "code", "site_id", "n"),
    )
    kind: str = Field(primary_key=True)  # week / month
    start: date = Field(primary_key=True)
    site_id: str = Field(primary_key=True)
    code: str = Field(primary_key=True)  # the inspection's jurisdiction
    n: int = 0


class CoverageSum(ServerTable, table=True):
    """How many distinct sites in one jurisdiction prefix were inspected in a week or month."""

    __tablename__ = "console_coverage_sum"
    kind: str = Field(primary_key=True)
    start: date = Field(primary_key=True)
    lvl: int = Field(primary_key=True)
    code: str = Field(primary_key=True)
    sites: int = 0


class SiteSum(ServerTable, table=True):
    """How many registered sites one jurisdiction prefix holds."""

    __tablename__ = "console_site_sum"
    lvl: int = Field(primary_key=True)
    code: str = Field(primary_key=True)
    n: int = 0


# The read model's Core handles, for the queries (one place, so no module declares its own).
