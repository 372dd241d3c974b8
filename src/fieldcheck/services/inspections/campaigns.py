# SPDX-License-Identifier: Apache-2.0
"""专项行动 on the device: the campaigns the server sends, and their sites still to visit.

The list is fetched at each sync after the pull (GET /v1/campaigns, beside the record
feed, so devices of protocol 1 that never ask are not affected) and replaces the one
kept. An inspection opened under a campaign is a 专项检查 with the campaign's
checklists; a site counts as visited once it has any inspection in the period, the
same rule as the console's coverage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError
from fieldcheck.core.models import ChecklistRef, Inspection, Site
from fieldcheck.core.terms import InspectionKind
from fieldcheck.services.context import AppContext
from fieldcheck.services.inspections import inspections
from fieldcheck.storage import campaign_repo
from fieldcheck.sync.client import SyncClient

TODAY_LIMIT = 200


@dataclass(frozen=True)
class CampaignToDo:
    """One running campaign and what is left of it on this device."""

    id: str
    name: str
    starts_on: date
    ends_on: date
    checklists: list[ChecklistRef]
    checklist_titles: list[str]
    left: int  # registered sites here not yet visited in the period
    sites: list[Site]  # the first of them, by name


def refresh(ctx: AppContext, client: SyncClient) -> int | None:
    """Replace the kept campaigns with the server's; None when the server has none to give."""
    answer = client.campaigns()
    if answer is None:
        return None
    with ctx.db.transaction() as s:
        return campaign_repo.replace_all(s, (c.model_dump() for c in answer.campaigns), clock.now())


def to_do(
    ctx: AppContext, jurisdiction: str | None = None, limit: int = TODAY_LIMIT
) -> list[CampaignToDo]:
    """The running campaigns with sites still to visit (for 今日), soonest ending first."""
    return [c for c in _running(ctx, jurisdiction, limit) if c.left]


def _running(ctx: AppContext, jurisdiction: str | None, limit: int) -> list[CampaignToDo]:
    out: list[CampaignToDo] = []
    with ctx.db.read() as s:
        for c in campaign_repo.running(s, clock.today()):
            left, sites = campaign_repo.unvisited(s, c, jurisdiction, limit)
            refs = c.checklists
            out.append(
                CampaignToDo(
                    id=c.id,
                    name=c.name,
                    starts_on=c.starts_on,
                    ends_on=c.ends_on,
                    checklists=[
                        ChecklistRef(checklist_id=r["id"], version=r["version"]) for r in refs
                    ],
                    checklist_titles=[str(r.get("title") or r["id"]) for r in refs],
                    left=left,
                    sites=sites,
                )
            )
    return out


def get(ctx: AppContext, campaign_id: str) -> CampaignToDo | None:
    """One running campaign (its sites not listed)."""
    for c in _running(ctx, None, 0):
        if c.id == campaign_id:
            return c
    return None


def start_inspection(
    ctx: AppContext, campaign_id: str, site_id: str, *, inspector_id: str
) -> Inspection:
    """Open a 专项检查 of a site under a campaign, with the campaign's checklists."""
    c = get(ctx, campaign_id)
    if c is None:
        raise DomainError(
            f"campaign {campaign_id}: not a campaign running on this device (sync to fetch them)"
        )
    return inspections.start_inspection(
        ctx,
        site_id=site_id,
        inspector_ids=[inspector_id],
        actor_id=inspector_id,
        kind=InspectionKind.SPECIAL,
        checklists=c.checklists,
        campaign_id=c.id,
    )
