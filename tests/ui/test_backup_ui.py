# SPDX-License-Identifier: Apache-2.0
"""设置 → 备份 / 恢复: a file out; back in only after it checks, never another device's by
accident."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pytestqt.qtbot import QtBot

from fieldcheck.services.context import open_context
from fieldcheck.services.findings import ledger
from fieldcheck.services.sites import sites
from fieldcheck.services.trust import backup
from fieldcheck.ui.shell.settings_view import SettingsView
from fieldcheck.ui.shell.state import AppState


def _wait(qtbot: QtBot, view: SettingsView) -> None:
    qtbot.waitUntil(
        lambda: view.backups.op is None or view.backups.op.outcome is not None, timeout=120_000
    )


def _site_count(state: AppState) -> int:
    return int(ledger.counts(state.ctx)["sites"])


def test_backup_then_restore_from_the_window(qtbot: QtBot, state: AppState, tmp_path: Path) -> None:
    view = SettingsView(state)
    qtbot.addWidget(view)
    out = tmp_path / "day.fcbackup"
    view.backups.asked_path = str(out)
    view.backup_button.click()
    _wait(qtbot, view)
    assert out.exists() and "已备份到" in view.backup_note.text()
    before = _site_count(state)
    sites.register_site(
        state.ctx,
        {"name": "备份之后新登记", "address": "文化路1号", "jurisdiction": "410105"},
        actor_id=state.actor_id,
    )
    assert _site_count(state) == before + 1
    # Cancelled: nothing changes.
    view.backups.asked_answers = [False]
    view.restore_button.click()
    assert view.backups.op is None or view.backups.op.outcome
    assert "未改变" in view.backup_note.text() and _site_count(state) == before + 1
    view.backups.op = None
    view.backups.asked_answers = [True]
    view.restore_button.click()
    _wait(qtbot, view)
    assert "已恢复" in view.backup_note.text(), view.backup_note.text()
    assert _site_count(state) == before  # the window reads the restored data at once
    assert backup.restored_needs_enrolment(state.ctx)
    assert list(state.ctx.home.root.glob("before-restore-*/fieldcheck.db"))


def test_a_tampered_backup_replaces_nothing(
    qtbot: QtBot, state: AppState, tmp_path: Path, monkeypatch: object
) -> None:
    view = SettingsView(state)
    qtbot.addWidget(view)
    good = tmp_path / "good.fcbackup"
    backup.create_backup(state.ctx, good)
    bad = tmp_path / "bad.fcbackup"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        photo = next(n for n in src.namelist() if n.startswith("photos/"))
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[:-1] + b"\0" if item.filename == photo else data)
    shown: list[str] = []
    import fieldcheck.ui.shell.backup_ui as ui

    monkeypatch.setattr(ui, "show_error", lambda _w, exc: shown.append(str(exc)))  # type: ignore[attr-defined]
    before = _site_count(state)
    view.backups.asked_path, view.backups.asked_answers = str(bad), [True]
    view.restore_button.click()
    _wait(qtbot, view)
    assert shown and "SHA-256" in shown[0]
    assert "未改变" in view.backup_note.text()
    assert _site_count(state) == before
    assert not list(state.ctx.home.root.glob("before-restore-*"))


def test_another_device_s_backup_only_to_move_devices(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    with open_context(other) as ctx:  # another laptop, with one site of its own
        sites.register_site(
            ctx,
            {"name": "另一台电脑的单位", "address": "农业路2号", "jurisdiction": "410105"},
            actor_id="x",
        )
        foreign = tmp_path / "other.fcbackup"
        backup.create_backup(ctx, foreign)
    view = SettingsView(state)
    qtbot.addWidget(view)
    before = _site_count(state)
    view.backups.asked_path, view.backups.asked_answers = str(foreign), [False]
    view.restore_button.click()
    assert "未改变" in view.backup_note.text() and _site_count(state) == before
    view.backups.asked_answers = [True]  # 换到本机: this computer takes over that device
    view.restore_button.click()
    _wait(qtbot, view)
    assert "已恢复" in view.backup_note.text(), view.backup_note.text()
    assert [s.name for s in sites.search_sites(state.ctx)] == ["另一台电脑的单位"]
