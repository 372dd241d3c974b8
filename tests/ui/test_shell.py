# SPDX-License-Identifier: Apache-2.0
"""The main window: navigation, shortcuts, the always-visible unsynced count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldcheck.core.loop import ACTION_LABELS_ZH, STATUS_LABELS_ZH
from fieldcheck.core.terms import INSPECTION_KIND_ZH, ITEM_OUTCOME_ZH, LEVEL_ZH, ROLE_LABELS_ZH
from fieldcheck.services.findings import ledger
from fieldcheck.services.sync import sync_words
from fieldcheck.ui.shell import labels
from fieldcheck.ui.shell.main_window import SCREENS, MainWindow
from fieldcheck.ui.shell.state import AppState


def test_every_screen_opens_from_the_navigation(qtbot: QtBot, state: AppState) -> None:
    window = MainWindow(state)
    qtbot.addWidget(window)
    for row, (key, _m, cls) in enumerate(SCREENS):
        window.nav.setCurrentRow(row)
        assert type(window.stack.currentWidget()).__name__ == cls
        assert window.current_key() == key


def test_ctrl_digit_switches_screens(qtbot: QtBot, state: AppState) -> None:
    window = MainWindow(state)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window.nav, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "ledger"
    qtbot.keyClick(window.nav, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "today"


def test_status_bar_shows_the_unsynced_count_and_updates_after_a_write(
    qtbot: QtBot, state: AppState
) -> None:
    window = MainWindow(state)
    qtbot.addWidget(window)
    before = sync_words.waiting(state.ctx)
    label = window.sync_status.count_label
    # What people know, never the internal record count.
    assert label.text().startswith(f"{before.hazards} 条隐患、{before.photos} 张照片")
    assert label.text().endswith("份文书待上传")
    assert str(ledger.counts(state.ctx)["unsynced"]["changes"]) not in label.text()
    entry = ledger.ledger(state.ctx, ledger.ledger_filter(limit=1))[0]
    from fieldcheck.services.findings import findings

    findings.record_finding(
        state.ctx,
        inspection_id=findings.get_finding(state.ctx, entry.id).inspection_id,
        description="新发现的隐患",
        actor_id=state.actor_id,
    )
    state.notify()
    assert label.text().startswith(f"{before.hazards + 1} 条隐患、")


def test_sync_button_is_disabled_with_a_reason_until_a_server_is_set(
    qtbot: QtBot, state: AppState
) -> None:
    window = MainWindow(state)
    qtbot.addWidget(window)
    button = window.sync_status.sync_button
    assert not button.isEnabled()
    assert "设置" in button.toolTip() or "尚未安装" in button.toolTip()


def test_every_core_label_is_marked_for_translation() -> None:
    core = [
        *STATUS_LABELS_ZH.values(),
        *ACTION_LABELS_ZH.values(),
        *LEVEL_ZH.values(),
        *ROLE_LABELS_ZH.values(),
        *INSPECTION_KIND_ZH.values(),
        *ITEM_OUTCOME_ZH.values(),
    ]
    assert set(core) <= set(labels.MARKED)
