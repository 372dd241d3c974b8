# SPDX-License-Identifier: Apache-2.0
"""单位: search, add with Chinese input and a checked 统一社会信用代码, edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from ui_helpers import type_chinese

from fieldcheck.core.uscc import make_uscc
from fieldcheck.services import sites
from fieldcheck.ui.site_dialog import SiteDialog, uscc_feedback
from fieldcheck.ui.sites_view import SitesView
from fieldcheck.ui.state import AppState

GOOD = make_uscc("91410105MA44XYW12")


def test_uscc_feedback_while_typing() -> None:
    assert uscc_feedback("")[0] is True
    ok, text = uscc_feedback("91410105")
    assert not ok and "还差 10 位" in text
    ok, text = uscc_feedback("9141O105")
    assert not ok and "第 5 位" in text
    wrong = GOOD[:17] + ("0" if GOOD[17] != "0" else "1")
    ok, text = uscc_feedback(wrong)
    assert not ok and f"“{GOOD[17]}”" in text
    assert uscc_feedback(GOOD) == (True, "✓ 代码有效")


def test_add_a_site_typed_in_chinese(qtbot: QtBot, state: AppState) -> None:
    view = SitesView(state)
    qtbot.addWidget(view)
    view.add()
    dialog = view.dialog
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    type_chinese(dialog.name, "金水区老王烧烤店")
    type_chinese(dialog.address, "郑州市金水区农业路18号")
    qtbot.keyClicks(dialog.uscc, GOOD[:10].lower())  # lower case is raised as typed
    assert dialog.uscc.text() == GOOD[:10]
    assert not save.isEnabled() and "还差 8 位" in dialog.uscc_hint.text()
    qtbot.keyClicks(dialog.uscc, GOOD[10:])
    assert save.isEnabled() and "有效" in dialog.uscc_hint.text()
    save.click()
    assert dialog.result() == SiteDialog.DialogCode.Accepted
    found = sites.search_sites(state.ctx, "老王烧烤")
    assert [(s.name, s.uscc, s.jurisdiction) for s in found] == [
        ("金水区老王烧烤店", GOOD, "410105001")
    ]
    assert view.selected() is not None and view.selected().name == "金水区老王烧烤店"


def test_missing_required_fields_are_named(qtbot: QtBot, state: AppState) -> None:
    dialog = SiteDialog(state)
    qtbot.addWidget(dialog)
    type_chinese(dialog.name, "无地址小店")
    dialog.save()
    assert "地址" in dialog.error.text()
    assert sites.search_sites(state.ctx, "无地址小店") == []


def test_search_narrows_and_edit_saves(qtbot: QtBot, state: AppState) -> None:
    view = SitesView(state)
    qtbot.addWidget(view)
    assert view.table.rowCount() == 32
    type_chinese(view.search, "木业")
    qtbot.waitUntil(lambda: view.table.rowCount() < 32)
    assert view.results and all("木业" in s.name for s in view.results), [
        s.name for s in view.results
    ]
    target = view.selected()
    assert target is not None
    assert "统一社会信用代码" in view.details.text()
    view.edit()
    view.dialog.legal_rep.clear()
    type_chinese(view.dialog.legal_rep, "欧阳修")
    view.dialog.save()
    assert sites.get_site(state.ctx, target.id).legal_rep == "欧阳修"


def test_site_history_lists_its_hazards_and_inspections(qtbot: QtBot, state: AppState) -> None:
    view = SitesView(state)
    qtbot.addWidget(view)
    view.table.selectRow(0)
    site = view.selected()
    assert site is not None
    assert view.hazards.rowCount() > 0
    assert all(e.site_id == site.id for e in view.hazards.entries)
    assert view.history.count() > 0
    with qtbot.waitSignal(state.start_inspection) as started:
        qtbot.mouseClick(view.inspect_button, Qt.MouseButton.LeftButton)
    assert started.args == [site.id]
