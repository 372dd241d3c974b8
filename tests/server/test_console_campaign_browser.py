# SPDX-License-Identifier: Apache-2.0
"""专项行动 in headless Chromium: set a campaign through the form, read its coverage,
open its ranking; a hostile name stays text and the CSP holds."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from console_world import PASSWORD, World
from test_console_browser import served  # noqa: F401  (the fixture: a live console)

from browser_launch import chromium
from console_login import logged_in
from fieldcheck.core import clock

SHOTS = os.environ.get("FIELDCHECK_CONSOLE_SHOTS")
NAME = "<img src=x onerror=alert(1)>粉尘涉爆专项整治"


@pytest.mark.slow
def test_set_a_campaign_in_the_browser_and_read_its_coverage(
    served: tuple[str, World],  # noqa: F811
) -> None:
    base, _world = served
    today = clock.today()
    with chromium() as (_pw, browser):
        console = logged_in(browser, base, "county", PASSWORD, SHOTS)
        page, shot = console.page, console.shot
        page.click("nav a:has-text('专项行动')")
        page.wait_for_url("**/console/campaigns")
        assert "暂无专项行动" in page.inner_text("main")
        page.fill("input[name=name]", NAME)
        page.fill("input[name=starts_on]", (today - timedelta(days=2)).isoformat())
        page.fill("input[name=ends_on]", (today + timedelta(days=28)).isoformat())
        page.check("input[name=industry][value='工贸']")
        page.check("input[name=checklist][value='fenchen-shebao']")
        shot("campaign-new")
        page.click("button:has-text('发起')")
        page.wait_for_url("**/console/campaign/*")
        main = page.inner_text("main")
        assert NAME in main  # shown as text
        assert "1 / 1" in main and "100.0%" in main
        assert "粉尘涉爆企业安全检查表" in main
        assert "全部已排查" in main
        shot("campaign-coverage")
        page.click("a.fig:has-text('排名')")
        page.wait_for_url("**/console/ranking?campaign=*")
        assert "专项行动排名" in page.inner_text("main")
        shot("campaign-ranking")
        page.goto(base + "/console/campaigns")
        assert NAME in page.inner_text("table.grid")
        shot("campaigns")
        # A bad form comes back with the reason, the page still works.
        page.fill("input[name=name]", "第二个专项")
        page.fill("input[name=starts_on]", today.isoformat())
        page.fill("input[name=ends_on]", (today - timedelta(days=1)).isoformat())
        page.check("input[name=industry][value='工贸']")
        page.click("button:has-text('发起')")
        assert "结束日期早于开始日期" in page.inner_text(".error")
    console.no_script_ran()
