# SPDX-License-Identifier: Apache-2.0
"""A finding to send phone photos to, and a receiver for it on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence.phone.receiver import PhoneReceiver
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites


@pytest.fixture
def finding_id(ctx: AppContext, inspector: str) -> str:
    site = sites.register_site(
        ctx,
        {"name": "金水区惠民超市", "address": "金水路8号", "jurisdiction": "410105001"},
        actor_id=inspector,
    )
    insp = inspections.start_inspection(
        ctx, site_id=site.id, inspector_ids=[inspector], actor_id=inspector
    )
    return findings.record_finding(
        ctx, inspection_id=insp.id, description="灭火器压力不足", place="收银台", actor_id=inspector
    ).id


@pytest.fixture
def receive(
    ctx: AppContext, inspector: str, finding_id: str
) -> Iterator[Callable[..., tuple[PhoneReceiver, list[dict[str, Any]]]]]:
    """receive(**options) -> (a started receiver on 127.0.0.1, the events it reported)."""
    started: list[PhoneReceiver] = []

    def start(**options: Any) -> tuple[PhoneReceiver, list[dict[str, Any]]]:
        events: list[dict[str, Any]] = []
        options.setdefault("host", "127.0.0.1")
        r = PhoneReceiver(ctx, finding_id, actor_id=inspector, on_event=events.append, **options)
        started.append(r.start())
        return r, events

    yield start
    for r in started:
        r.stop()
