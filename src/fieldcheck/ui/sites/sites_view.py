# SPDX-License-Identifier: Apache-2.0
"""单位: search the site register, add and edit sites, see each site's history."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.models import Site
from fieldcheck.services.sites import site_merge, sites
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sites.site_dialog import SiteDialog, value_label
from fieldcheck.ui.sites.site_record import SiteRecord

SEARCH_LIMIT = 500


class SitesView(QWidget):
    """Search box and results on the left, the selected site's record on the right."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.results: list[Site] = []
        self.search = QLineEdit(self)
        self.search.setObjectName("siteSearch")
        self.search.setPlaceholderText(self.tr("搜索单位名称、地址或统一社会信用代码（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton(self.tr("新增单位（Ctrl+N）"), self)
        self.import_button = QPushButton(self.tr("从表格导入…"), self)
        self.import_button.setToolTip(self.tr("从 Excel（.xlsx）或 CSV 名册导入单位，导入前先预览"))
        self.edit_button = QPushButton(self.tr("编辑"), self)
        self.inspect_button = QPushButton(self.tr("开始检查"), self)
        self.merge_button = QPushButton(self.tr("合并重复单位…"), self)
        self.merge_button.setObjectName("mergeSites")
        self.merge_button.setToolTip(
            self.tr("同一个统一社会信用代码登记了两次时，把重复的一条并入这一条")
        )
        self.twins: list[tuple[str, str, str]] = []
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("单位名称"), self.tr("地址"), self.tr("行业"), self.tr("场所类型")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel(self)
        self.record = SiteRecord(state, self)
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.search)
        ll.addWidget(self.table, 1)
        ll.addWidget(self.count)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        for b in (
            self.add_button,
            self.import_button,
            self.edit_button,
            self.inspect_button,
            self.merge_button,
        ):
            buttons.addWidget(b)
        rl.addLayout(buttons)
        rl.addWidget(self.record, 1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 520])
        QVBoxLayout(self).addWidget(splitter)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.edit())
        self.add_button.clicked.connect(self.add)
        self.import_button.clicked.connect(self.choose_import_file)
        self.edit_button.clicked.connect(self.edit)
        self.inspect_button.clicked.connect(self._inspect)
        self.merge_button.clicked.connect(self.merge)
        self.shortcuts = [
            QShortcut(QKeySequence("Ctrl+N"), self),
            QShortcut(QKeySequence("Ctrl+F"), self),
        ]
        self.shortcuts[0].activated.connect(self.add)
        self.shortcuts[1].activated.connect(self.search.setFocus)
        self.refresh()

    def refresh(self) -> None:
        keep = self.selected()
        self.results = sites.search_sites(
            self.state.ctx, self.search.text().strip(), limit=SEARCH_LIMIT
        )
        self.table.setRowCount(len(self.results))
        for row, s in enumerate(self.results):
            shown = (s.name, s.address, value_label(s.industry), value_label(s.kind_of_place))
            for col, value in enumerate(shown):
                item = QTableWidgetItem(value)
                item.setToolTip(value)  # the address may be cut: its tooltip has it whole
                self.table.setItem(row, col, item)
        # 单位名称, 行业 and 场所类型 whole ('Small public venue', 'Construction site' in
        # English were cut to 'Small public…'); the address takes what is left.
        for col in (0, 2, 3):
            self.table.resizeColumnToContents(col)
        self.count.setText(self.tr("共 %n 家", "", len(self.results)))
        rows = [r for r, s in enumerate(self.results) if keep is not None and s.id == keep.id]
        # The pane follows the rows, not the selection signal: a search that leaves a
        # different site on an already selected row index emits no selection change.
        with QSignalBlocker(self.table):
            if rows:
                self.table.selectRow(rows[0])
            elif self.results:
                self.table.selectRow(0)
            else:
                self.table.clearSelection()
        self._show_selected()

    def selected(self) -> Site | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.results):
            return None
        return self.results[rows[0].row()]

    def select_site(self, site_id: str) -> None:
        """Select a site in the results, searching it out if it is not listed."""
        for row, s in enumerate(self.results):
            if s.id == site_id:
                with QSignalBlocker(self.table):
                    self.table.selectRow(row)
                self._show_selected()
                return
        site = sites.get_site(self.state.ctx, site_id)
        self.search.setText(site.name)  # the debounced search will list it
        self.results = [site]
        self.table.setRowCount(0)
        self.refresh()

    def _show_selected(self) -> None:
        site = self.selected()
        self.edit_button.setEnabled(site is not None)
        self.inspect_button.setEnabled(site is not None)
        self.twins = [] if site is None else site_merge.duplicates(self.state.ctx, site.id)
        self.merge_button.setVisible(bool(self.twins))  # only when the code is registered twice
        self.record.show_site(site)

    def add(self) -> None:
        self._open_dialog(None)

    def choose_import_file(self) -> None:
        """Pick a register spreadsheet; its preview opens before anything is written."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择单位名册"),
            "",
            self.tr("表格（*.xlsx *.csv）"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        from fieldcheck.ui.sites.site_import_dialog import SiteImportDialog

        self.import_dialog = SiteImportDialog(self.state, path, self)
        self.import_dialog.accepted.connect(self._imported)
        self.import_dialog.open()

    def _imported(self) -> None:
        done = self.import_dialog.imported
        self.search.clear()
        self.refresh()
        if done:
            self.select_site(done[0].id)

    def edit(self) -> None:
        site = self.selected()
        if site is not None:
            self._open_dialog(site)

    def _open_dialog(self, site: Site | None) -> None:
        self.dialog = SiteDialog(self.state, self, site)
        self.dialog.accepted.connect(self._saved)
        self.dialog.open()

    def _saved(self) -> None:
        saved = self.dialog.saved
        if saved is None:
            return
        if not any(s.id == saved.id for s in self.results):
            self.search.clear()
        self.refresh()
        self.select_site(saved.id)

    def merge(self) -> None:
        """合并重复单位: a duplicate with the same code joins the selected site."""
        site = self.selected()
        if site is None or not self.twins:
            return
        from fieldcheck.ui.sites.merge_dialog import MergeDialog

        self.merge_dialog = MergeDialog(self.state, site, self.twins, self)
        self.merge_dialog.accepted.connect(lambda: self._merged(site.id))
        self.merge_dialog.open()

    def _merged(self, site_id: str) -> None:
        self.refresh()  # the merged site leaves the list
        self.select_site(site_id)

    def _inspect(self) -> None:
        site = self.selected()
        if site is not None:
            self.state.start_inspection.emit(site.id)
