# SPDX-License-Identifier: Apache-2.0
"""A short list of hazards (today, a site's history, the expert queue); Enter opens one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from fieldcheck.services.findings.ledger import LedgerEntry
from fieldcheck.ui.shell.labels import (
    OVERDUE_COLOR,
    date_text,
    level_color,
    level_short,
    level_words,
    status_label,
    status_short,
)

SITE_WIDTH = 130  # px: a site's name beyond this is elided; its tooltip has it whole


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
        header.setStretchLastSection(False)
        self.cellDoubleClicked.connect(lambda row, _c: self._activate(row))

    def set_entries(self, entries: Sequence[LedgerEntry]) -> None:
        self.entries = list(entries)
        self.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            level = level_short(e.level, e.major_status)
            status = status_short(e.status)
            long_status = status_label(e.status)
            if e.overdue:
                status = self.tr("%1·逾期").replace("%1", status)
                long_status = self.tr("%1 · 逾期").replace("%1", long_status)
            long_level = level_words(e.level, e.major_status)[-1]  # what the expert said
            values = [e.site_name, e.description, level, status, date_text(e.deadline)]
            tips = [e.site_name, e.description, long_level, long_status, date_text(e.deadline)]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(tips[col])
                if e.overdue and col in (3, 4):
                    item.setForeground(QBrush(OVERDUE_COLOR))
                color = level_color(e.level, e.major_status) if col == 2 else None
                if color is not None:
                    item.setForeground(QBrush(color))
                self.setItem(row, col, item)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Level, status and deadline as wide as their text; the description takes the rest."""
        header = self.horizontalHeader()
        for col in (2, 3, 4):
            self.resizeColumnToContents(col)
        if self.show_site:
            self.resizeColumnToContents(0)
            header.resizeSection(0, min(header.sectionSize(0), SITE_WIDTH))

    def _activate(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            self.activated_finding.emit(self.entries[row].id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate(self.currentRow())
            return
        super().keyPressEvent(event)
