# SPDX-License-Identifier: Apache-2.0
"""The console in headless Chromium: log in, walk every page, click a figure, export.

Drives Debian's /usr/bin/chromium through Playwright (no browser download). Skips on a
laptop without it; CI installs it and runs this.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from console_world import HOSTILE, PASSWORD, World, build
from fastapi.testclient import TestClient

from browser_launch import chromium
from fieldcheck.server.app import create_app

SHOTS = os.environ.get("FIELDCHECK_CONSOLE_SHOTS")  # a folder: keep screenshots there


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, World]]:
    app = create_app(tmp_path / "srv")
    with TestClient(app) as client:
        world = build(client)
    port_holder: dict[str, int] = {}
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port_holder["p"] = s.getsockname()[1]
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port_holder["p"],
        log_config=None,
        access_log=False,
        limit_max_requests=400,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port_holder['p']}", world
    finally:
        server.should_exit = True
        thread.join(10)
        app.state.server.engine.dispose()


@pytest.mark.slow
def test_log_in_walk_every_page_click_a_figure_and_export(
    served: tuple[str, World], tmp_path: Path
) -> None:
    base, world = served
    errors: list[str] = []
    with chromium() as (_pw, browser):
        page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))

        def shot(name: str) -> None:
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=False)

        page.goto(base + "/console/")
        assert "/console/login" in page.url
        shot("login")
        page.fill("input[name=name]", "county")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base + "/console/")
        assert "检查单位家次" in page.inner_text("main")
        page.wait_for_selector("#chart-children canvas")  # ECharts drew from the JSON block
        shot("overview")
        # Click the overdue figure through to its hazards.
        page.click("a.fig:has-text('逾期未整改')")
        page.wait_for_url("**/console/ledger?*overdue=1*")
        rows = page.locator("table.ledger tbody tr")
        assert rows.count() == 2
        text = page.inner_text("table.ledger")
        assert "消防通道堆放杂物1" in text and "消防通道堆放杂物2" in text
        assert HOSTILE[0] in text  # the hostile name shows as text
        shot("ledger")
        # htmx: changing a filter swaps the rows in place.
        page.goto(base + "/console/ledger")
        page.select_option("select[name=level]", "major")
        # (wait_for_function would need 'unsafe-eval', which the CSP rightly refuses)
        for _ in range(100):
            if page.locator("table.ledger tbody tr").count() == 2:
                break
            page.wait_for_timeout(100)
        assert page.locator("table.ledger tbody tr").count() == 2
        assert "粉尘涉爆场所未清扫" in page.inner_text("#rows")
        with page.expect_download() as dl:
            page.click("a.button:has-text('导出')")
        saved = tmp_path / "ledger.xlsx"
        dl.value.save_as(saved)
        assert saved.read_bytes()[:2] == b"PK"
        page.click("a:has-text('粉尘涉爆场所未清扫1')")
        assert "签名核验" in page.inner_text("main")
        page.goto(base + f"/console/hazard/{world.a.hazard_id}")
        assert "签名有效" in page.inner_text("main")  # the forged copy was refused at ingest
        shot("hazard")
        page.goto(base + f"/console/site/{world.a.site_id}")
        assert world.a.notice_number in page.inner_text("main")
        assert page.locator(".photos img").first.evaluate("i => i.naturalWidth") > 0
        shot("site")
        for path, want, name in [
            ("/console/supervised", "粉尘涉爆场所未清扫", "supervised"),
            ("/console/ranking", "综合指数", "ranking"),
            ("/console/ranking?kind=month", "月排名", "ranking-month"),
            ("/console/daily", "日通报", "daily"),
        ]:
            page.goto(base + path)
            assert want in page.inner_text("main"), path
            shot(name)
        page.goto(base + f"/v/FC1;n={world.a.notice_number};i=检查员1;d={'0' * 32};p=1/1")
        assert "文书已同步、有效" in page.inner_text("main")
        shot("verify")
        page.goto(base + "/console/daily")
        page.click("text=退出")
        page.wait_for_url("**/console/login")
    assert not [e for e in errors if "Content Security Policy" in e or "dialog" in e], errors
