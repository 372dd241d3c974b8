# SPDX-License-Identifier: Apache-2.0
"""今日: the day's lists match the ledger; tiles and rows lead to the right places."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fieldcheck.services.findings import ledger
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.shell.today import TodayView


def test_today_counts_overdue_due_and_waiting_majors(qtbot: QtBot, state: AppState) -> None:
    view = TodayView(state)
    qtbot.addWidget(view)
    overdue = ledger.ledger_size(
        state.ctx, ledger.ledger_filter(overdue=True, jurisdiction="410105001")
    )
    assert overdue > 0
    assert view.tile_overdue.count == overdue
    assert view.overdue_table.rowCount() == min(overdue, 200)
    assert all(e.overdue for e in view.overdue_table.entries)
    assert view.tile_sites.count == 32
    assert all(e.major_status == "suspected" for e in view.expert_table.entries)
    assert view.tile_expert.count == len(view.expert_table.entries) > 0
    assert "李建国" in view.greeting.text()


def test_double_click_on_a_hazard_asks_to_open_it(qtbot: QtBot, state: AppState) -> None:
    view = TodayView(state)
    qtbot.addWidget(view)
    with qtbot.waitSignal(state.open_finding) as opened:
        view.overdue_table.cellDoubleClicked.emit(0, 1)
    assert opened.args == [view.overdue_table.entries[0].id]


def test_overdue_tile_opens_the_ledger_filtered(qtbot: QtBot, state: AppState) -> None:
    view = TodayView(state)
    qtbot.addWidget(view)
    with qtbot.waitSignal(state.show_ledger) as shown:
        view.tile_overdue.click()
    assert shown.args == [{"overdue": True}]
