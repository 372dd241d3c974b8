# SPDX-License-Identifier: Apache-2.0
"""The console's tables, on the server metadata (one Alembic history)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, Text, text
from sqlmodel import Field

from fieldcheck.server.tables import ServerTable, table_of


class UserRow(ServerTable, table=True):
    """A console account; only the argon2id hash of the password is kept."""

    __tablename__ = "console_user"
    id: str = Field(primary_key=True)
    name: str = Field(unique=True)  # the login name
    role: str  # township / county / city / admin
    jurisdiction: str
    password_hash: str
    created_at: datetime
    disabled_at: datetime | None = None
    failed_logins: int = 0  # consecutive failures; reset by a good login
    locked_until: datetime | None = None
    password_changed_at: datetime


class SessionRow(ServerTable, table=True):
    """A logged-in browser; the cookie holds a secret whose SHA-256 is the key."""

    __tablename__ = "console_session"
    token_sha256: str = Field(primary_key=True)
    user_id: str = Field(index=True)
    csrf: str
    created_at: datetime
    expires_at: datetime


class LoginFailureRow(ServerTable, table=True):
    """One failed login, by client address, for the rate limit (shared by all processes)."""

    __tablename__ = "console_login_failure"
    __table_args__ = (Index("ix_console_login_failure_key_at", "client", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    client: str
    at: datetime


class AuditRow(ServerTable, table=True):
    """Who changed what, when: every console action that changes something."""

    __tablename__ = "console_audit"
    seq: int | None = Field(default=None, primary_key=True)
    at: datetime
    actor: str  # the account name, or "cli:<os user>"
    action: str
    target: str
    detail_json: str = Field(default="{}", sa_type=Text)


class JurisdictionRow(ServerTable, table=True):
    """One entry of the code table: GB/T 2260 areas and the county's townships and grids."""

    __tablename__ = "console_jurisdiction"
    code: str = Field(primary_key=True)
    name: str
    parent: str | None = Field(default=None, index=True)
    level: str  # province / city / county / township / grid


class CursorRow(ServerTable, table=True):
    """How far the read model has followed the change feed."""

    __tablename__ = "console_cursor"
    name: str = Field(primary_key=True)
    seq: int = 0


class SiteView(ServerTable, table=True):
    """A site as the console shows it."""

    __tablename__ = "console_site"
    id: str = Field(primary_key=True)
    name: str
    uscc: str = ""
    address: str = ""
    industry: str = Field(default="", index=True)
    kind_of_place: str = ""  # e.g. 九小场所, 出租房: what a campaign targets with the industry
    jurisdiction: str = Field(index=True)
    legal_rep: str = ""
    risk_level: str = ""
    # 合并重复单位 on a device: this site is the same unit as that one (migration 0013); its
    # records stay its own and show under that site, and no register counts it again.
    merged_into: str | None = Field(default=None, index=True)
    # The site it counts under: the end of its merged_into chain (console.site_merges,
    # migration 0016); NULL when it is kept itself, as every unmerged site is.
    kept_id: str | None = Field(default=None, index=True)


class InspectionView(ServerTable, table=True):
    """One inspection: 检查单位家次 counts these."""

    __tablename__ = "console_inspection"
    __table_args__ = (
        Index("ix_console_inspection_jur_day", "jurisdiction", "day"),
        Index("ix_console_inspection_site_day", "site_id", "day"),  # a campaign's coverage
    )
    id: str = Field(primary_key=True)
    site_id: str = Field(index=True)
    jurisdiction: str
    industry: str = ""
    day: date
    started_at: datetime


NOTICED = "notices != ''"  # has a document: the partial indexes' WHERE, as the ledger says it
LEDGER_ORDERS = {"found": ("found_at", "id"), "due": ("due_key", "id"), "name": ("site_name", "id")}


def ledger_indexes() -> list[Index]:
    """(status | reopened, order...), (open, found_at, id, due_key) and noticed's partial ones."""
    out = [Index("ix_console_hazard_open_found", "open", "found_at", "id", "due_key")]
    for key, cols in LEDGER_ORDERS.items():
        out.append(Index(f"ix_console_hazard_status_{key}", "status", *cols))
        out.append(Index(f"ix_console_hazard_reopened_{key}", "reopened", *cols))
        noticed = text(NOTICED)
        out.append(
            Index(
                f"ix_console_hazard_noticed_{key}",
                *cols,
                sqlite_where=noticed,
                postgresql_where=noticed,
            )
        )
    return out


class HazardView(ServerTable, table=True):
    """The current version of one hazard with the dates of its loop, denormalised for speed."""

    __tablename__ = "console_hazard"
    __table_args__ = (
        # superseded too: a township's page sorts the index's entries, never reading a row.
        Index("ix_console_hazard_jur_found", "jurisdiction", "found_at", "id", "superseded"),
        Index("ix_console_hazard_found", "found_at", "id"),
        # Covering the overview and ranking: their GROUP BY never reads the wide rows.
        Index(
            "ix_console_hazard_figures",
            "jurisdiction",
            "found_on",
            "superseded",
            "open",
            "level",
            "deadline",
            "supervised",
            "industry",
            "verified_on",
            "on_time",
            "revisited_on",
            "reopened",
        ),
        Index("ix_console_hazard_jur_status", "jurisdiction", "status"),
        Index("ix_console_hazard_deadline", "open", "deadline"),
        Index("ix_console_hazard_site", "site_id"),
        # A campaign's figures: its register's hazards without reading the wide rows.
        Index(
            "ix_console_hazard_site_figures",
            "site_id",
            "found_on",
            "superseded",
            "open",
            "level",
            "jurisdiction",
        ),
        Index("ix_console_hazard_supervised", "supervised", "deadline"),
        Index("ix_console_hazard_due", "due_key", "id"),
        Index("ix_console_hazard_site_name", "site_name", "id"),
        # The ledger's filters that pick few rows, in each of its orders (migration 0012).
        *ledger_indexes(),
    )
    id: str = Field(primary_key=True)
    site_id: str
    inspection_id: str
    jurisdiction: str
    site_name: str = ""
    uscc: str = ""
    industry: str = ""
    description: str = Field(default="", sa_type=Text)
    place: str = ""
    basis: str = ""
    level: str  # general / major
    major_status: str | None = None
    status: str
    open: bool = True  # not yet 已验收/已销号
    deadline: date | None = None
    due_key: date = date.max  # the deadline, or 9999-12-31: a NULL-free key to sort and page by
    found_at: datetime
    found_on: date
    assigned_on: date | None = None
    rectified_on: date | None = None
    verified_on: date | None = None
    closed_on: date | None = None
    revisited_on: date | None = None
    reopened: bool = False  # found back at 回头看
    on_time: bool | None = None  # rectified (verified) by the deadline
    supervised: bool = False  # 挂牌督办: an expert-confirmed major hazard
    measures: str = Field(default="", sa_type=Text)  # 整改措施
    responsible: str = ""  # 五落实 of a major hazard, when recorded: 责任人
    funds: str = ""  # 整改资金
    safety_plan: str = Field(default="", sa_type=Text)  # 安全措施和应急预案
    notices: str = ""  # the numbers of the documents naming it
    superseded: bool = False  # a correction replaced this version


class NoticeView(ServerTable, table=True):
    """A document (执法文书) as the console and the public check page show it."""

    __tablename__ = "console_notice"
    __table_args__ = (Index("ix_console_notice_jur_day", "jurisdiction", "issued_on"),)
    id: str = Field(primary_key=True)
    number: str = Field(index=True)
    kind: str
    site_id: str = Field(index=True)
    jurisdiction: str
    issued_on: date
    issued_at: datetime
    issued_by: str
    finding_ids: str = Field(default="[]", sa_type=Text)
    voided: bool = False
    void_reason: str = ""


class CampaignRow(ServerTable, table=True):
    """A 专项行动: a named period of work over a register of sites, set by a county or township."""

    __tablename__ = "console_campaign"
    id: str = Field(primary_key=True)
    name: str
    jurisdiction: str = Field(index=True)  # the area of the account that set it
    starts_on: date
    ends_on: date
    industries_json: str = Field(default="[]", sa_type=Text)  # the sectors it targets
    kinds_json: str = Field(default="[]", sa_type=Text)  # the kinds of place it targets
    checklists_json: str = Field(default="[]", sa_type=Text)  # [{"id", "version", "title"}]
    source: str  # register (matched by industry and kind of place) / xlsx
    created_by: str
    created_at: datetime


class CampaignSiteRow(ServerTable, table=True):
    """One site a campaign must cover (排查全覆盖), with the site's jurisdiction for grouping."""

    __tablename__ = "console_campaign_site"
    __table_args__ = (
        Index("ix_console_campaign_site_jur", "campaign_id", "jurisdiction"),
        # Coverage and the unvisited list read only this index (campaign_figures.refresh).
        Index("ix_console_campaign_site_cover", "campaign_id", "jurisdiction", "visited_on"),
        Index("ix_console_campaign_site_site", "site_id"),
    )
    campaign_id: str = Field(primary_key=True)
    site_id: str = Field(primary_key=True)
    jurisdiction: str
    visited_on: date | None = None  # the first day inside the period it was inspected, kept


FIGURE_INDEX = (
    "campaign_id",
    "site_jurisdiction",
    "jurisdiction",
    "found",
    "rectified",
    "major",
    "major_rectified",
    "suspected",
    "suspected_rectified",
)


class CampaignHazards(ServerTable, table=True):
    """A campaign's own figures at one registered site, per jurisdiction of the hazards
    (they are scoped by it too), kept by the projection (console.campaign_figures)."""

    __tablename__ = "console_campaign_hazards"
    # Covering: the figures read this index only.
    __table_args__ = (Index("ix_console_campaign_hazards_jur", *FIGURE_INDEX),)
    campaign_id: str = Field(primary_key=True)
    site_id: str = Field(primary_key=True)
    jurisdiction: str = Field(primary_key=True)  # the hazards'
    site_jurisdiction: str  # the register row's
    found: int = 0
    rectified: int = 0
    major: int = 0  # 重大隐患: confirmed by the expert (not awaiting one)
    major_rectified: int = 0
    suspected: int = 0  # 疑似重大隐患: awaiting the expert (console.major_sql)
    suspected_rectified: int = 0


SITE = table_of(SiteView)
INSP = table_of(InspectionView)
HZ = table_of(HazardView)
NT = table_of(NoticeView)
