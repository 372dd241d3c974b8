# SPDX-License-Identifier: Apache-2.0
"""The always-visible unsynced count and sync state in the status bar."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from fieldcheck.services import ledger
from fieldcheck.ui.ops import Progress
from fieldcheck.ui.state import AppState, has_service

log = logging.getLogger(__name__)

CONFLICT_CHECK_DELAY_MS = 1500


class SyncStatus(QWidget):
    """未同步 N 条 · the sync state · a button to sync now when sync is possible."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("unsynced")
        self.state_label = QLabel(self)
        self.conflicts_button = QPushButton(self)
        self.conflicts_button.setObjectName("conflicts")
        self.conflicts_button.setToolTip(
            self.tr("本机和服务器都改过的记录，需要您选择保留哪一个版本")
        )
        self.conflicts_button.clicked.connect(self.show_conflicts)
        self.sync_button = QPushButton(self.tr("立即同步"), self)
        self.sync_button.setObjectName("syncNow")
        layout.addWidget(self.count_label)
        layout.addWidget(self.state_label)
        layout.addWidget(self.conflicts_button)
        layout.addWidget(self.sync_button)
        self.unsynced = 0
        self.running = False
        self.op: object = None
        state.changed.connect(self.refresh)
        self.sync_button.clicked.connect(self.sync_now)
        self.refresh()

    def refresh(self) -> None:
        self.unsynced = int(ledger.counts(self.state.ctx)["unsynced"]["changes"])
        self.count_label.setText(self.tr("未同步 %1 条").replace("%1", str(self.unsynced)))
        self.count_label.setProperty("pending", self.unsynced > 0)
        self.count_label.style().polish(self.count_label)
        open_conflicts = self._open_conflicts()
        self.conflicts_button.setText(self.tr("冲突 %1 条…").replace("%1", str(open_conflicts)))
        self.conflicts_button.setVisible(open_conflicts > 0)
        if not has_service("sync"):
            text = self.tr("离线工作 · 同步功能尚未安装")
            tip = self.tr("同步模块尚未安装；数据已安全保存在本机，安装后会自动上传。")
            enabled = False
        elif not (server_url := self.state.device().server_url):
            text = self.tr("离线工作 · 未设置服务器")
            tip = self.tr("请在“设置”中填写服务器地址并登录，之后即可同步。")
            enabled = False
        else:
            text = self.tr("服务器：%1").replace("%1", server_url)
            tip = self.tr("把本机的记录和照片上传到服务器，并取回新的交办和审核结果。")
            enabled = True
        if self.running:
            text, enabled = self.tr("正在同步…"), False
        self.state_label.setText(text)
        self.sync_button.setEnabled(enabled)
        self.sync_button.setToolTip(tip)
        self.setToolTip(tip)

    def _open_conflicts(self) -> int:
        """Open sync conflicts; the first look waits until the window is up."""
        if not has_service("sync_view"):
            return 0
        if "fieldcheck.services.sync_view" not in sys.modules:
            # Importing it brings httpx and the sync client (a quarter second): not at start-up.
            QTimer.singleShot(CONFLICT_CHECK_DELAY_MS, self._load_sync_view)
            return 0
        from fieldcheck.services import sync_view

        return len(sync_view.conflicts(self.state.ctx))

    def _load_sync_view(self) -> None:
        import fieldcheck.services.sync_view  # noqa: F401  (then refresh counts conflicts)

        self.refresh()

    def show_conflicts(self) -> None:
        from fieldcheck.ui.conflicts_dialog import ConflictsDialog

        self.dialog = ConflictsDialog(self.state, self)
        self.dialog.open()

    def sync_now(self) -> None:
        """Push and pull in the background; the count shows what is still waiting."""
        from fieldcheck.services import sync
        from fieldcheck.ui.ops import run_op

        ctx, url = self.state.ctx, self.state.device().server_url
        self.running = True
        self.refresh()

        def work(progress: Progress) -> object:
            return sync.sync(
                ctx,
                server_url=url or None,
                progress=lambda stage, done, total: progress(done, total, stage),
            )

        self.op = run_op(
            self, work, success=self._done, failure=self._failed, progress=self._progress
        )

    def _progress(self, done: int, total: int, stage: str) -> None:
        words = {
            "photos": self.tr("上传照片"),
            "push": self.tr("上传记录"),
            "pull": self.tr("取回更新"),
        }
        self.state_label.setText(f"{words.get(stage, stage)} {done}/{total}")

    def _done(self, report: object) -> None:
        self.running = False
        error = getattr(report, "error", "")
        self.state.notify()
        if error:
            from fieldcheck.ui.messages import kind_words

            log.warning("sync stopped: %s", error)  # the English detail: the log only
            self.state_label.setText(kind_words(str(getattr(report, "error_kind", ""))))
        else:
            self.state_label.setText(self.tr("同步完成"))

    def _failed(self, exc: BaseException) -> None:
        from fieldcheck.ui.messages import show_error

        self.running = False
        self.refresh()
        show_error(self, exc)
