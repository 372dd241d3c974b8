# SPDX-License-Identifier: Apache-2.0
"""Look up any criteria clause or checklist item from a search box, then cite it."""

from __future__ import annotations

import re
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

from fieldcheck.ui.shell import catalog
from fieldcheck.ui.widgets.screen import fit_to_screen

# Words that start or end a finding but say nothing about what to look up.
_NOISE = ("是否", "没有", "未按", "未", "无", "不", "：不符合要求", "不符合要求")
_SPLIT = re.compile(r"[，,。；;：:、（）()\s“”\"]+")


def key_terms(text: str, length: int = 4) -> str:
    """The first telling words of a description: 疏散通道被占用… -> 疏散通道."""
    for part in _SPLIT.split(text):
        for word in _NOISE:
            part = part.removeprefix(word)
        if len(part) >= 2:
            return part[:length]
    return ""


def search_start(item: Any, site: Any) -> tuple[str, list[str]]:
    """(query, sets to rank first) for looking up the clause of a checklist item at a site.

    An item linked to a clause starts from that clause; otherwise from the item's key
    terms. The sets that fit the site (its suggested checklists and the criteria they
    cite) rank first, so a machining shop sees 工贸 before 房屋市政.
    """
    prefer = catalog.preferred_sets(site.industry, site.kind_of_place) if site else []
    if item is None:
        return "", prefer
    links = [*getattr(item, "criteria", ()), *getattr(item, "law", ())]
    if links:
        return links[0].ref, [links[0].criteria_id, *prefer]
    return key_terms(getattr(item, "finding", "") or item.prompt), prefer


class ClauseSearchDialog(QDialog):
    """Type a few characters (粉尘, 氨, 有限空间); pick a clause; chosen holds its Entry."""

    def __init__(
        self, parent: QWidget | None = None, query: str = "", *, prefer: list[str] | None = None
    ) -> None:
        super().__init__(parent)
        self.prefer = list(prefer or [])
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
        for hit in catalog.search(self.query.text(), prefer=self.prefer):
            e = hit.entry
            mark = self.tr("【重大】") if e.major_hazard else ""
            title = catalog.entry_title(e)
            item = QListWidgetItem(f"{mark}{title}\n{e.text[:80]}", self.results)
            item.setData(Qt.ItemDataRole.UserRole, e)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            self.text.setText(self.tr("没有找到。换个关键字试试，一两个字也可以。"))

    def _show(self, item: QListWidgetItem | None, _prev: object = None) -> None:
        if item is None:
            return
        e = item.data(Qt.ItemDataRole.UserRole)
        title = catalog.entry_title(e)
        self.text.setText(f"<b>{title}</b><br>{e.text}<br><i>{e.detail}</i>")

    def _accept(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.chosen = item.data(Qt.ItemDataRole.UserRole)
            self.accept()
