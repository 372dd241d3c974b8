# SPDX-License-Identifier: Apache-2.0
"""The window says plainly when the criteria behind an item or a finding are not bundled."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from ui_helpers import walk_at_a_shop

from fieldcheck.core.terms import ItemOutcome
from fieldcheck.ui.findings.finding_dialog import FindingDialog
from fieldcheck.ui.shell.state import AppState


def _shown(label: QLabel) -> bool:
    return not label.isHidden()


def test_a_fire_item_says_the_fire_criteria_are_not_bundled(qtbot: QtBot, state: AppState) -> None:
    walk = walk_at_a_shop(qtbot, state).walk
    row = next(
        n
        for n, (cid, item) in enumerate(walk.items)
        if (cid, item.id) == ("jiuxiao-xiaowei-xiaofang", "jx-12")
    )
    walk.select_item(row)
    assert "疏散通道、安全出口" in walk.item_pane.prompt.text()
    assert _shown(walk.item_pane.notice)
    text = walk.item_pane.notice.text()
    assert "GB 35181-2025" in text and "未收录" in text and "消防救援机构" in text
    assert "不判定" in text  # it never pretends the criteria were checked
    walk.mark(ItemOutcome.FAIL)
    dialog = walk.dialog
    assert _shown(dialog.form.criteria_notice)
    assert "消防救援机构" in dialog.form.criteria_notice.text()
    dialog.reject()


def test_a_confined_space_item_has_no_such_notice(qtbot: QtBot, state: AppState) -> None:
    prefill = {"checklist_id": "youxian-kongjian", "item_id": "yk-01", "description": "x"}
    prefill |= {"criteria_id": "gongmao-2023", "clause_ref": "第十三条第（一）项"}
    dialog = FindingDialog(state, inspection_id="unused", prefill=prefill)
    qtbot.addWidget(dialog)
    assert not _shown(dialog.form.criteria_notice)


def test_a_finding_citing_the_2017_chemical_criteria_shows_the_aq_3067_note(
    qtbot: QtBot, state: AppState
) -> None:
    prefill = {"criteria_id": "huagong-weihuapin-2017", "clause_ref": "十八", "description": "x"}
    dialog = FindingDialog(state, inspection_id="unused", prefill=prefill)
    qtbot.addWidget(dialog)
    assert _shown(dialog.form.criteria_notice)
    assert "AQ 3067-2026" in dialog.form.criteria_notice.text()
    assert "2026年9月30日" in dialog.form.criteria_notice.text()
    dialog.form.clause.setText("")
    dialog.form.show_notices()
    assert not _shown(dialog.form.criteria_notice)  # nothing cited, nothing to warn about
