# SPDX-License-Identifier: Apache-2.0
"""逐条核对: the full proof of sync, record by record and photo by photo.

The status bar counts hazards, photos and documents; this shows every record and photo
file with what this device knows of it (a server's receipt), or, asked online, what the
server says it holds, compared by SHA-256.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.ui.shell.ops import run_op
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.screen import fit_to_screen

_T = "SyncProofDialog"
STATES: dict[str, object] = {  # sync_view's words, as people read them
    "on server": QT_TRANSLATE_NOOP("SyncProofDialog", "服务器已有（哈希一致）"),
    "on server (receipt)": QT_TRANSLATE_NOOP("SyncProofDialog", "服务器已确认收到"),
    "on server (hash checked)": QT_TRANSLATE_NOOP("SyncProofDialog", "服务器已有（哈希一致）"),
    "not on server": QT_TRANSLATE_NOOP("SyncProofDialog", "服务器上没有"),
    "server holds another version": QT_TRANSLATE_NOOP("SyncProofDialog", "服务器上是另一个版本"),
    "waiting for a receipt": QT_TRANSLATE_NOOP("SyncProofDialog", "待上传"),
    "not confirmed yet": QT_TRANSLATE_NOOP("SyncProofDialog", "待上传"),
    "conflict (both versions kept)": QT_TRANSLATE_NOOP("SyncProofDialog", "冲突（两个版本都保留）"),
    "refused by the server": QT_TRANSLATE_NOOP("SyncProofDialog", "服务器拒收"),
}
KINDS: dict[str, object] = {
    "site": QT_TRANSLATE_NOOP("SyncProofDialog", "单位"),
    "person": QT_TRANSLATE_NOOP("SyncProofDialog", "人员"),
    "person_key": QT_TRANSLATE_NOOP("SyncProofDialog", "签名公钥"),
    "inspection": QT_TRANSLATE_NOOP("SyncProofDialog", "检查"),
    "item_result": QT_TRANSLATE_NOOP("SyncProofDialog", "检查项结果"),
    "finding": QT_TRANSLATE_NOOP("SyncProofDialog", "隐患"),
    "finding_event": QT_TRANSLATE_NOOP("SyncProofDialog", "隐患经过"),
    "photo": QT_TRANSLATE_NOOP("SyncProofDialog", "照片记录"),
    "notice": QT_TRANSLATE_NOOP("SyncProofDialog", "文书"),
    "signature": QT_TRANSLATE_NOOP("SyncProofDialog", "签名"),
}


ORDER = ("finding", "photo_file", "notice", "signature", "finding_event", "photo", "inspection")


def _rank(entity: str) -> int:
    return ORDER.index(entity) if entity in ORDER else len(ORDER)


def _kind_words(entity: str) -> str:
    if entity == "photo_file":
        return QCoreApplication.translate("SyncProofDialog", "照片文件")
    return QCoreApplication.translate(_T, str(KINDS.get(entity, entity)))


def state_words(state: str) -> str:
    if state.startswith("partly uploaded"):
        done = state.removeprefix("partly uploaded (").removesuffix(" bytes)")
        return QCoreApplication.translate("SyncProofDialog", "已上传一部分（%1 字节）").replace(
            "%1", done
        )
    return QCoreApplication.translate(_T, str(STATES.get(state, state)))


class SyncProofDialog(QDialog):
    """Every record and photo file with its sync state; 向服务器核对 asks the server."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.op: Any = None
        self.view: dict[str, Any] = {}
        self.setWindowTitle(self.tr("逐条核对同步"))
        fit_to_screen(self, 900, 640)
        self.summary = QLabel(self)
        self.summary.setObjectName("proofSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("proofTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("类别"), self.tr("记录编号或照片哈希（SHA-256）"), self.tr("状态")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.ask_button = QPushButton(self.tr("向服务器核对"), self)
        self.ask_button.setObjectName("proofAsk")
        self.ask_button.setToolTip(self.tr("逐条问服务器是否持有本机的同一版本（按哈希比对）"))
        self.ask_button.setEnabled(bool(state.device().server_url))
        self.ask_button.clicked.connect(self.ask_server)
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.ask_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.load(online=False)

    def load(self, *, online: bool) -> None:
        from fieldcheck.services.sync import sync_view

        self.show_view(sync_view.sync_status(self.state.ctx, online=online))

    def ask_server(self) -> Any:
        from fieldcheck.services.sync import sync_view

        ctx = self.state.ctx
        self.ask_button.setEnabled(False)
        self.summary.setText(self.tr("正在向服务器逐条核对…"))
        self.op = run_op(
            self,
            lambda _p: sync_view.sync_status(ctx, online=True),
            success=self.show_view,
            failure=self._failed,
        )
        return self.op

    def _failed(self, exc: BaseException) -> None:
        from fieldcheck.ui.shell.messages import plain_words

        self.ask_button.setEnabled(True)
        self.summary.setText(plain_words(exc)[0])

    def show_view(self, view: dict[str, Any]) -> None:
        self.view = view
        self.ask_button.setEnabled(bool(self.state.device().server_url))
        records, photos = view["records"], view["photos"]
        source = (
            self.tr("以下是服务器刚才逐条回答的结果。")
            if view["online"]
            else self.tr("以下是本机记下的服务器回执（未联网核对）。")
        )
        counts = [
            f"{state_words(k)} {n}"
            for k, n in sorted({**view["records_by_state"]}.items(), key=lambda kv: -kv[1])
        ]
        photo_counts = [f"{state_words(k)} {n}" for k, n in view["photos_by_state"].items()]
        self.summary.setText(
            source
            + "\n"
            + self.tr("记录 %n 条：%1", "", len(records)).replace("%1", "，".join(counts) or "—")
            + "\n"
            + self.tr("照片文件 %n 个：%1", "", len(photos)).replace(
                "%1", "，".join(photo_counts) or "—"
            )
        )
        rows = [(r["entity"], r["id"], r["state"]) for r in records] + [
            ("photo_file", p["sha256"], p["state"]) for p in photos
        ]
        # Not yet on the server first, hazards, photos and documents before the rest.
        rows.sort(key=lambda r: (r[2].startswith("on server"), _rank(r[0]), r[1]))
        self.table.setRowCount(len(rows))
        for i, (kind, ident, st) in enumerate(rows):
            for j, text in enumerate((_kind_words(kind), ident, state_words(st))):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
