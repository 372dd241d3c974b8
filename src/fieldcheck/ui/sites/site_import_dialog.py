# SPDX-License-Identifier: Apache-2.0
"""从表格导入单位: the register's rows and every problem, shown before anything is written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.models import Site
from fieldcheck.services.sites import site_import
from fieldcheck.services.sites.site_import import ImportPreview
from fieldcheck.services.sites.site_register import ImportProblem
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sites.site_dialog import risk_label, uscc_feedback, value_label
from fieldcheck.ui.widgets.screen import fit_to_screen

# What is wrong, by the import service's problem code; %1 is the column or the other place.
REASONS: dict[str, str] = {
    "required": str(QT_TRANSLATE_NOOP("siteimport", "“%1”没有填写：每家单位都必须填写")),
    "uscc_number": str(
        QT_TRANSLATE_NOOP(
            "siteimport",
            "代码被存成了数字，只保留了 15 位：请把这一列设为“文本”格式，再重新填写代码",
        )
    ),
    "phone": str(
        QT_TRANSLATE_NOOP(
            "siteimport", "电话不正确：手机号为 11 位；座机要带区号，如 0371-65123456"
        )
    ),
    "risk_level": str(
        QT_TRANSLATE_NOOP("siteimport", "风险等级应为 低风险、一般风险、较大风险 或 重大风险")
    ),
    "duplicate_register": str(
        QT_TRANSLATE_NOOP(
            "siteimport", "这个代码已登记为“%1”（一企一档）：请打开已有的单位，不要重复导入"
        )
    ),
    "duplicate_file": str(QT_TRANSLATE_NOOP("siteimport", "与本表 %1 的代码重复（一企一档）")),
    "formula": str(
        QT_TRANSLATE_NOOP(
            "siteimport", "公式没有保存计算结果：请在 Excel 或 WPS 中打开、保存后再导入"
        )
    ),
    "invalid": str(QT_TRANSLATE_NOOP("siteimport", "内容不符合要求（可能过长），请改正")),
    "no_column": str(QT_TRANSLATE_NOOP("siteimport", "表头中没有“%1”这一列")),
    "merged_header": str(
        QT_TRANSLATE_NOOP(
            "siteimport",
            "%1 是合并单元格：被合并的列下面有内容，却没有自己的表头；请取消合并，给每一列写上表头",
        )
    ),
    "no_header": str(
        QT_TRANSLATE_NOOP("siteimport", "找不到表头：表中应有“单位名称”（或“企业名称”）一列")
    ),
    "empty": str(QT_TRANSLATE_NOOP("siteimport", "表头下面没有单位")),
    "file_type": str(
        QT_TRANSLATE_NOOP(
            "siteimport", "只能导入 .xlsx 或 .csv 文件；.xls 请在 Excel 或 WPS 中另存为 .xlsx"
        )
    ),
    "encoding": str(
        QT_TRANSLATE_NOOP(
            "siteimport", "文件不是 UTF-8 或 GBK 编码：请在 Excel 或 WPS 中另存为 CSV（UTF-8）"
        )
    ),
    "unreadable": str(
        QT_TRANSLATE_NOOP("siteimport", "文件打不开：不存在、已损坏，或不是 Excel 文件")
    ),
    "too_big": str(QT_TRANSLATE_NOOP("siteimport", "文件过大（超过 20 MB）")),
    "too_many_rows": str(
        QT_TRANSLATE_NOOP("siteimport", "行数过多（超过 20000 行）：请分成几个文件导入")
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("siteimport", text)


def reason_text(p: ImportProblem) -> str:
    """What is wrong with one cell (or the file), in the window's language."""
    if p.code == "uscc":
        return uscc_feedback(p.value)[1]
    text = _tr(REASONS.get(p.code, str(QT_TRANSLATE_NOOP("siteimport", "内容不符合要求"))))
    named = p.code.startswith("duplicate") or p.code == "merged_header"
    return text.replace("%1", p.other if named else p.column)


def where_text(p: ImportProblem) -> str:
    """工作表“名册” 第 4 行（C4）, or 第 4 行（C4） in a CSV, or the file."""
    if not p.row:
        return p.file
    cell = p.cell.split("!")[-1]
    row = QCoreApplication.translate("siteimport", "第 %1 行（%2）")
    row = row.replace("%1", str(p.row)).replace("%2", cell)
    if p.sheet:
        sheet = QCoreApplication.translate("siteimport", "工作表“%1”").replace("%1", p.sheet)
        return f"{sheet} {row}"
    return row


class SiteImportDialog(QDialog):
    """Preview of one file: problems first, then the sites; 导入 only when there are none."""

    def __init__(self, state: AppState, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.imported: list[Site] = []
        self.setWindowTitle(self.tr("从表格导入单位"))
        self.preview: ImportPreview = site_import.preview_import(
            state.ctx, path, jurisdiction=state.settings.jurisdiction
        )
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.problems = self._table(
            "importProblems", [self.tr("位置"), self.tr("列"), self.tr("内容"), self.tr("问题")]
        )
        self.rows = self._table(
            "importRows",
            [
                self.tr("行"),
                self.tr("单位名称"),
                self.tr("统一社会信用代码"),
                self.tr("地址"),
                self.tr("行业"),
                self.tr("场所类型"),
                self.tr("所属网格"),
                self.tr("联系人"),
                self.tr("联系电话"),
                self.tr("风险等级"),
            ],
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.rows, 2)
        layout.addWidget(buttons)
        self._fill()
        fit_to_screen(self, 1100, 700)

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        return table

    def _fill(self) -> None:
        p = self.preview
        n, bad = len(p.rows), len(p.problems)
        if bad:
            head = self.tr(
                "%1：有 %n 处问题，一家也没有导入。请在表格中改正下列单元格后重新导入。", "", bad
            ).replace("%1", p.file.name)
        else:
            head = self.tr(
                "%1：%n 家单位可以导入。请核对后点“导入”；导入要么全部成功，要么一家也不导入。",
                "",
                n,
            ).replace("%1", p.file.name)
        if p.ignored:
            head += "\n" + self.tr("不导入的列：%1").replace("%1", "、".join(p.ignored))
        self.summary.setText(head)
        self.problems.setVisible(bool(bad))
        self.problems.setRowCount(bad)
        for r, problem in enumerate(p.problems):
            cells = (where_text(problem), problem.column, problem.value, reason_text(problem))
            for c, text in enumerate(cells):
                self.problems.setItem(r, c, QTableWidgetItem(text))
        self.problems.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.problems.resizeColumnsToContents()
        self.problems.resizeRowsToContents()
        self.rows.setRowCount(n)
        for r, row in enumerate(p.rows):
            s = row.site
            values = (
                str(row.row) if not row.sheet else f"{row.sheet} {row.row}",
                s.name,
                s.uscc or "",
                s.address,
                value_label(s.industry) if s.industry else "",
                value_label(s.kind_of_place) if s.kind_of_place else "",
                s.jurisdiction,
                s.contact_name,
                s.contact_phone,
                risk_label(s.risk_level),
            )
            for c, text in enumerate(values):
                self.rows.setItem(r, c, QTableWidgetItem(text))
        self.rows.resizeColumnsToContents()
        self.rows.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.import_button.setText(self.tr("导入 %1 家").replace("%1", str(n)))
        self.import_button.setEnabled(p.ok)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.problems.resizeRowsToContents()  # wrapped reasons, now the widths are known

    def confirm(self) -> None:
        """Write every previewed site in one transaction; on any error nothing is written."""
        if not self.preview.ok:
            return
        try:
            self.imported = site_import.import_sites(
                self.state.ctx, self.preview, actor_id=self.state.actor_id
            )
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.state.notify()
        self.accept()
