# SPDX-License-Identifier: Apache-2.0
"""交办督办 in headless Chromium: assign a task through the form, 挂牌督办 a major hazard
with a leader, approve its 销号 as the county, read 领导责任; the CSP holds."""

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


@pytest.mark.slow
def test_assign_escalate_and_approve_in_the_browser(
    served: tuple[str, World],  # noqa: F811
) -> None:
    base, world = served
    due = (clock.today() + timedelta(days=7)).isoformat()
    with chromium() as (_pw, browser):
        console = logged_in(browser, base, "county", PASSWORD, SHOTS)
        page, shot = console.page, console.shot
        page.click("nav a:has-text('交办督办')")
        page.wait_for_url("**/console/tasks")
        assert "暂无任务" in page.inner_text("main")
        page.fill("input[name=q]", "测试路")  # the address of both towns' sites
        page.click("button:has-text('查找')")
        page.wait_for_url("**/console/tasks?q=*")
        page.check(f"input[name=subject][value='inspect:{world.a.site_id}']")
        page.fill("input[name=deadline]", due)
        page.fill("input[name=note]", "<script>alert(1)</script>请复查消防通道")
        page.click("button:has-text('交办')")
        page.wait_for_url("**/console/task/*")
        main = page.inner_text("main")
        assert "<script>alert(1)</script>请复查消防通道" in main and "办理中" in main
        shot("task")
        page.goto(base + "/console/tasks")
        assert "办理中" in page.inner_text("table.grid")
        shot("tasks")
        page.goto(base + f"/console/hazard/{world.a.major_id}")
        page.select_option("select[name=kind]", "listed")
        page.fill("input[name=leader]", "王副区长")
        page.fill("input[name=leader_post]", "副区长")
        page.click("button:has-text('督办')")
        page.wait_for_url("**/console/leaders")
        assert "王副区长" in page.inner_text("main") and "待县（区）审批" in page.inner_text("main")
        shot("leaders-waiting")
        page.click("button:has-text('审批销号')")
        page.wait_for_url("**/console/leaders")
        assert "已审批" in page.inner_text("main")
        shot("leaders-approved")
        page.goto(base + f"/console/tasks/sweep?site={world.a.site_id}")
        assert "拉网式复查" in page.inner_text("main")
        shot("task-sweep")
    console.no_script_ran()
