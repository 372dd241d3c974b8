# SPDX-License-Identifier: Apache-2.0
"""随手拍 in headless Chromium: a citizen reports from a phone-sized page (photo, township,
location on request, a hostile description), follows it by receipt, and the township's
inbox 转办 it; the CSP holds and the description stays text."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from console_world import PASSWORD, World
from report_world import HOSTILE, jpeg_with_gps
from test_console_browser import served  # noqa: F401  (the fixture: a live console)

from browser_launch import chromium
from fieldcheck.core import clock

SHOTS = os.environ.get("FIELDCHECK_CONSOLE_SHOTS") or os.environ.get("FIELDCHECK_SHOTS")
PHONE = {"width": 390, "height": 844}


@pytest.mark.slow
def test_a_citizen_reports_from_a_phone_and_the_township_passes_it_on(
    served: tuple[str, World],  # noqa: F811
    tmp_path: Path,
) -> None:
    base, _world = served
    errors: list[str] = []
    photo = tmp_path / "hazard.jpg"
    photo.write_bytes(jpeg_with_gps())
    with chromium() as (_pw, browser):
        ctx = browser.new_context(
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            device_scale_factor=2,
            geolocation={"latitude": 30.2741, "longitude": 120.1551},
            permissions=["geolocation"],
        )
        page = ctx.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))

        def shot(name: str) -> None:
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)

        page.goto(base + "/report")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.set_input_files("input[name=photo]", str(photo))
        page.select_option("select[name=jurisdiction]", label="测试区 东风街道")
        page.fill("input[name=address]", "东风路 12 号门口")
        page.click("#locate")
        page.wait_for_function("document.getElementById('lat').value !== ''")
        assert page.input_value("#lat") == "30.274100"
        page.fill("textarea[name=description]", HOSTILE)
        page.fill("input[name=phone]", "13800001111")
        shot("report-phone")
        page.click("button[type=submit]")
        page.wait_for_url("**/report/status?code=*")
        code = re.search(r"code=([A-Z0-9]+)", page.url)
        assert code
        text = page.inner_text("main")
        assert "已受理" in text and HOSTILE in text and "13800001111" not in text
        shot("report-status-phone")
        office = browser.new_page(viewport={"width": 1366, "height": 768})
        office.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        office.goto(base + "/console/login")
        office.fill("input[name=name]", "town_a")
        office.fill("input[name=password]", PASSWORD)
        office.click("button[type=submit]")
        office.wait_for_url(base + "/console/")
        office.click("nav a:has-text('随手拍')")
        office.wait_for_url("**/console/reports")
        assert "东风路 12 号门口" in office.inner_text("table.grid")
        if SHOTS:
            office.screenshot(path=str(Path(SHOTS) / "reports-inbox.png"))
        office.click("table.grid a:has-text('东风路')")
        office.wait_for_selector("img[alt='照片 1']")
        assert "30.2741" in office.inner_text("main") and "13800001111" in office.inner_text("main")
        if SHOTS:
            office.screenshot(path=str(Path(SHOTS) / "report-office.png"), full_page=True)
        due = (clock.today() + timedelta(days=3)).isoformat()
        office.fill("input[name=deadline]", due)
        office.click("button:has-text('转办 Assign')")
        office.wait_for_url("**/console/report/*")
        assert "已转办" in office.inner_text("main")
        page.goto(base + f"/report/status?code={code[1]}")
        assert "办理中" in page.inner_text("main")
    assert not [e for e in errors if "Content Security Policy" in e or "dialog" in e], errors
