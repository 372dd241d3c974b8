# SPDX-License-Identifier: Apache-2.0
"""The main window: navigation on the left, one screen at a time, sync state below.

It can be shown before the data is open (a shell saying "正在打开数据…", navigation
disabled) and receives the data with attach(); nothing here imports storage or services
at module import time, so the window appears without waiting for SQLAlchemy.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from fieldcheck.ui.widgets.screen import fit_to_screen

if TYPE_CHECKING:
    from fieldcheck.ui.shell.state import AppState
    from fieldcheck.ui.sync.sync_status import SyncStatus

# (key, module, class): screens are imported when first shown, to start fast.
SCREENS: list[tuple[str, str, str]] = [
    ("today", "fieldcheck.ui.shell.today", "TodayView"),
    ("sites", "fieldcheck.ui.sites.sites_view", "SitesView"),
    ("inspection", "fieldcheck.ui.inspections.inspection_view", "InspectionView"),
    ("ledger", "fieldcheck.ui.findings.ledger_view", "LedgerView"),
    ("notices", "fieldcheck.ui.documents.notices_view", "NoticesView"),
    ("expert", "fieldcheck.ui.major.expert_view", "ExpertView"),
    ("dashboard", "fieldcheck.ui.findings.dashboard", "DashboardView"),
    ("settings", "fieldcheck.ui.shell.settings_view", "SettingsView"),
]


class MainWindow(QMainWindow):
    """今日 / 单位 / 检查 / 隐患台账 / 文书 / 专家审核 / 统计 / 设置, with Ctrl+1…Ctrl+8."""

    opened = Signal()  # the data is attached and the Today screen shows it

    state: AppState
    sync_status: SyncStatus

    def __init__(self, state: AppState | None = None) -> None:
        super().__init__()
        self.ready = False
        self.setWindowTitle(self.tr("fieldcheck 隐患排查治理"))
        fit_to_screen(self, 1440, 900)  # as large as a laptop screen allows
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
        # Stands in for 今日 until the data is open; says what went wrong if it cannot be.
        self.opening = QLabel(self.tr("正在打开数据…"), self.stack)
        self.opening.setObjectName("heading")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening.setWordWrap(True)
        for i, (title, (key, _m, _c)) in enumerate(zip(titles, SCREENS, strict=True)):
            item = QListWidgetItem(title, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(self.tr("%1（Ctrl+%2）").replace("%1", title).replace("%2", str(i + 1)))
            self.stack.addWidget(self.opening if i == 0 else QWidget(self.stack))
            shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            shortcut.activated.connect(self._goto_index(i))
            self.shortcuts.append(shortcut)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status_note = QLabel(self.tr("正在打开数据…"), self)
        self.statusBar().addPermanentWidget(self.status_note)
        self.nav.setCurrentRow(0)
        self.nav.setEnabled(False)  # no screen may touch the data before it is open
        self.nav.currentRowChanged.connect(self._show_index)
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.activated.connect(self._refresh)
        self.shortcuts.append(refresh)
        if state is not None:
            self.attach(state)

    def attach(self, state: AppState) -> None:
        """Use the open data: enable navigation and show 今日 with it."""
        from fieldcheck.ui.sync.sync_status import SyncStatus

        self.state = state
        self.statusBar().removeWidget(self.status_note)
        self.status_note.deleteLater()
        self.sync_status = SyncStatus(state, self)
        if state.ctx.read_only:  # a write-protected stick, a read-only share: look only
            note = QLabel(self.tr("只读：这个数据文件夹不能写入，可以查看，不能保存更改"), self)
            note.setObjectName("readOnlyNote")
            self.statusBar().addWidget(note)
            self.setWindowTitle(self.tr("fieldcheck 隐患排查治理（只读）"))
        self.statusBar().addPermanentWidget(self.sync_status)
        state.changed.connect(self._mark_stale)
        state.open_finding.connect(self.open_finding)
        state.goto.connect(self.show_screen)
        state.open_site.connect(lambda sid: self.show_screen("sites").select_site(sid))  # type: ignore[attr-defined]
        state.start_inspection.connect(
            lambda sid: self.show_screen("inspection").begin_at(sid)  # type: ignore[attr-defined]
        )
        state.start_campaign_inspection.connect(
            lambda cid, sid: self.show_screen("inspection").begin_at(sid, campaign_id=cid)  # type: ignore[attr-defined]
        )
        state.start_task_inspection.connect(self.do_task)
        state.resume_inspection.connect(
            lambda iid: self.show_screen("inspection").resume(iid)  # type: ignore[attr-defined]
        )
        state.show_ledger.connect(
            lambda opts: self.show_screen("ledger").apply_options(opts)  # type: ignore[attr-defined]
        )
        self.ready = True
        self.nav.setEnabled(True)
        self._show_index(self.nav.currentRow())
        self.nav.setFocus()
        self._check_county_checklists()
        self.opened.emit()

    def _check_county_checklists(self) -> None:
        """Load the library in the background when the county has checklists of its own,
        and name in the status bar any file of theirs left out for a problem."""
        from fieldcheck.services.inspections.checklists import county_dir
        from fieldcheck.ui.shell import catalog
        from fieldcheck.ui.shell.ops import run_op

        folder = county_dir(self.state.ctx.home)
        if not folder.is_dir() or not any(folder.glob("**/*.y*ml")):
            return  # only the bundled sets: checked when they were built
        self.library_check = run_op(
            self,
            lambda _progress: list(catalog.library().skipped),
            success=self._show_skipped,
        )

    def _show_skipped(self, skipped: object) -> None:
        from fieldcheck.ui.shell.checklist_note import SkippedChecklists

        if isinstance(skipped, list) and skipped:
            self.skipped_note = SkippedChecklists(skipped, self)
            self.statusBar().addWidget(self.skipped_note, 1)

    def do_task(self, task_id: str) -> None:
        """办理 a task: a 复查 / 回头看 at its hazard's step, any other by an inspection."""
        from fieldcheck.services.inspections import tasks
        from fieldcheck.ui.inspections.hazard_task import open_hazard_task

        task = next((t for t in tasks.list_tasks(self.state.ctx) if t.id == task_id), None)
        if task is not None and tasks.hazard_steps(self.state.ctx, task) is not None:
            self.task_dialog = open_hazard_task(self, self.state, task)
            return
        self.show_screen("inspection").begin_task(task_id)  # type: ignore[attr-defined]

    def await_setup(self) -> None:
        """The data is open and the first-run wizard asks who uses this device: say that,
        not 正在打开数据…, until it is done."""
        self.opening.setText(self.tr("请先在“欢迎使用 fieldcheck”中完成首次设置。"))
        self.status_note.setText(self.tr("等待首次设置"))

    def show_open_error(self, exc: BaseException) -> None:
        """The data could not be opened: say so in plain words, here and in a dialog."""
        from fieldcheck.ui.shell.messages import plain_words, show_error

        head, _detail = plain_words(exc)
        self.opening.setText(self.tr("无法打开数据") + "\n\n" + head)
        self.opening.setObjectName("formError")
        self.opening.style().polish(self.opening)
        self.status_note.setText(self.tr("无法打开数据"))
        show_error(self, exc)

    def _goto_index(self, index: int) -> Callable[[], None]:
        return lambda: self.nav.setCurrentRow(index) if self.ready else None

    def _refresh(self) -> None:
        if self.ready:
            self.state.notify()

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
        if not self.ready:
            return
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
        from fieldcheck.ui.findings.finding_dialog import FindingDialog

        dialog = FindingDialog(self.state, self, finding_id=finding_id)
        dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(10_000)  # let a running save finish
        super().closeEvent(event)
