# SPDX-License-Identifier: Apache-2.0
"""The always-visible unsynced count and sync state in the status bar."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from fieldcheck.services.findings import ledger
from fieldcheck.services.sync import sync_words
from fieldcheck.ui.shell.ops import Progress
from fieldcheck.ui.shell.state import AppState

log = logging.getLogger(__name__)

CONFLICT_CHECK_DELAY_MS = 1500
RETRY_FIRST_MS = 15_000  # after a failed sync, try again by itself: 15 s, 30 s, ... 10 min
RETRY_MAX_MS = 600_000


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
        self.proof_button = QPushButton(self.tr("逐条核对…"), self)
        self.proof_button.setObjectName("syncProof")
        self.proof_button.setFlat(True)
        self.proof_button.setToolTip(
            self.tr("每一条记录、每一个照片文件的同步状态，可向服务器逐条核对")
        )
        self.proof_button.clicked.connect(self.show_proof)
        self.sync_button = QPushButton(self.tr("立即同步"), self)
        self.sync_button.setObjectName("syncNow")
        layout.addWidget(self.count_label)
        layout.addWidget(self.proof_button)
        layout.addWidget(self.state_label)
        layout.addWidget(self.conflicts_button)
        layout.addWidget(self.sync_button)
        self.unsynced = 0
        self.running = False
        self.retry_ms = 0  # 0: no automatic retry is due
        self.retry_timer = QTimer(self, singleShot=True)
        self.retry_timer.timeout.connect(self._retry)
        self.op: object = None
        state.changed.connect(self.refresh)
        self.sync_button.clicked.connect(self.sync_now)
        self.refresh()

    def refresh(self) -> None:
        self.unsynced = int(ledger.counts(self.state.ctx)["unsynced"]["changes"])
        self.count_label.setText(self.waiting_text())
        self.count_label.setProperty("pending", self.unsynced > 0)
        self.count_label.style().polish(self.count_label)
        open_conflicts = self._open_conflicts()
        self.conflicts_button.setText(self.tr("冲突 %n 条…", "", open_conflicts))
        self.conflicts_button.setVisible(open_conflicts > 0)
        if not (server_url := self.state.device().server_url):
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

    def waiting_text(self) -> str:
        """“3 条隐患、5 张照片、1 份文书待上传”: what people know, never the record count."""
        w = sync_words.waiting(self.state.ctx)
        parts = [
            self.tr("%n 条隐患", "", w.hazards) if w.hazards else "",
            self.tr("%n 张照片", "", w.photos) if w.photos else "",
            self.tr("%n 份文书", "", w.documents) if w.documents else "",
        ]
        shown = self.tr("、").join(p for p in parts if p)
        if shown:
            return self.tr("%1待上传").replace("%1", shown)
        return self.tr("其他记录待上传") if not w.empty else self.tr("已全部上传")

    def _open_conflicts(self) -> int:
        """Open sync conflicts; the first look waits until the window is up."""
        if "fieldcheck.services.sync.sync_view" not in sys.modules:
            # Importing it brings httpx and the sync client (a quarter second): not at start-up.
            QTimer.singleShot(CONFLICT_CHECK_DELAY_MS, self._load_sync_view)
            return 0
        from fieldcheck.services.sync import sync_view

        return len(sync_view.conflicts(self.state.ctx))

    def _load_sync_view(self) -> None:
        import fieldcheck.services.sync.sync_view  # noqa: F401  (then refresh counts conflicts)

        self.refresh()

    def show_conflicts(self) -> None:
        from fieldcheck.ui.sync.conflicts_dialog import ConflictsDialog

        self.dialog = ConflictsDialog(self.state, self)
        self.dialog.open()

    def show_proof(self) -> None:
        """The full per-record proof, one click from the counts."""
        from fieldcheck.ui.sync.sync_proof import SyncProofDialog

        self.proof = SyncProofDialog(self.state, self)
        self.proof.open()

    def _retry(self) -> None:
        """The automatic retry: never during a sync or while other work (a save) runs."""
        if self.running or QThreadPool.globalInstance().activeThreadCount() > 0:
            self.retry_timer.start(2_000)
            return
        if self.sync_button.isEnabled():
            self.sync_now()

    def _schedule_retry(self) -> None:
        self.retry_ms = min(RETRY_MAX_MS, self.retry_ms * 2 if self.retry_ms else RETRY_FIRST_MS)
        self.retry_timer.start(self.retry_ms)

    def sync_now(self) -> None:
        """Push and pull in the background; the count shows what is still waiting."""
        from fieldcheck.services.sync import sync
        from fieldcheck.ui.shell.ops import run_op

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
            from fieldcheck.ui.shell.messages import kind_words

            log.warning("sync stopped: %s", error)  # the English detail: the log only
            kind = str(getattr(report, "error_kind", ""))
            self.state_label.setToolTip(kind_words(kind))
            if kind == "ServerUnreachable":
                self._schedule_retry()
                self.state_label.setText(
                    self.tr("连不上服务器，%1 秒后自动重试").replace(
                        "%1", str(self.retry_ms // 1000)
                    )
                )
            else:
                self.state_label.setText(kind_words(kind))
        else:
            self.retry_ms = 0
            self.retry_timer.stop()
            self.state_label.setText(self.tr("同步完成"))

    def _failed(self, exc: BaseException) -> None:
        from fieldcheck.ui.shell.messages import show_error

        self.running = False
        self.refresh()
        show_error(self, exc)
