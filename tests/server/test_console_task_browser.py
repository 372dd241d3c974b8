# SPDX-License-Identifier: Apache-2.0
"""交办督办 in headless Chromium: assign a task through the form, 挂牌督办 a major hazard
with a leader, approve its 销号 as the county, read 领导责任; the CSP holds."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from console_world import PASSWORD, World
from test_console_browser import served  # noqa: F401  (the fixture: a live console)

from browser_launch import chromium
from fieldcheck.core import clock

SHOTS = os.environ.get("FIELDCHECK_CONSOLE_SHOTS")


@pytest.mark.slow
def test_assign_escalate_and_approve_in_the_browser(
    served: tuple[str, World],  # noqa: F811
) -> None:
    base, world = served
    errors: list[str] = []
    due = (clock.today() + timedelta(days=7)).isoformat()
    with chromium() as (_pw, browser):
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))

        def shot(name: str) -> None:
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=False)

        page.goto(base + "/console/login")
        page.fill("input[name=name]", "county")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base + "/console/")
        page.click("nav a:has-text('交办督办')")
        page.wait_for_url("**/console/tasks")
        assert "暂无任务" in page.inner_text("main")
        page.fill("input[name=site_id]", world.a.site_id)
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
    assert not [e for e in errors if "Content Security Policy" in e or "dialog" in e], errors
