# SPDX-License-Identifier: Apache-2.0
"""Sync in a grid worker's words: fail fast offline, then sync by itself when back."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from syncfix import free_port, live_server

from fieldcheck.core.terms import Role
from fieldcheck.services.context import open_context
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.services.sync import sync_words
from fieldcheck.ui.shell.settings_store import Settings
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sync.sync_status import SyncStatus


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

        def synced() -> bool:
            # The backoff's wait, shortened for the test: a retry that fails again (the
            # 2 s probe can time out on a loaded machine) waits longer each time, so its
            # next wait is shortened too; the retry timer still does every sync itself.
            if status.retry_timer.isActive() and status.retry_timer.remainingTime() > 50:
                status.retry_timer.start(50)
            return status.state_label.text() == "同步完成"

        with live_server(tmp_path / "srv", port=port):  # the network is back
            qtbot.waitUntil(synced, timeout=60_000)
        assert sync_words.waiting(ctx).empty
        assert status.count_label.text() == "已全部上传"
        assert not status.retry_timer.isActive()
    finally:
        ctx.close()


def test_no_server_the_bar_counts_people_s_units_and_the_proof_is_one_click(
    qtbot: QtBot, state: AppState
) -> None:
    """The demo day, no server set: 条隐患/张照片/份文书, never the outbox's record count."""
    assert not state.device().server_url
    status = SyncStatus(state)
    qtbot.addWidget(status)
    w = sync_words.waiting(state.ctx)
    text = status.count_label.text()
    assert text.startswith(f"{w.hazards} 条隐患、{w.photos} 张照片、{w.documents} 份文书")
    assert text.endswith("待上传") and "未同步" not in text
    assert "离线工作" in status.state_label.text()
    status.proof_button.click()  # the full per-record proof, one click away
    proof = status.proof
    rows = proof.table.rowCount()
    assert rows > w.hazards + w.photos + w.documents  # every record, events and keys too
    states = {proof.table.item(r, 2).text() for r in range(rows)}
    assert states == {"待上传"}
    assert "未联网核对" in proof.summary.text()
    assert not proof.ask_button.isEnabled()  # no server to ask


def test_the_proof_asks_the_server_record_by_record(qtbot: QtBot, tmp_path: Path) -> None:
    from fieldcheck.services.device_settings import DeviceSettings

    ctx = open_context(tmp_path / "device")
    try:
        with live_server(tmp_path / "srv") as srv:
            sync_service.login(ctx, srv.url, srv.enroll("grid", "410105001", "李建国"))
            me = sites.add_person(ctx, {"name": "李建国", "role": Role.GRID}, actor_id="t").id
            site = sites.register_site(
                ctx,
                {"name": "老王烧烤店", "address": "农业路18号", "jurisdiction": "410105001"},
                actor_id=me,
            )
            state = AppState(ctx, Settings(person_id=me, jurisdiction="410105001"))
            state.save_device(DeviceSettings(server_url=srv.url), actor_id=me)
            assert sync_service.sync(ctx).error == ""
            sites.update_site(ctx, site.id, {"address": "农业路20号"}, actor_id=me)
            status = SyncStatus(state)
            qtbot.addWidget(status)
            status.show_proof()
            proof = status.proof
            assert proof.ask_button.isEnabled()
            proof.ask_server()
            qtbot.waitUntil(lambda: proof.view.get("online") is True, timeout=30_000)
            words = {
                proof.table.item(r, 1).text(): proof.table.item(r, 2).text()
                for r in range(proof.table.rowCount())
            }
            assert words[site.id] == "服务器上是另一个版本"  # the new address is not sent yet
            assert words[me] == "服务器已有（哈希一致）"
            assert "服务器刚才逐条回答" in proof.summary.text()
    finally:
        ctx.close()
