# SPDX-License-Identifier: Apache-2.0
"""验收销号, a hazard's escalations and lifting one, 领导责任 naming each hazard, and the
并案 picker, in headless Chromium at 1366x768; the CSP holds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from console_world import PASSWORD, TOWN_A, World
from test_console_browser import served  # noqa: F401  (the fixture: a live console)
from test_console_oversight import _steps

from browser_launch import chromium
from fieldcheck.server.console import reports

SHOTS = os.environ.get("FIELDCHECK_CONSOLE_SHOTS")


@pytest.mark.slow
def test_closures_escalations_lifting_and_the_merge_picker_in_the_browser(
    served: tuple[str, World],  # noqa: F811
) -> None:
    base, world = served
    errors: list[str] = []
    with chromium() as (_pw, browser):
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))

        def shot(name: str) -> None:
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=False)

        def log_in(name: str) -> None:
            page.context.clear_cookies()
            page.goto(base + "/console/login")
            page.fill("input[name=name]", name)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(base + "/console/")

        log_in("county")
        hazard = base + f"/console/hazard/{world.a.major_id}"
        page.goto(hazard)
        assert "未督办" in page.inner_text("main")
        page.select_option("form[action='/console/escalate'] select[name=kind]", "listed")
        page.fill("form[action='/console/escalate'] input[name=leader]", "王副区长")
        page.fill("form[action='/console/escalate'] input[name=leader_post]", "副区长")
        page.click("form[action='/console/escalate'] button[type=submit]")
        page.wait_for_url("**/console/leaders")
        main = page.inner_text("main")
        assert "粉尘涉爆场所未清扫1" in main and "重大隐患" in main  # what the hazard is
        shot("leaders-hazards")
        _steps(
            world,
            (world.a.hazard_id, "verify_pass", "assigned", "verified"),
            (world.a.hazard_id, "close", "verified", "closed"),
            (world.a.major_id, "verify_pass", "assigned", "verified"),
        )
        page.click("button:has-text('审批销号')")
        page.wait_for_url("**/console/leaders")
        page.click("nav a:has-text('验收销号')")
        page.wait_for_url("**/console/closures")
        main = page.inner_text("main")
        assert main.count("孙验收") == 3 and "县（区） county" in main
        assert "已批准销号，待网格员销号并同步" in main  # approved, not yet closed on a device
        shot("closures")
        page.goto(hazard)
        main = page.inner_text("main")
        assert "督办中" in main and "已审批" in main
        page.locator("h2:has-text('督办记录')").evaluate("e => window.scrollTo(0, e.offsetTop - 8)")
        shot("hazard-escalations")
        page.click("button:has-text('解除')")
        page.wait_for_url(hazard)
        assert "已解除" in page.inner_text("main")
        # 并案: the township picks the hazard from its open ones, or searches.
        with world.client.app.state.server.engine.begin() as conn:  # type: ignore[attr-defined]
            rid, _ = reports.create(
                conn,
                jurisdiction=TOWN_A,
                address="东风路 12 号",
                description="仓库门口堆放杂物，堵住通道",
                phone="",
                client="203.0.113.9",
                photos=[],
            )
        log_in("town_a")
        page.goto(base + f"/console/report/{rid}")
        page.fill("input[name=q]", "杂物")
        page.click("button:has-text('查找')")
        page.wait_for_url("**q=*")
        assert "消防通道堆放杂物1" in page.inner_text("main")
        shot("report-merge-search")
        page.check("table.pick input[type=radio]")
        page.click("button:has-text('并入所选隐患')")
        page.wait_for_url(f"**/console/report/{rid}")
        assert "已并案" in page.inner_text("main")
    assert not [e for e in errors if "Content Security Policy" in e or "dialog" in e], errors
