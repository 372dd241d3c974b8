# SPDX-License-Identifier: Apache-2.0
"""隐患台账: every hazard, filtered by status, level, deadline and text; opens lazily."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.loop import Status
from fieldcheck.core.terms import Level, MajorStatus
from fieldcheck.services.findings import ledger
from fieldcheck.ui.findings.ledger_model import (
    LEVEL_CASES,
    STATUS_CASES,
    LedgerModel,
    level_text,
    status_text,
)
from fieldcheck.ui.shell.labels import (
    date_text,
    datetime_text,
    level_label,
    major_label,
    status_label,
)
from fieldcheck.ui.shell.ops import run_op
from fieldcheck.ui.shell.state import AppState


class LedgerTable(QTableView):
    """The table; Enter opens the current hazard like a double click does."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.doubleClicked.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


# Options without a widget of their own (from a click on the dashboard).
EXTRA = ("site_id", "found_from", "found_to")
SUSPECTED = "suspected"  # the level list's 疑似重大，待专家确认


def level_options(chosen: str | None) -> dict[str, Any]:
    """The level list's choice as ledger_filter options: 重大隐患 is the confirmed major
    hazards, 疑似重大，待专家确认 the major ones no expert has ruled on yet."""
    if chosen == SUSPECTED:
        return {"level": Level.MAJOR.value, "suspected_major": True}
    if chosen == Level.MAJOR.value:
        return {"level": chosen, "suspected_major": False}
    return {"level": chosen}


HEADER_PADDING = 24  # a header's margins and its sort arrow
CELL_PADDING = 12  # a cell's margins and grid line (Qt takes 7 px), a few px to spare


class LedgerView(QWidget):
    """Filters above, the lazy table below, and the count of matching hazards."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.text = QLineEdit(self)
        self.text.setObjectName("ledgerSearch")
        self.text.setPlaceholderText(self.tr("搜索隐患描述、部位、单位或条款"))
        self.text.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("全部状态"), None)
        for s in Status:
            self.status.addItem(status_label(s), s.value)
        self.level = QComboBox(self)
        self.level.addItem(self.tr("全部等级"), None)
        for lv in Level:  # 重大隐患: an expert confirmed it
            self.level.addItem(level_label(lv), lv.value)
        self.level.addItem(major_label(MajorStatus.SUSPECTED), SUSPECTED)
        self.overdue = QCheckBox(self.tr("仅逾期"), self)
        self.due_week = QCheckBox(self.tr("本周到期"), self)
        self.my_grid = QCheckBox(self.tr("仅我的网格"), self)
        self.my_grid.setEnabled(bool(state.settings.jurisdiction))
        self.export_button = QPushButton(self.tr("导出 Excel"), self)
        self.export_button.setToolTip(self.tr("把当前台账导出为 Excel 文件"))
        bar = QHBoxLayout()
        bar.addWidget(self.text, 2)
        for w in (
            self.status,
            self.level,
            self.overdue,
            self.due_week,
            self.my_grid,
            self.export_button,
        ):
            bar.addWidget(w)
        self.model = LedgerModel(state.ctx, self)
        self.table = LedgerTable(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights and column widths: the view never measures 100,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        # The description takes what is left, so 整改期限 stays in view at 1366 px. 依据条款
        # (its tooltip has the clause whole) gave 80 px to 等级's longest words, and 20 more
        # to the description: with only the bundled font (wider Latin letters, so wider
        # measured columns) it had 233 px in English, under the 250 the system font gives.
        for col, width in enumerate((130, 0, 80, 0, 0, 100, 0, 0)):
            if width:
                header.resizeSection(col, width)
        # 等级, 状态, 发现时间 and 整改期限 as wide as their longest text in this language and
        # font (every level and status a hazard can have; a 30 December at 23:59), measured
        # once rather than over the rows.
        longest = datetime(2026, 12, 30, 23, 59).astimezone()
        levels = [level_text(lv, ms) for lv, ms in LEVEL_CASES]
        statuses = [status_text(s, overdue) for s, overdue in STATUS_CASES]
        dates = [datetime_text(longest)], [date_text(longest.date())]
        for col, texts in ((3, levels), (4, statuses), (6, dates[0]), (7, dates[1])):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            wide = max(
                *(self.table.fontMetrics().horizontalAdvance(t) + CELL_PADDING for t in texts),
                header.fontMetrics().horizontalAdvance(title) + HEADER_PADDING,
            )
            header.resizeSection(col, wide)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.count = QLabel(self)
        self.count.setObjectName("ledgerCount")
        # Narrowing that came from a click on the dashboard (a site, a week); one click clears it.
        self.extra: dict[str, Any] = {}
        self.extra_label = QLabel(self)
        self.clear_extra = QPushButton(self.tr("显示全部"), self)
        self.clear_extra.clicked.connect(lambda: self.apply_options({}))
        extra_row = QHBoxLayout()
        extra_row.addWidget(self.extra_label, 1)
        extra_row.addWidget(self.clear_extra)
        self.extra_box = QWidget(self)
        self.extra_box.setLayout(extra_row)
        self.extra_box.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.extra_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.refresh)
        self.text.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.status, self.level):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for box in (self.overdue, self.due_week, self.my_grid):
            box.toggled.connect(lambda _on: self.refresh())
        self.table.doubleClicked.connect(self._open)
        self.export_button.clicked.connect(self.export)
        self.model.rowsInserted.connect(lambda *_a: self._show_count())
        self.refresh()

    def options(self) -> dict[str, Any]:
        """The filter as ledger_filter keyword arguments."""
        return {
            "text": self.text.text(),
            "status": self.status.currentData(),
            **level_options(self.level.currentData()),
            "overdue": self.overdue.isChecked(),
            "due_within_days": 7 if self.due_week.isChecked() else None,
            "jurisdiction": self.state.settings.jurisdiction if self.my_grid.isChecked() else None,
            **self.extra,
        }

    def apply_options(self, options: dict[str, Any]) -> None:
        """Set the filter widgets from options (from the Today tiles), then refresh once."""
        widgets = (self.text, self.status, self.level, self.overdue, self.due_week, self.my_grid)
        for w in widgets:
            w.blockSignals(True)
        self.text.setText(str(options.get("text", "")))
        self.status.setCurrentIndex(max(0, self.status.findData(options.get("status"))))
        level = SUSPECTED if options.get("suspected_major") else options.get("level")
        self.level.setCurrentIndex(max(0, self.level.findData(level)))
        self.overdue.setChecked(bool(options.get("overdue")))
        self.due_week.setChecked(options.get("due_within_days") is not None)
        self.my_grid.setChecked(bool(options.get("jurisdiction")))
        for w in widgets:
            w.blockSignals(False)
        self.extra = {k: options[k] for k in EXTRA if options.get(k) is not None}
        self.extra_label.setText(str(options.get("why", "")))
        self.extra_box.setVisible(bool(self.extra))
        self.refresh()

    def refresh(self) -> None:
        f = ledger.ledger_filter(**self.options())
        self.model.set_filter(f)
        self._show_count()
        ctx = self.state.ctx
        # The exact total scans every matching row: count it off the UI thread.
        self.count_op = run_op(
            self, lambda _p: ledger.ledger_size(ctx, f), success=lambda n: self._counted(f, n)
        )

    def _counted(self, f: ledger.LedgerFilter, total: int) -> None:
        self.model.set_total(f, total)
        self._show_count()

    def _show_count(self) -> None:
        loaded = self.model.rowCount()
        total = self.model.total
        if total is None:
            text = self.tr("已载入 %1 项，正在统计总数…").replace("%1", str(loaded))
        elif loaded < total:
            text = self.tr("共 %n 项隐患（已载入 %1 项，向下滚动载入更多）", "", total).replace(
                "%1", str(loaded)
            )
        else:
            text = self.tr("共 %n 项隐患", "", total)
        self.count.setText(text)

    def export(self) -> None:
        """Write the whole 隐患台账 to an .xlsx file chosen by the person, in the background."""
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("导出隐患台账"), self.tr("隐患台账.xlsx"), self.tr("Excel 文件 (*.xlsx)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        from fieldcheck.services.findings import export

        ctx = self.state.ctx
        self.export_button.setEnabled(False)
        self.export_op = run_op(
            self,
            lambda _p: export.export_ledger(ctx, path),
            success=lambda n: self._exported(path, n),
            failure=self._export_failed,
        )

    def _exported(self, path: str, rows: int) -> None:
        self.export_button.setEnabled(True)
        self.count.setText(self.tr("已导出 %n 行到 %1", "", rows).replace("%1", path))

    def _export_failed(self, exc: BaseException) -> None:
        from fieldcheck.ui.shell.messages import show_error

        self.export_button.setEnabled(True)
        show_error(self, exc)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.state.open_finding.emit(self.model.entry(index.row()).id)
