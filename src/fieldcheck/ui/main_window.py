# SPDX-License-Identifier: Apache-2.0
"""The main window: navigation on the left, one screen at a time, sync state below."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from fieldcheck.ui.state import AppState
from fieldcheck.ui.sync_status import SyncStatus

# (key, module, class): screens are imported when first shown, to start fast.
SCREENS: list[tuple[str, str, str]] = [
    ("today", "fieldcheck.ui.today", "TodayView"),
    ("sites", "fieldcheck.ui.sites_view", "SitesView"),
    ("inspection", "fieldcheck.ui.inspection_view", "InspectionView"),
    ("ledger", "fieldcheck.ui.ledger_view", "LedgerView"),
    ("notices", "fieldcheck.ui.notices_view", "NoticesView"),
    ("expert", "fieldcheck.ui.expert_view", "ExpertView"),
    ("dashboard", "fieldcheck.ui.dashboard", "DashboardView"),
    ("settings", "fieldcheck.ui.settings_view", "SettingsView"),
]


class MainWindow(QMainWindow):
    """今日 / 单位 / 检查 / 隐患台账 / 文书 / 专家审核 / 统计 / 设置, with Ctrl+1…Ctrl+8."""

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setWindowTitle(self.tr("fieldcheck 隐患排查治理"))
        self.resize(1200, 760)
        titles = [
            self.tr("今日"),
            self.tr("单位"),
            self.tr("检查"),
            self.tr("隐患台账"),
            self.tr("文书"),
            self.tr("专家审核"),
            self.tr("统计"),
            self.tr("设置"),
        ]
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = QListWidget(central)
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget(central)
        self.views: dict[str, QWidget] = {}
        self._stale: set[str] = set()
        self.shortcuts: list[QShortcut] = []  # kept: a collected wrapper drops its slot
        for i, (title, (key, _m, _c)) in enumerate(zip(titles, SCREENS, strict=True)):
            item = QListWidgetItem(title, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(self.tr("%1（Ctrl+%2）").replace("%1", title).replace("%2", str(i + 1)))
            placeholder = QWidget(self.stack)
            self.stack.addWidget(placeholder)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            shortcut.activated.connect(self._goto_index(i))
            self.shortcuts.append(shortcut)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sync_status = SyncStatus(state, self)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.nav.currentRowChanged.connect(self._show_index)
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.activated.connect(self.state.notify)
        self.shortcuts.append(refresh)
        state.changed.connect(self._mark_stale)
        state.open_finding.connect(self.open_finding)
        state.goto.connect(self.show_screen)
        state.open_site.connect(lambda sid: self.show_screen("sites").select_site(sid))  # type: ignore[attr-defined]
        state.start_inspection.connect(
            lambda sid: self.show_screen("inspection").begin_at(sid)  # type: ignore[attr-defined]
        )
        state.show_ledger.connect(
            lambda opts: self.show_screen("ledger").apply_options(opts)  # type: ignore[attr-defined]
        )
        self.nav.setCurrentRow(0)

    def _goto_index(self, index: int) -> Callable[[], None]:
        return lambda: self.nav.setCurrentRow(index)

    def view(self, key: str) -> QWidget:
        """The screen for key, created on first use."""
        if key not in self.views:
            index = [k for k, _m, _c in SCREENS].index(key)
            _k, module, cls = SCREENS[index]
            widget = getattr(importlib.import_module(module), cls)(self.state, self.stack)
            old = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self.views[key] = widget
        return self.views[key]

    def show_screen(self, key: str) -> QWidget:
        """Switch to the screen for key and return it."""
        index = [k for k, _m, _c in SCREENS].index(key)
        self.nav.setCurrentRow(index)
        return self.view(key)

    def current_key(self) -> str:
        return SCREENS[self.nav.currentRow()][0]

    def _show_index(self, index: int) -> None:
        key = SCREENS[index][0]
        fresh = key not in self.views
        widget = self.view(key)
        self.stack.setCurrentIndex(index)
        if not fresh and key in self._stale:
            widget.refresh()  # type: ignore[attr-defined]
        self._stale.discard(key)

    def _mark_stale(self) -> None:
        """Refresh the visible screen now and the others when they are next shown."""
        current = self.current_key()
        self._stale = set(self.views) - {current}
        if current in self.views:
            self.views[current].refresh()  # type: ignore[attr-defined]

    def open_finding(self, finding_id: str) -> None:
        """Open the finding editor on one hazard."""
        from fieldcheck.ui.finding_dialog import FindingDialog

        dialog = FindingDialog(self.state, self, finding_id=finding_id)
        dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(10_000)  # let a running save finish
        super().closeEvent(event)
