# SPDX-License-Identifier: Apache-2.0
"""A finding to attach photos to, made through the services like the app does."""

from __future__ import annotations

import pytest

from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites


@pytest.fixture
def site_and_inspection(ctx: AppContext, inspector: str) -> tuple[str, str]:
    site = sites.register_site(
        ctx,
        {
            "name": "金水五金机械加工厂",
            "uscc": "91350100M000100Y43",
            "address": "金水路1号",
            "industry": "机械加工",
            "jurisdiction": "410105001",
        },
        actor_id=inspector,
    )
    insp = inspections.start_inspection(
        ctx, site_id=site.id, inspector_ids=[inspector], actor_id=inspector
    )
    return site.id, insp.id


@pytest.fixture
def finding_id(ctx: AppContext, inspector: str, site_and_inspection: tuple[str, str]) -> str:
    return findings.record_finding(
        ctx,
        inspection_id=site_and_inspection[1],
        description="疏散通道堆放杂物",
        place="一楼车间",
        actor_id=inspector,
    ).id
