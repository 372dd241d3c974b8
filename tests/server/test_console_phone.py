# SPDX-License-Identifier: Apache-2.0
"""The console on a phone (390×844), in headless Chromium: no page scrolls sideways.

Township leaders read the ranking and the campaigns on their phones. A table wider than
the screen scrolls inside its own box; the page itself is never wider than the viewport
(document.documentElement.scrollWidth <= innerWidth). Every page with a table is walked
at 1366×768 and 390×844 with the test world's data and a campaign of its own.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from console_world import COUNTY, PASSWORD, World
from test_console_browser import served  # noqa: F401  (the fixture: a live console)

from browser_launch import chromium
from fieldcheck.core import clock
from fieldcheck.server.console import campaigns, project, tasks

SHOTS = os.environ.get("FIELDCHECK_CONSOLE_SHOTS")  # a folder: keep screenshots there
WIDE = "document.documentElement.scrollWidth"


def _pages(world: World, campaign_id: str) -> dict[str, str]:
    a = world.a
    return {
        "overview": "/console/",
        "ledger": "/console/ledger",
        "campaigns": "/console/campaigns",
        "campaign": f"/console/campaign/{campaign_id}",
        "reports": "/console/reports",
        "tasks": "/console/tasks",
        "sweep": f"/console/tasks/sweep?site={a.site_id}",
        "leaders": "/console/leaders",
        "closures": "/console/closures",
        "supervised": "/console/supervised",
        "ranking": "/console/ranking",
        "ranking-month": "/console/ranking?kind=month",
        "daily": "/console/daily",
        "site": f"/console/site/{a.site_id}",
        "hazard": f"/console/hazard/{a.hazard_id}",
        "major": f"/console/hazard/{a.major_id}",
        "codes": "/console/codes",
        "audit": "/console/audit",
        "verify": f"/v/FC1;n={a.notice_number};i=检查员1;d={'0' * 32};p=1/1",
        "report-form": "/report",
    }


def _campaign(world: World) -> str:
    engine = world.client.app.state.server.engine  # type: ignore[attr-defined]
    today = clock.today()
    draft = campaigns.Draft(
        name="燃气安全专项整治行动（城镇燃气、餐饮场所、液化石油气瓶）",
        starts_on=(today - timedelta(days=3)).isoformat(),
        ends_on=(today + timedelta(days=27)).isoformat(),
        industries=["工贸", "商贸"], kinds=[], checklists=[], source="register",
    )  # fmt: skip
    project.catch_up(engine)
    with engine.begin() as conn:
        return campaigns.create(conn, COUNTY, "测试", draft)


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.slow
def test_no_page_scrolls_sideways_on_a_phone(served: tuple[str, World]) -> None:  # noqa: F811
    base, world = served
    pages = _pages(world, _campaign(world))
    too_wide: dict[str, tuple[int, int]] = {}
    with chromium() as (_pw, browser):
        for width, height in ((1366, 768), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(base + "/console/login")
            page.fill("input[name=name]", "admin")  # the county's admin sees every page
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(base + "/console/")
            for name, path in pages.items():
                r = page.goto(base + path)
                assert r is not None and r.ok, (path, r and r.status)
                wide, inner = page.evaluate(f"[{WIDE}, innerWidth]")
                if wide > inner:
                    too_wide[f"{name}@{width}"] = (wide, inner)
                _shot(page, f"phone-{name}-{width}")
            if width == 390:  # the ranking scrolls in its box, the unit column pinned
                page.goto(base + "/console/ranking")
                table = page.locator("table.grid")
                table.evaluate("t => { t.scrollLeft = t.scrollWidth; }")
                unit = page.locator("table.grid tbody tr td:nth-child(2)").first
                box, pinned = table.bounding_box(), unit.bounding_box()
                assert box and pinned and table.evaluate("t => t.scrollLeft") > 0
                assert abs(pinned["x"] - box["x"]) < 2, (box, pinned)
                _shot(page, "phone-ranking-scrolled-390")
            page.close()
    assert not too_wide, too_wide  # page: (document width, viewport width)


def _county_phone(browser: Any, base: str) -> Any:
    """A 390×844 page logged in as the county account (the test world's)."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "/console/login")
    page.fill("input[name=name]", "county")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/console/")
    return page


@pytest.mark.slow
def test_the_task_pages_fit_a_phone_for_an_account_that_assigns(
    served: tuple[str, World],  # noqa: F811
) -> None:
    """The admin above sees no 交办 form; a county account does, and its note field was
    430 px wide at 390. A 复查 names its hazard in the list and on the task page."""
    base, world = served
    engine = world.client.app.state.server.engine  # type: ignore[attr-defined]
    due = (clock.today() + timedelta(days=7)).isoformat()
    project.catch_up(engine)
    with engine.begin() as conn:
        tid = tasks.assign_task(
            conn, COUNTY, "county", kind="recheck", hazard_id=world.a.major_id, deadline=due
        )
    too_wide: dict[str, tuple[int, int]] = {}
    with chromium() as (_pw, browser):
        page = _county_phone(browser, base)
        for name, path in (("tasks", "/console/tasks"), ("task", f"/console/task/{tid}")):
            page.goto(base + path)
            assert page.locator("text=粉尘涉爆场所未清扫1").count() == 1, name
            wide, inner = page.evaluate(f"[{WIDE}, innerWidth]")
            if wide > inner:
                too_wide[name] = (wide, inner)
            _shot(page, f"phone-county-{name}-390")
    assert not too_wide, too_wide


@pytest.mark.slow
def test_the_escalation_and_general_assign_forms_are_usable_on_a_phone(
    served: tuple[str, World],  # noqa: F811
) -> None:
    """At 390 the 督办 form had its fields side by side, the leader's box half the form; now
    each field takes a line of its own, as wide as the form. The general 交办 form's found
    subjects and fields fit the screen."""
    base, world = served
    with chromium() as (_pw, browser):
        page = _county_phone(browser, base)
        page.goto(base + f"/console/hazard/{world.a.major_id}")
        form = page.locator("form[action='/console/escalate']")
        outer = form.bounding_box()
        assert outer
        boxes = [
            form.locator(sel).bounding_box()
            for sel in ("select[name=kind]", "input[name=leader]", "input[name=leader_post]")
        ]
        button = form.locator("button[type=submit]").bounding_box()
        assert all(boxes) and button
        tops = [b["y"] for b in boxes if b] + [button["y"]]
        assert tops == sorted(tops) and len({round(t) for t in tops}) == 4, tops  # a line each
        for b in boxes:
            assert b and b["width"] >= outer["width"] - 60, (b, outer)  # the form's width
        assert button["height"] >= 36, button  # a thumb's size
        _shot(page, "phone-county-escalate-390")
        page.goto(base + "/console/tasks?q=测试路")
        assert page.locator("input[name=subject]").count() == 2
        wide, inner = page.evaluate(f"[{WIDE}, innerWidth]")
        assert wide <= inner, (wide, inner)
        _shot(page, "phone-county-assign-390")
