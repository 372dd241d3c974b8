# SPDX-License-Identifier: Apache-2.0
"""The console demo seeds one 分级销号 waiting (a confirmed major hazard the county listed
while open, then rectified and verified through the feed), and it walks end to end: the
county sees it on 领导责任, approves it, and the hazard page and 验收销号 say who and when.
SQLite and PostgreSQL."""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path

import pytest
from consolefix import BOTH, pg_schema
from fastapi.testclient import TestClient
from sqlalchemy import select

from fieldcheck.server.app import create_app
from fieldcheck.server.console import accounts, approvals, demo
from fieldcheck.server.console.accounts import ConsoleRole
from fieldcheck.server.console.tables import HZ
from fieldcheck.server.settings import ServerSettings

PASSWORD = "Demo-walk-2026"


@pytest.mark.parametrize("db", BOTH)
def test_the_demo_has_a_closure_approval_waiting_and_it_walks(tmp_path: Path, db: str) -> None:
    with ExitStack() as stack:
        url = stack.enter_context(pg_schema()) if db == "postgresql" else None
        app = create_app(settings=ServerSettings.load(tmp_path / "srv", url))
        stack.callback(app.state.server.engine.dispose)
        client = stack.enter_context(TestClient(app))
        engine = app.state.server.engine
        made = demo.build(engine, scale="400", seed=11)
        assert made["waiting_approvals"] == 1
        with engine.begin() as conn:
            waiting = [
                (r.id, r.status, r.open, e)
                for r in conn.execute(select(HZ).where(HZ.c.level == "major"))
                for e in approvals.waiting(conn, r.id)
            ]
            accounts.add_user(
                conn, name="jinshui", role=ConsoleRole.COUNTY, jurisdiction="410105",
                password=PASSWORD, actor="test",
            )  # fmt: skip
        [(hid, status, still_open, esc)] = waiting
        assert (status, still_open, esc.kind, esc.level, esc.level_code) == (
            "verified", False, "listed", "county", "410105",
        )  # fmt: skip
        page = client.get("/console/login").text
        token = re.search(r'name="csrf" value="([^"]+)"', page)
        assert token
        r = client.post(
            "/console/login",
            data={"name": "jinshui", "password": PASSWORD, "csrf": token[1]},
            follow_redirects=False,
        )
        assert r.status_code == 303
        closures = client.get("/console/closures?level=major").text
        row = re.search(rf'<a href="/console/hazard/{hid}">.*?</tr>', closures, re.S)
        assert row and "待县（区）审批销号" in row[0] and "待销号 Not yet" not in row[0]
        leaders = client.get("/console/leaders").text
        assert f'action="/console/hazard/{hid}/approve"' in leaders and "待县（区）审批" in leaders
        csrf = re.search(r'name="csrf" value="([^"]+)"', leaders)
        assert csrf
        r = client.post(f"/console/hazard/{hid}/approve", data={"csrf": csrf[1]})
        assert r.status_code == 200 and f"/console/hazard/{hid}/approve" not in r.text
        assert "jinshui" in client.get(f"/console/hazard/{hid}").text
        closures = client.get("/console/closures?level=major").text
        row = re.search(rf'<a href="/console/hazard/{hid}">.*?</tr>', closures, re.S)
        assert row and "jinshui" in row[0] and "县（区）" in row[0]
        # Approved, not yet closed: what is established, until the grid's device closes it.
        assert "已批准销号，待网格员销号并同步" in row[0] and "待销号 Not yet" not in row[0]
        with engine.connect() as conn:
            assert approvals.waiting(conn, hid) == []
