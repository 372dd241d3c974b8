# SPDX-License-Identifier: Apache-2.0
"""Screenshots of every console page at 1366×768 for docs/screenshots/console/.

    python tests/server/console_screens.py DATA_DIR ACCOUNT PASSWORD OUT_DIR

DATA_DIR is a server data directory with `fieldcheck-server demo` data and a console
account; it is served on 127.0.0.1 for the time of the run.
"""

from __future__ import annotations

import re
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from playwright.sync_api import sync_playwright
from sqlalchemy import select

from fieldcheck.server.app import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: tests/

from browser_launch import chromium


def _a_merge(app: Any) -> tuple[str, str] | None:
    """(the kept site, a site merged into it) of the served data, if any."""
    from fieldcheck.server.console.tables import SITE

    with app.state.server.engine.connect() as conn:
        row = conn.execute(
            select(SITE.c.merged_into, SITE.c.id).where(SITE.c.merged_into.is_not(None)).limit(1)
        ).first()
    return (row.merged_into, row.id) if row else None


def _issuer(app: Any, number: str) -> str:
    """The name of who issued document number (what its QR code carries), or a stand-in."""
    from fieldcheck.server.console import verify

    with app.state.server.engine.connect() as conn:
        found = verify.lookup(conn, number)
    return str(found["issuer"]) if found and found["issuer"] else "张伟（演示）"


def main(data: str, name: str, password: str, out: str) -> None:
    app = create_app(Path(data))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    with chromium(sync_playwright) as (_pw, browser):
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(base + "/console/login")
        page.screenshot(path=str(folder / "01-login.png"))
        page.fill("input[name=name]", name)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(base + "/console/")
        page.wait_for_selector("#chart-children canvas")
        page.wait_for_timeout(800)
        page.screenshot(path=str(folder / "02-overview.png"))
        page.goto(base + "/console/ledger?status=open&sort=deadline&dir=asc")
        page.screenshot(path=str(folder / "03-ledger.png"))
        html = page.content()
        hazard = re.search(r'href="(/console/hazard/[^"]+)"', html)
        site = re.search(r'href="(/console/site/[^"]+)"', html)
        pages = [
            ("04-site.png", site[1] if site else "/console/"),
            ("05-hazard.png", hazard[1] if hazard else "/console/"),
            ("06-supervised.png", "/console/supervised"),
            ("07-ranking-week.png", "/console/ranking"),
            ("08-ranking-month.png", "/console/ranking?kind=month"),
            ("09-daily.png", "/console/daily"),
            ("10-codes.png", "/console/codes"),
            ("11-audit.png", "/console/audit"),
        ]
        for file, path in pages:
            page.goto(base + path)
            page.screenshot(path=str(folder / file))
        number = re.search(r"<td>([^<]*〔\d+〕\d+号)</td>", page.content())
        page.goto(base + "/console/ledger?noticed=1")
        m = re.search(r"<td>([^<、]*〔\d+〕\d+号)", page.content())
        n = (number or m)[1] if (number or m) else "X"
        who = _issuer(app, n)  # as the paper names who issued it
        page.goto(base + f"/v/FC1;n={n};i={who};d={'0' * 32};p=1/1")
        page.screenshot(path=str(folder / "12-verify.png"))
        page.goto(base + "/v/FC1;n=金安监责改〔2026〕99999号;i=张伟（演示）;d=0;p=1/1")
        page.screenshot(path=str(folder / "13-verify-not-synced.png"))
        merge = _a_merge(app)  # 合并重复单位, when the data holds one
        if merge is not None:
            names = ("15-site-merged.png", "16-site-merged-into.png")
            for file, site_id in zip(names, merge, strict=True):
                page.goto(base + f"/console/site/{site_id}")
                page.screenshot(path=str(folder / file))
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(base + f"/v/FC1;n={n};i={who};d={'0' * 32};p=1/1")
        phone.screenshot(path=str(folder / "14-verify-phone.png"))
    server.should_exit = True


if __name__ == "__main__":
    main(*sys.argv[1:5])
