# SPDX-License-Identifier: Apache-2.0
"""The main window: today's ledger and the sync state, always visible."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.loop import STATUS_LABELS_ZH, Status
from fieldcheck.core.models import LEVEL_ZH, Level
from fieldcheck.services import ledger
from fieldcheck.services.context import AppContext


class MainWindow(QMainWindow):
    """A first window over the services: counts and the hazard ledger."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(self.tr("fieldcheck 隐患排查"))
        self.resize(1100, 700)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.summary = QLabel(central)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 6, central)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("单位"),
                self.tr("隐患描述"),
                self.tr("等级"),
                self.tr("状态"),
                self.tr("整改期限"),
                self.tr("逾期"),
            ]
        )
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.sync_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.refresh()

    def refresh(self) -> None:
        c = ledger.counts(self.ctx)
        self.summary.setText(
            self.tr("单位 %1 家 · 检查 %2 次 · 隐患 %3 项 · 逾期 %4 项")
            .replace("%1", str(c["sites"]))
            .replace("%2", str(c["inspections"]))
            .replace("%3", str(c["findings"]))
            .replace("%4", str(c["overdue"]))
        )
        self.sync_label.setText(
            self.tr("未同步 %1 条").replace("%1", str(c["unsynced"]["changes"]))
        )
        entries = ledger.ledger(self.ctx, ledger.ledger_filter(limit=500))
        self.table.setRowCount(len(entries))
        for r, e in enumerate(entries):
            values = [
                e.site_name,
                e.description,
                LEVEL_ZH[Level(e.level)],
                STATUS_LABELS_ZH[Status(e.status)],
                e.deadline.isoformat() if e.deadline else "",
                self.tr("逾期") if e.overdue else "",
            ]
            for col, v in enumerate(values):
                self.table.setItem(r, col, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
