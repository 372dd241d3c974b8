# SPDX-License-Identifier: Apache-2.0
"""Helpers for UI tests: Chinese input, people of the demo, a visit, a walk under way at
a 小吃店, a screen of the main window at 1366x768, a handwritten signature."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from fieldcheck.core.terms import Role
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites
from fieldcheck.ui.inspections.inspection_view import InspectionView
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.signature_pad import SignaturePad


def type_chinese(widget: QWidget, text: str) -> None:
    """Commit text as an input method would (QTest key clicks are ASCII only)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def person_id(ctx: AppContext, role: Role, name: str | None = None) -> str:
    return next(p.id for p in sites.list_people(ctx, role.value) if name in (None, p.name))


def visit(state: AppState) -> str:
    """A finished inspection by me at a demo site, with one open hazard."""
    ctx, me = state.ctx, state.actor_id
    site = sites.search_sites(ctx, "小吃店")[0]
    insp = inspections.start_inspection(ctx, site_id=site.id, inspector_ids=[me], actor_id=me)
    findings.record_finding(
        ctx,
        inspection_id=insp.id,
        description="后厨液化气钢瓶未设置防倾倒措施",
        place="后厨",
        measures="加装钢瓶固定链",
        actor_id=me,
    )
    inspections.finish_inspection(ctx, insp.id, actor_id=me, summary="检查发现隐患1项")
    return insp.id


def walk_at_a_shop(qtbot: QtBot, state: AppState) -> InspectionView:
    """检查 begun at the demo's first 小吃店 with its suggested checklists, at the first item."""
    shop = next(s for s in sites.search_sites(state.ctx, "小吃店"))
    view = InspectionView(state)
    qtbot.addWidget(view)
    view.begin_at(shop.id)
    view.start()
    return view


def screen_at_1366(qtbot: QtBot, state: AppState, key: str) -> QWidget:
    """The main window fitted to a 1366x768 screen (its taskbar aside), showing screen key."""
    from PySide6.QtCore import QRect

    from fieldcheck.ui.shell.main_window import MainWindow
    from fieldcheck.ui.widgets.screen import fit_to_screen

    window = MainWindow(state)
    qtbot.addWidget(window)
    fit_to_screen(window, 1440, 900, QRect(0, 0, 1366, 728))
    window.show()
    return window.show_screen(key)


def sign(qtbot: QtBot, pad: SignaturePad) -> None:
    pad.resize(400, 140)
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 40))
    for x in range(30, 300, 15):
        qtbot.mouseMove(pad, QPoint(x, 40 + (x % 45)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 60))
