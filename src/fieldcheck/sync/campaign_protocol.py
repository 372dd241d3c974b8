# SPDX-License-Identifier: Apache-2.0
"""专项行动 on the wire: GET /v1/campaigns, beside the record feed (a v1 device never asks)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_CAMPAIGN_SITES = 200_000


class CampaignChecklist(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    id: str
    version: str
    title: str = ""


class CampaignInfo(BaseModel):
    """One campaign as a device needs it: its period, checklists and its register's sites
    inside the device's area. Unknown fields are ignored: a newer server may add some."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    id: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    jurisdiction: str
    starts_on: date
    ends_on: date
    industries: list[str] = []
    kinds: list[str] = []
    checklists: list[CampaignChecklist] = []
    site_ids: list[str] = Field(default=[], max_length=MAX_CAMPAIGN_SITES)


class CampaignList(BaseModel):
    """The campaigns running (not yet ended) for this device's area."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    campaigns: list[CampaignInfo] = []
