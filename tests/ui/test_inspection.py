# SPDX-License-Identifier: Apache-2.0
"""检查: site → suggested checklists → keys 1/2/3 → a prefilled hazard → finish."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldcheck.core import clock
from fieldcheck.core.terms import ItemOutcome
from fieldcheck.services.findings import findings, ledger
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites
from fieldcheck.ui.inspections.inspection_view import InspectionView
from fieldcheck.ui.shell.state import AppState


def test_grid_worker_walks_a_checklist_with_the_keyboard(qtbot: QtBot, state: AppState) -> None:
    shop = next(s for s in sites.search_sites(state.ctx, "小吃店"))
    view = InspectionView(state)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.begin_at(shop.id)
    assert view.pages.currentIndex() == 1
    chosen = view.chosen_checklists()
    assert "jiuxiao-xiaowei-xiaofang" in [c.id for c in chosen]  # suggested for 九小场所
    view.start()
    assert view.pages.currentIndex() == 2
    walk = view.walk
    insp = view.inspection
    assert insp is not None and [r.checklist_id for r in insp.checklists] == [c.id for c in chosen]
    assert walk.current_index() == 0
    qtbot.keyClick(walk.item_list, Qt.Key.Key_1)
    assert walk.current_index() == 1
    qtbot.keyClick(walk.item_list, Qt.Key.Key_3)
    assert walk.current_index() == 2
    assert walk.tally.text() == f"已查 2/{len(walk.items)} · 合格 1 · 不合格 0 · 不适用 1"
    cid, item = walk.items[2]
    qtbot.keyClick(walk.item_list, Qt.Key.Key_2)
    dialog = walk.dialog
    assert dialog.isVisible()
    wording = item.finding or item.prompt.removeprefix("是否")
    assert wording in dialog.form.description.toPlainText()
    assert dialog.form.measures.toPlainText() == item.measures
    due = clock.today() + timedelta(days=item.deadline_days)
    assert dialog.form.deadline.date().toPython() == due
    dialog.form.place.setText("front")
    dialog.save()
    qtbot.waitUntil(lambda: walk.dialog.result() == dialog.DialogCode.Accepted)
    assert len(walk.recorded) == 1
    recorded = findings.get_finding(state.ctx, walk.recorded[0].id)
    assert (recorded.basis.checklist_id, recorded.basis.item_id) == (cid, item.id)
    assert recorded.deadline == clock.today() + timedelta(days=item.deadline_days)
    outcomes = {(r.item_id, r.outcome) for r in inspections.item_results(state.ctx, insp.id)}
    first, second = walk.items[0][1].id, walk.items[1][1].id
    assert outcomes == {
        (first, ItemOutcome.PASS),
        (second, ItemOutcome.NOT_APPLICABLE),
        (item.id, ItemOutcome.FAIL),
    }
    walk.finish()  # items are left unanswered: it asks first and names how many
    unanswered = len(walk.items) - 3
    assert walk.confirm_box.isVisible()
    assert f"还有 {unanswered} 项未检查" in walk.confirm_box.text()
    assert inspections.get_inspection(state.ctx, insp.id).finished_at is None
    walk.confirm_box.finish_anyway.click()
    done = inspections.get_inspection(state.ctx, insp.id)
    assert done.finished_at is not None
    assert "发现隐患 1 项" in done.summary
    assert view.pages.currentIndex() == 0
    assert ledger.ledger_size(state.ctx, ledger.ledger_filter(site_id=shop.id, text="front")) == 1
    assert recorded.place == "front"


def test_an_inspection_under_way_is_never_dropped(qtbot: QtBot, state: AppState) -> None:
    one, two = sites.search_sites(state.ctx, "", limit=2)
    view = InspectionView(state)
    qtbot.addWidget(view)
    view.begin_at(one.id)
    view.start()
    view.begin_at(two.id)  # e.g. 开始检查 pressed on Today meanwhile
    assert view.pages.currentIndex() == 2 and view.site is not None and view.site.id == one.id
