# SPDX-License-Identifier: Apache-2.0
"""A chain of merges (A into B on one device, B into C on another) in headless Chromium,
at 1366×768 and 390×844: the campaign page counts A's hazard and visit under C, once;
the ranking's coverage counts the unit once; A's page links to C."""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import httpx
import pytest
from console_world import PASSWORD, TOWN_A, World
from test_console_browser import served  # noqa: F401  (the fixture: a live console)

from browser_launch import chromium
from conftest import batch, change
from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.server.console import campaign_coverage, campaigns, project
from fieldcheck.sync.protocol import DeviceRole, content_sha256

SHOTS = os.environ.get("FIELDCHECK_CONSOLE_SHOTS")
GRID = f"{TOWN_A}001"


def _push(base: str, engine: Any, *changes: dict[str, Any]) -> None:
    with engine.begin() as conn:
        _dev, token = auth.enroll(conn, name="网格员", role=DeviceRole.GRID, jurisdiction=TOWN_A)
    r = httpx.post(
        base + "/v1/push", json=batch(*changes), headers={"Authorization": f"Bearer {token}"}
    )
    assert r.status_code == 200, r.text
    assert all(x["status"] == "accepted" for x in r.json()["receipts"]), r.text


def _chain(base: str, engine: Any) -> tuple[dict[str, Any], ...]:
    """Three records of one unit (粉尘 works, 工贸), a visit and a major hazard at the
    first, a general hazard at the last; then A into B, B into C, one device each."""
    sites = [
        {
            "id": new_id(),
            "name": name,
            "uscc": "91330106MA2H00000B",
            "industry": "工贸",
            "address": "东风路9号",
            "kind_of_place": "",
            "jurisdiction": GRID,
        }
        for name in ("东风粉末厂（甲档）", "东风粉末厂（乙档）", "东风粉末有限公司")
    ]
    a, b, c = sites
    now = clock.now().isoformat()
    out = [change("site", s) for s in sites]
    for site, what, level in ((a, "除尘器未接地", "major"), (c, "灭火器过期", "general")):
        insp = {"id": new_id(), "site_id": site["id"], "inspector_ids": [new_id()],
                "started_at": now}  # fmt: skip
        finding = {"id": new_id(), "inspection_id": insp["id"], "site_id": site["id"],
                   "description": what, "found_at": now, "found_by": new_id(),
                   "status": "found", "level": level}  # fmt: skip
        out += [change("inspection", insp), change("finding", finding)]
    _push(base, engine, *out)
    for site, into in ((a, b), (b, c)):
        merged = {**site, "merged_into": into["id"]}
        _push(base, engine, change("site", merged, base=content_sha256(site)))
    project.catch_up(engine)
    return a, b, c


@pytest.mark.slow
def test_a_chain_of_merges_in_the_browser(served: tuple[str, World]) -> None:  # noqa: F811
    base, world = served
    engine = world.client.app.state.server.engine  # type: ignore[attr-defined]
    today = clock.today()
    draft = campaigns.Draft(
        name="粉尘涉爆专项整治", starts_on=(today - timedelta(days=2)).isoformat(),
        ends_on=(today + timedelta(days=28)).isoformat(), industries=["工贸"], kinds=[],
        checklists=[], source="register",
    )  # fmt: skip
    project.catch_up(engine)
    with engine.begin() as conn:  # what township A's 工贸 sites count before
        was = _figures(conn, campaigns.create(conn, TOWN_A, "测试", draft))
    a, _b, c = _chain(base, engine)
    with engine.begin() as conn:
        cid = campaigns.create(conn, TOWN_A, "测试", draft)
    # the register gains C alone (A and B are C); A's hazard and visit count there
    want = f"{was['visited'] + 1} / {was['required'] + 1}"
    want_found, want_major = str(was["found"] + 2), str(was["major"] + 1)
    with chromium() as (_pw, browser):
        for width, height in ((1366, 768), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(base + "/console/login")
            page.fill("input[name=name]", "town_a")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(base + "/console/")
            page.goto(base + f"/console/campaign/{cid}")
            figures = page.inner_text(".figures")
            assert want in figures, figures
            found = page.inner_text(".fig:has-text('发现隐患') b")
            major = page.inner_text(".fig:has-text('重大隐患'):not(:has-text('疑似')) b")
            assert (found, major) == (want_found, want_major), figures
            assert "全部已排查" in page.inner_text("main")
            _shot(page, f"merge-campaign-{width}")
            page.goto(base + f"/console/site/{a['id']}")
            assert c["name"] in page.inner_text(".merge")
            _shot(page, f"merge-site-a-{width}")
            page.goto(base + f"/console/site/{c['id']}")
            main = page.inner_text("main")
            assert "合并自 Merged from 2" in main and "除尘器未接地" in main
            _shot(page, f"merge-site-c-{width}")
            page.goto(base + "/console/ranking")  # the grid's two units, both inspected
            row = page.locator("tbody tr", has_text="东风第一网格")
            assert row.locator("td").nth(2).inner_text() == "100.0%"
            _shot(page, f"merge-ranking-{width}")
            page.close()


def _figures(conn: Any, cid: str) -> dict[str, int]:
    campaign = campaigns.get(conn, TOWN_A, cid)
    cover = campaign_coverage.coverage(conn, TOWN_A, campaign, 12)["total"]
    return {**cover, **campaign_coverage.figures(conn, TOWN_A, campaign)}


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)
