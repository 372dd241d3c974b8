# SPDX-License-Identifier: Apache-2.0
"""Look up any criteria clause or checklist item from a search box, then cite it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.ui import catalog
from fieldcheck.ui.screen import fit_to_screen


class ClauseSearchDialog(QDialog):
    """Type a few characters (粉尘, 氨, 有限空间); pick a clause; chosen holds its Entry."""

    def __init__(self, parent: QWidget | None = None, query: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("查找条款"))
        fit_to_screen(self, 720, 520)
        self.chosen: Any = None
        self.query = QLineEdit(self)
        self.query.setObjectName("clauseQuery")
        self.query.setPlaceholderText(self.tr("输入关键字，如 粉尘、有限空间、消防通道"))
        self.results = QListWidget(self)
        self.results.setWordWrap(True)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("引用此条"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 2)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._debounce.start())
        self.results.currentItemChanged.connect(self._show)
        self.results.itemActivated.connect(lambda _i: self._accept())
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.query.setText(query)
        self.run_search()

    def run_search(self) -> None:
        self.results.clear()
        for hit in catalog.search(self.query.text()):
            e = hit.entry
            mark = self.tr("【重大】") if e.major_hazard else ""
            item = QListWidgetItem(f"{mark}{e.set_title} {e.ref}\n{e.text[:80]}", self.results)
            item.setData(Qt.ItemDataRole.UserRole, e)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            self.text.setText(self.tr("没有找到。换个关键字试试，一两个字也可以。"))

    def _show(self, item: QListWidgetItem | None, _prev: object = None) -> None:
        if item is None:
            return
        e = item.data(Qt.ItemDataRole.UserRole)
        self.text.setText(f"<b>{e.set_title} {e.ref}</b><br>{e.text}<br><i>{e.detail}</i>")

    def _accept(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.chosen = item.data(Qt.ItemDataRole.UserRole)
            self.accept()
