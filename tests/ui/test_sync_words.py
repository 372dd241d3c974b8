# SPDX-License-Identifier: Apache-2.0
"""Sync in a grid worker's words: fail fast offline, then sync by itself when back."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from syncfix import free_port, live_server

from fieldcheck.core.models import Role
from fieldcheck.services import findings, inspections, sites, sync_words
from fieldcheck.services import sync as sync_service
from fieldcheck.services.context import open_context
from fieldcheck.ui.settings_store import Settings
from fieldcheck.ui.state import AppState
from fieldcheck.ui.sync_status import SyncStatus


def test_offline_sync_fails_fast_then_syncs_by_itself(qtbot: QtBot, tmp_path: Path) -> None:
    port = free_port()
    ctx = open_context(tmp_path / "device")
    try:
        with live_server(tmp_path / "srv", port=port) as srv:
            sync_service.login(ctx, srv.url, srv.enroll("grid", "410105001", "李建国"))
        me = sites.add_person(ctx, {"name": "李建国", "role": Role.GRID}, actor_id="t").id
        site = sites.register_site(
            ctx,
            {"name": "老王烧烤店", "address": "农业路18号", "jurisdiction": "410105001"},
            actor_id=me,
        )
        insp = inspections.start_inspection(ctx, site_id=site.id, inspector_ids=[me], actor_id=me)
        for text in ("灭火器过期", "疏散通道堆物", "电线私拉乱接"):
            findings.record_finding(ctx, inspection_id=insp.id, description=text, actor_id=me)
        state = AppState(ctx, Settings(person_id=me, jurisdiction="410105001"))
        status = SyncStatus(state)
        qtbot.addWidget(status)
        assert sync_words.waiting(ctx).hazards == 3
        assert status.count_label.text() == "3 条隐患待上传"  # never the record count

        started = time.monotonic()
        status.sync_now()  # the server is down: no network
        qtbot.waitUntil(lambda: not status.running, timeout=10_000)
        assert time.monotonic() - started < 3.0
        assert "连不上服务器" in status.state_label.text()
        assert status.retry_timer.isActive()  # it will try again by itself

        with live_server(tmp_path / "srv", port=port):  # the network is back
            status.retry_timer.start(50)  # the backoff's wait, shortened for the test
            qtbot.waitUntil(lambda: status.state_label.text() == "同步完成", timeout=30_000)
        assert sync_words.waiting(ctx).empty
        assert status.count_label.text() == "已全部上传"
        assert not status.retry_timer.isActive()
    finally:
        ctx.close()
