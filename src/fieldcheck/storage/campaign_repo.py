# SPDX-License-Identifier: Apache-2.0
"""The campaigns on the device: replaced from the server's list, read for 今日."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, exists
from sqlmodel import Session, col, select

from fieldcheck.core.clock import CHINA_TZ
from fieldcheck.core.models import Site
from fieldcheck.storage.records import site_from_row
from fieldcheck.storage.sync_tables import CampaignRow, CampaignSiteRow
from fieldcheck.storage.tables import InspectionRow, SiteRow


def replace_all(s: Session, campaigns: Iterable[dict[str, Any]], now: datetime) -> int:
    """The server's list becomes the device's: campaigns it no longer sends are dropped."""
    s.exec(delete(CampaignSiteRow))
    s.exec(delete(CampaignRow))
    n = 0
    for c in campaigns:
        s.add(
            CampaignRow(
                id=c["id"],
                name=c["name"],
                jurisdiction=c["jurisdiction"],
                starts_on=c["starts_on"],
                ends_on=c["ends_on"],
                checklists_json=json.dumps(c.get("checklists", []), ensure_ascii=False),
                industries_json=json.dumps(c.get("industries", []), ensure_ascii=False),
                kinds_json=json.dumps(c.get("kinds", []), ensure_ascii=False),
                received_at=now,
            )
        )
        for sid in dict.fromkeys(c.get("site_ids", [])):
            s.add(CampaignSiteRow(campaign_id=c["id"], site_id=sid))
        n += 1
    return n


@dataclass(frozen=True)
class Campaign:
    """One 专项行动 as the server sent it: its period and its checklists (id, version,
    title)."""

    id: str
    name: str
    starts_on: date
    ends_on: date
    checklists: list[dict[str, str]]


def _campaign(row: CampaignRow) -> Campaign:
    value = json.loads(row.checklists_json)
    refs = value if isinstance(value, list) else []
    return Campaign(row.id, row.name, row.starts_on, row.ends_on, refs)


def running(s: Session, today: date) -> list[Campaign]:
    """The campaigns running today, soonest ending first."""
    stmt = (
        select(CampaignRow)
        .where(CampaignRow.starts_on <= today, CampaignRow.ends_on >= today)
        .order_by(col(CampaignRow.ends_on), col(CampaignRow.id))
    )
    return [_campaign(r) for r in s.exec(stmt)]


def _bounds(c: Campaign) -> tuple[datetime, datetime]:
    """The period's first and last instants, as China reads the days, in UTC."""
    start = datetime.combine(c.starts_on, time.min, CHINA_TZ).astimezone(UTC)
    end = datetime.combine(c.ends_on + timedelta(days=1), time.min, CHINA_TZ).astimezone(UTC)
    return start, end


def unvisited(
    s: Session, c: Campaign, jurisdiction: str | None, limit: int
) -> tuple[int, list[Site]]:
    """The register's sites on this device with no inspection in the period: how many, and
    the first ``limit`` by name. A site of the register not yet pulled is not counted."""
    start, end = _bounds(c)
    seen = exists().where(
        col(InspectionRow.site_id) == col(SiteRow.id),
        col(InspectionRow.started_at) >= start,
        col(InspectionRow.started_at) < end,
    )
    where = [col(CampaignSiteRow.campaign_id) == c.id, ~seen]
    if jurisdiction:
        where.append(col(SiteRow.jurisdiction).startswith(jurisdiction))
    base = (
        select(SiteRow)
        .join(CampaignSiteRow, col(CampaignSiteRow.site_id) == col(SiteRow.id))
        .where(*where)
    )
    rows = list(s.exec(base.order_by(col(SiteRow.name), col(SiteRow.id))))
    return len(rows), [site_from_row(r) for r in rows[:limit]]
