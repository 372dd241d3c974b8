# SPDX-License-Identifier: Apache-2.0
"""A major hazard's form on a 1366×768 laptop: every field keeps its height.

With 五落实 shown, the form and the photos did not both fit, and the form's fields were
squeezed: 责任人 and 整改资金 13 px high, 整改措施与整改时限见上方两栏 written over 安全措施
和应急预案. The form scrolls instead.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from ui_helpers import visit

from fieldcheck.ui.findings.finding_dialog import FindingDialog
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets import screen

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar


def test_major_hazard_form_fields_keep_their_height(
    qtbot: QtBot, state: AppState, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screen, "available_area", lambda _w=None: LAPTOP)
    dialog = FindingDialog(state, inspection_id=visit(state), prefill={})
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    form.suspected.setChecked(True)  # 五落实 appears
    qtbot.wait(50)
    assert dialog.height() <= LAPTOP.height()
    edits = [*form.findChildren(QLineEdit), *form.findChildren(QPlainTextEdit)]
    fields = [w for w in edits if w.isVisible() and not w.objectName().startswith("qt_")]
    assert form.responsible in fields and form.funds in fields
    squeezed = [
        (w.objectName() or type(w).__name__, w.height())
        for w in fields
        if w.height() < min(w.minimumSizeHint().height(), w.maximumHeight())  # fixed: as set
    ]
    assert squeezed == []
    dialog.form_area.ensureWidgetVisible(form.safety_plan)  # reachable by scrolling
    qtbot.wait(50)
    top = form.safety_plan.mapTo(dialog.form_area.viewport(), form.safety_plan.rect().topLeft())
    assert 0 <= top.y() < dialog.form_area.viewport().height()
