# SPDX-License-Identifier: Apache-2.0
"""文书: issued documents (number, kind, site, date, voided), per site or inspection; open one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.services.documents import notices
from fieldcheck.services.sites import site_merge
from fieldcheck.ui.shell.labels import datetime_text, notice_kind_label
from fieldcheck.ui.shell.state import AppState

VOIDED = QColor("#8a8f98")


class NoticeTable(QTableWidget):
    """One row per document; `opened` gives the notice id on Enter or double-click."""

    opened = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, show_site: bool = True) -> None:
        super().__init__(0, 5, parent)
        self.show_site = show_site
        self.setObjectName("noticeTable")
        self.setHorizontalHeaderLabels(
            [
                self.tr("文书编号"),
                self.tr("种类"),
                self.tr("单位"),
                self.tr("日期"),
                self.tr("状态"),
            ]
        )
        self.setColumnHidden(2, not show_site)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 260)
        header.setStretchLastSection(True)  # the void reason gets what is left
        self.cellDoubleClicked.connect(lambda _r, _c: self._open())
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        """rows: NoticeListing, newest first."""
        self.rows = rows
        self.setRowCount(len(rows))
        for i, n in enumerate(rows):
            status = (
                self.tr("已作废：%1").replace("%1", n.void_reason) if n.voided else self.tr("有效")
            )
            cells = [
                n.number,
                notice_kind_label(n.kind),
                n.site_name,
                datetime_text(n.issued_at),
                status,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, n.id)
                if n.voided:
                    item.setForeground(QBrush(VOIDED))
                    font = item.font()
                    font.setStrikeOut(col == 0)
                    item.setFont(font)
                self.setItem(i, col, item)

    def current_id(self) -> str | None:
        row = self.currentRow()
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def _open(self) -> None:
        nid = self.current_id()
        if nid:
            self.opened.emit(nid)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open()
            return
        super().keyPressEvent(event)


def open_document(state: AppState, notice_id: str, parent: QWidget | None) -> Any:
    """Show one notice's preview dialog (rendered in the background)."""
    from fieldcheck.ui.documents.document_dialog import DocumentDialog

    dialog = DocumentDialog(state, notice_id, parent)
    dialog.open()
    return dialog


class NoticesView(QWidget):
    """Every document on this device, filtered by site and number or name."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.site = QComboBox(self)
        self.site.setObjectName("noticeSite")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("按编号或单位名称筛选"))
        self.search.setClearButtonEnabled(True)
        self.open_button = QPushButton(self.tr("查看 / 打印…"), self)
        self.table = NoticeTable(self)
        self.count = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("单位"), self))
        top.addWidget(self.site, 1)
        top.addWidget(self.search, 2)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.all: list[Any] = []
        self.kept: dict[str, tuple[str, str]] = {}
        self.dialog: Any = None
        self.site.currentIndexChanged.connect(lambda _i: self._filter())
        self.search.textChanged.connect(lambda _t: self._filter())
        self.open_button.clicked.connect(self.open_current)
        self.table.opened.connect(self.open_notice)
        self.refresh()

    def refresh(self) -> None:
        self.all = notices.list_notices(self.state.ctx)
        # A merged site's documents list under the site it was merged into.
        self.kept = site_merge.kept_sites(self.state.ctx, {n.site_id for n in self.all})
        chosen = self.site.currentData()
        self.site.blockSignals(True)
        self.site.clear()
        self.site.addItem(self.tr("全部单位"), None)
        for site_id, name in sorted(set(self.kept.values()), key=lambda t: t[1]):
            self.site.addItem(name, site_id)
        self.site.setCurrentIndex(max(0, self.site.findData(chosen)))
        self.site.blockSignals(False)
        self._filter()

    def show_site(self, site_id: str) -> None:
        """Only this site's documents."""
        self.site.setCurrentIndex(max(0, self.site.findData(site_id)))

    def _filter(self) -> None:
        site_id = self.site.currentData()
        text = self.search.text().strip()
        rows = [
            n
            for n in self.all
            if (site_id is None or self.kept[n.site_id][0] == site_id)
            and (not text or text in n.number or text in n.site_name)
        ]
        self.table.set_rows(rows)
        voided = sum(1 for n in rows if n.voided)
        self.count.setText(
            self.tr("共 %n 份文书（其中作废 %1 份）", "", len(rows)).replace("%1", str(voided))
        )
        self.open_button.setEnabled(bool(rows))
        if rows:
            self.table.setCurrentCell(0, 0)

    def open_current(self) -> None:
        nid = self.table.current_id()
        if nid:
            self.open_notice(nid)

    def open_notice(self, notice_id: str) -> None:
        self.dialog = open_document(self.state, notice_id, self)
