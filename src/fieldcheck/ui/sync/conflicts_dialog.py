# SPDX-License-Identifier: Apache-2.0
"""同步冲突: a record changed here and on the server; show both and let a person choose."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.services.sync import aside_words, sync_view
from fieldcheck.storage import quarantine, refused
from fieldcheck.ui.shell.labels import datetime_text
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sync.conflict_fields import label, value_text
from fieldcheck.ui.widgets.screen import fit_to_screen

DIFFERS = QColor("#fff4d6")


def _setaside(text: str) -> str:
    return QCoreApplication.translate("setaside", text)


def aside_text(conflict: dict[str, Any]) -> str:
    """Why a record was set aside (pulled and not applicable here, or refused by the
    server), in the window's language."""
    words = aside_words.refused_sentence if _is_refused(conflict) else aside_words.sentence
    return words(conflict["local"], conflict["entity"], conflict["entity_id"], _setaside)


def _is_refused(conflict: dict[str, Any]) -> bool:
    return bool(conflict["source"] == refused.SOURCE)


def _is_aside(conflict: dict[str, Any]) -> bool:
    return bool(conflict["source"] == quarantine.SOURCE) or _is_refused(conflict)


class ConflictsDialog(QDialog):
    """Open conflicts, both versions field by field, and keep-local / keep-server."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.conflicts: list[dict[str, Any]] = []
        self.setWindowTitle(self.tr("同步冲突"))
        fit_to_screen(self, 980, 600)
        # Each entry is one record: its kind in the singular ('Set aside · Document').
        self.entity_words = {
            "finding": self.tr("隐患", "", 1),
            "site": self.tr("单位", "", 1),
            "inspection": self.tr("检查", "", 1),
            "person": self.tr("人员", "", 1),
            "notice": self.tr("文书", "", 1),
            "photo": self.tr("照片", "", 1),
        }
        intro = QLabel(
            self.tr(
                "这里是同步时要人来处理的记录。冲突：同一条记录在本机和服务器上都被改过，"
                "请对照两边的内容，选择保留哪一个版本；未选中的版本不会丢失，它留在冲突记录和服务器上。"
                "已搁置：服务器发来的记录本机无法保存，其余记录已照常同步。"
                "服务器拒收：本机的记录服务器没有接收，记录留在本机，其余记录已照常同步；"
                "原因排除后可以重新发送。"
            ),
            self,
        )
        intro.setWordWrap(True)
        self.aside = QLabel(self)
        self.aside.setObjectName("asideReason")
        self.aside.setWordWrap(True)
        self.aside.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.aside.setStyleSheet("QLabel { background: #fdecea; padding: 6px; }")
        self.aside.hide()
        self.list = QListWidget(self)
        self.list.setObjectName("conflictList")
        # A long line (an English 'with no id (no. 2 in its page)') wraps; the tooltip
        # has it whole too.
        self.list.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("conflictFields")
        self.table.setHorizontalHeaderLabels(
            [self.tr("内容"), self.tr("本机版本"), self.tr("服务器版本")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.show_all = QCheckBox(self.tr("显示全部内容（默认只显示不同之处）"), self)
        self.keep_local = QPushButton(self.tr("保留本机版本"), self)
        self.keep_server = QPushButton(self.tr("采用服务器版本"), self)
        self.empty = QLabel(self)
        close = QPushButton(self.tr("关闭"), self)
        split = QSplitter(self)
        split.addWidget(self.list)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.aside)
        rl.addWidget(self.table, 1)
        rl.addWidget(self.show_all)
        split.addWidget(right)
        split.setSizes([300, 680])
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty, 1)
        buttons.addWidget(self.keep_local)
        buttons.addWidget(self.keep_server)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.show_all.toggled.connect(lambda _on: self._show(self.list.currentRow()))
        self.keep_local.clicked.connect(lambda: self.resolve("local"))
        self.keep_server.clicked.connect(lambda: self.resolve("server"))
        close.clicked.connect(self.accept)
        self.refresh()

    def refresh(self) -> None:
        self.conflicts = sync_view.conflicts(self.state.ctx)
        self.list.clear()
        for c in self.conflicts:
            what = self.entity_words.get(c["entity"]) or aside_words.kind(c["entity"], _setaside)
            name = c["local"].get("description") or c["local"].get("name") or c["entity_id"][:8]
            name = str(name)[:24]
            if _is_refused(c):
                what = self.tr("服务器拒收") + f" · {what}"
            elif _is_aside(c):
                what = self.tr("已搁置") + f" · {what}"
                shown = aside_words.shown_id(c["entity_id"], _setaside)
                name = name if shown == c["entity_id"][:80] else shown  # no id: its place
            when = datetime_text(c["detected_at"])
            item = QListWidgetItem(f"{what} · {name}\n{when}", self.list)
            item.setToolTip(item.text())
        has = bool(self.conflicts)
        self.keep_local.setEnabled(has)
        self.keep_server.setEnabled(has)
        self.empty.setText("" if has else self.tr("没有待处理的同步冲突。"))
        if has:
            self.list.setCurrentRow(0)
        else:
            self.table.setRowCount(0)
            self.aside.hide()

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        local, server = conflict["local"], conflict["server"]
        refusal = _is_refused(conflict)  # the server kept nothing: only sending it again
        self.keep_local.setText(self.tr("重新发送") if refusal else self.tr("保留本机版本"))
        self.keep_server.setVisible(not refusal)
        self.table.setColumnHidden(2, refusal)  # nothing of it on the server to compare
        self.aside.setVisible(_is_aside(conflict))
        if _is_aside(conflict):  # the English detail stays in the table below
            self.aside.setText(aside_text(conflict))
        keys = sorted(set(local) | set(server))
        differing = [k for k in keys if local.get(k) != server.get(k)]
        shown = keys if self.show_all.isChecked() else differing
        self.table.setRowCount(len(shown))
        for i, key in enumerate(shown):
            ctx = self.state.ctx
            cells = [label(key)]
            for value in (local.get(key), server.get(key)):
                if key == quarantine.CODE and isinstance(value, str) and value:
                    cells.append(aside_words.code_words(value, refusal, _setaside))
                else:
                    cells.append(value_text(ctx, key, value))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, key)
                if key in differing and not refusal:
                    item.setBackground(QBrush(DIFFERS))
                self.table.setItem(i, col, item)
        self.table.resizeRowsToContents()

    def resolve(self, keep: str) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        try:
            sync_view.resolve_conflict(
                self.state.ctx,
                self.conflicts[row]["id"],
                "local" if keep == "local" else "server",
                actor_id=self.state.actor_id,
            )
        except FieldcheckError as exc:
            show_error(self, exc)
        self.refresh()
        self.state.notify()
