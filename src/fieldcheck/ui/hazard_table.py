# SPDX-License-Identifier: Apache-2.0
"""A short list of hazards (today, a site's history, the expert queue); Enter opens one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from fieldcheck.services.ledger import LedgerEntry
from fieldcheck.ui.labels import date_text, level_label, major_short, status_label

OVERDUE_COLOR = QColor("#b3261e")
MAJOR_COLOR = QColor("#8a4b00")


class HazardTable(QTableWidget):
    """Hazards with site, description, level, status and deadline; activated(id) on open."""

    activated_finding = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, show_site: bool = True) -> None:
        super().__init__(0, 5, parent)
        self.show_site = show_site
        self.entries: list[LedgerEntry] = []
        self.setHorizontalHeaderLabels(
            [
                self.tr("单位"),
                self.tr("隐患描述"),
                self.tr("等级"),
                self.tr("状态"),
                self.tr("整改期限"),
            ]
        )
        self.setColumnHidden(0, not show_site)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move on
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 150), (2, 90), (3, 110), (4, 96)):
            header.resizeSection(col, width)
        self.cellDoubleClicked.connect(lambda row, _c: self._activate(row))

    def set_entries(self, entries: Sequence[LedgerEntry]) -> None:
        self.entries = list(entries)
        self.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            level = major_short(e.major_status) if e.major_status else level_label(e.level)
            status = status_label(e.status)
            if e.overdue:
                status = self.tr("%1 · 逾期").replace("%1", status)
            values = [e.site_name, e.description, level, status, date_text(e.deadline)]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if e.overdue and col in (3, 4):
                    item.setForeground(QBrush(OVERDUE_COLOR))
                if e.level == "major" and col == 2:
                    item.setForeground(QBrush(MAJOR_COLOR))
                self.setItem(row, col, item)

    def _activate(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            self.activated_finding.emit(self.entries[row].id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate(self.currentRow())
            return
        super().keyPressEvent(event)
