# SPDX-License-Identifier: Apache-2.0
"""专项行动 end to end on a live server: set in the console, pulled by two devices,
part of the register inspected on one, coverage right in the console."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import httpx
from syncfix import LiveServer

from fieldcheck.core import clock
from fieldcheck.core.terms import InspectionKind, Role
from fieldcheck.server.console import accounts, codes
from fieldcheck.server.console.accounts import ConsoleRole
from fieldcheck.services.inspections import campaigns, inspections
from fieldcheck.services.sites import sites
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.sync.client import CredentialError, SyncClient

PASSWORD = "Test-pass-2026!"
CODES = "code,name\n330106,测试区\n330106001,东风街道\n330106002,西湖街道\n"


def _console(server: LiveServer) -> httpx.Client:
    engine = server.app.state.server.engine  # type: ignore[attr-defined]
    with engine.begin() as conn:
        codes.import_rows(conn, codes.parse_csv(CODES))
        accounts.add_user(
            conn,
            name="county",
            role=ConsoleRole.COUNTY,
            jurisdiction="330106",
            password=PASSWORD,
            actor="test",
        )
    c = httpx.Client(base_url=server.url, timeout=30, follow_redirects=True)
    token = re.search(r'name="csrf" value="([^"]+)"', c.get("/console/login").text)
    assert token
    r = c.post("/console/login", data={"name": "county", "password": PASSWORD, "csrf": token[1]})
    assert r.status_code in (200, 303), r.text
    return c


def _register(ctx: Any, code: str, names: list[str]) -> tuple[str, list[str]]:
    me = sites.add_person(
        ctx, {"name": "王网格", "role": Role.GRID.value, "jurisdiction": code}, actor_id="system"
    )
    ids = [
        sites.register_site(
            ctx,
            {
                "name": n,
                "address": "测试路1号",
                "industry": "工贸",
                "kind_of_place": "粉尘涉爆企业",
                "jurisdiction": code,
            },
            actor_id=me.id,
        ).id
        for n in names
    ]
    return me.id, ids


def test_a_campaign_travels_to_the_devices_and_coverage_follows_their_inspections(
    server: LiveServer, device_factory: Any
) -> None:
    a = device_factory("a", jurisdiction="330106001")
    b = device_factory("b", jurisdiction="330106002")
    me_a, sites_a = _register(a, "330106001", ["东风木业", "东风家具", "东风抛光"])
    _me_b, sites_b = _register(b, "330106002", ["西湖木业"])
    assert sync_service.sync(a).ok and sync_service.sync(b).ok
    console = _console(server)
    page = console.get("/console/campaigns").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf
    today = clock.today()
    r = console.post(
        "/console/campaigns",
        data={
            "csrf": csrf[1],
            "name": "粉尘涉爆专项整治",
            "starts_on": (today - timedelta(days=1)).isoformat(),
            "ends_on": (today + timedelta(days=20)).isoformat(),
            "source": "register",
            "kind": ["粉尘涉爆企业"],
            "checklist": ["fenchen-shebao"],
        },
    )
    assert r.status_code == 200 and "0 / 4" in r.text, r.text[-2000:]
    campaign_url = str(r.url)
    # Each device pulls the campaign with only its own part of the register.
    report = sync_service.sync(a)
    assert report.ok and report.campaigns == 1
    assert sync_service.sync(b).campaigns == 1
    [todo_a] = campaigns.to_do(a)
    assert todo_a.name == "粉尘涉爆专项整治" and todo_a.left == 3
    assert sorted(s.id for s in todo_a.sites) == sorted(sites_a)
    assert [r.checklist_id for r in todo_a.checklists] == ["fenchen-shebao"]
    [todo_b] = campaigns.to_do(b)
    assert [s.id for s in todo_b.sites] == sites_b
    # Device A inspects two of its three sites under the campaign.
    for sid in sites_a[:2]:
        insp = campaigns.start_inspection(a, todo_a.id, sid, inspector_id=me_a)
        assert insp.kind is InspectionKind.SPECIAL
        assert [c.checklist_id for c in insp.checklists] == ["fenchen-shebao"]
        inspections.finish_inspection(a, insp.id, actor_id=me_a)
    [left] = campaigns.to_do(a)
    assert left.left == 1 and [s.id for s in left.sites] == sites_a[2:]
    assert sync_service.sync(a).ok
    # The console's coverage: 2 of 4, township A 2 of 3, B 0 of 1; the rest listed.
    import time

    time.sleep(2.1)  # the read model folds in new changes every two seconds
    page = console.get(campaign_url).text
    assert "2 / 4" in page
    assert "东风抛光" in page and "西湖木业" in page
    assert "东风木业" not in page.split('id="missing"')[1]


def test_a_server_from_before_campaigns_gives_none_and_a_refusal_is_an_error() -> None:
    def old(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"detail": "Not Found"})

    with SyncClient("http://old.example", "t" * 40, transport=httpx.MockTransport(old)) as c:
        assert c.campaigns() is None

    def refusing(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"detail": "token revoked"})

    with SyncClient("http://s.example", "t" * 40, transport=httpx.MockTransport(refusing)) as c:
        try:
            c.campaigns()
        except CredentialError as exc:
            assert "revoked" in str(exc)
        else:
            raise AssertionError("a refused credential must not pass as 'no campaigns'")
