# SPDX-License-Identifier: Apache-2.0
"""标记疑似重大事故隐患: pick the criteria clause, read it word for word, send it to an expert."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.checklists.models import CriteriaSet, SetStatus
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.models import Finding
from fieldcheck.services.inspections import clauses
from fieldcheck.services.major import workflow
from fieldcheck.ui.shell import catalog
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.screen import fit_to_screen


def major_sets() -> list[CriteriaSet]:
    """Criteria sets in force (or on trial) that state major-hazard situations."""
    return [
        cs
        for cs in catalog.library().criteria_sets()
        if cs.kind == "criteria"
        and cs.status is not SetStatus.SUPERSEDED
        and any(c.major_hazard for c in cs.clauses)
    ]


class FlagMajorDialog(QDialog):
    """A finding already recorded becomes a suspected major hazard under one clause."""

    def __init__(self, state: AppState, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.finding = finding
        self.result_finding: Finding | None = None
        self.setWindowTitle(self.tr("标记为疑似重大事故隐患"))
        fit_to_screen(self, 900, 600)
        self.sets = major_sets()
        self.set_box = QComboBox(self)
        for cs in self.sets:
            self.set_box.addItem(cs.cite_title, cs.id)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("筛选条款，如 粉尘、有限空间、液氨"))
        self.filter.setClearButtonEnabled(True)
        self.clause_list = QListWidget(self)
        self.clause_list.setObjectName("majorClauses")
        self.clause_text = QLabel(self)
        self.clause_text.setObjectName("clauseText")
        self.clause_text.setWordWrap(True)
        self.clause_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.clause_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QPlainTextEdit(self)
        self.note.setFixedHeight(60)
        self.note.setPlaceholderText(self.tr("补充说明（可不填），如 现场实测粉尘浓度"))
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        split = QSplitter(self)
        split.addWidget(self.clause_list)
        split.addWidget(self.clause_text)
        split.setSizes([360, 520])
        form = QFormLayout()
        form.addRow(self.tr("隐患"), QLabel(finding.description[:80], self))
        form.addRow(self.tr("判定标准"), self.set_box)
        form.addRow(self.tr("条款"), self.filter)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("标记并提交专家确认"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(QLabel(self.tr("说明"), self))
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.set_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.filter.textChanged.connect(lambda _t: self._fill())
        self.clause_list.currentItemChanged.connect(self._show)
        self.clause_list.itemDoubleClicked.connect(lambda _i: self.submit())
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        if not self.sets:
            self.error.setText(self.tr("条款库尚未安装，无法选择判定条款。"))
            self.ok_button.setEnabled(False)
            return
        start = self.set_box.findData(finding.basis.criteria_id)
        self.set_box.setCurrentIndex(max(0, start))
        self._fill()
        self.select(finding.basis.clause_ref or "")

    def _fill(self) -> None:
        self.clause_list.clear()
        if not self.sets:
            return
        cs = self.sets[self.set_box.currentIndex()]
        text = self.filter.text().strip()
        for c in cs.clauses:
            if not c.major_hazard or (text and text not in c.text and text not in c.ref):
                continue
            item = QListWidgetItem(f"{c.ref}  {c.text[:36]}", self.clause_list)
            item.setData(Qt.ItemDataRole.UserRole, c.ref)
        if self.clause_list.count():
            self.clause_list.setCurrentRow(0)
        else:
            self.clause_text.setText(self.tr("没有符合筛选的条款。"))

    def select(self, ref: str) -> None:
        """Select the clause ref when it is listed."""
        for i in range(self.clause_list.count()):
            if self.clause_list.item(i).data(Qt.ItemDataRole.UserRole) == ref:
                self.clause_list.setCurrentRow(i)
                return

    def chosen(self) -> tuple[str, str] | None:
        item = self.clause_list.currentItem()
        if item is None or not self.sets:
            return None
        return str(self.set_box.currentData()), str(item.data(Qt.ItemDataRole.UserRole))

    def _show(self, item: QListWidgetItem | None, _prev: object = None) -> None:
        picked = self.chosen() if item is not None else None
        if picked is None:
            return
        c = clauses.find_clause(*picked)
        parts = [f"<b>{c.citation()}</b>", f"<small>{c.document_number}</small>"]
        if c.lead:
            parts.append(c.lead)
        parts.append(c.text)
        if c.truncated:
            parts.append(self.tr("<i>（我们的原文来源在此条中断，条文不完整，请核对正式文本）</i>"))
        if c.status != "in_force":
            parts.append(self.tr("<i>（该标准状态：%1）</i>").replace("%1", c.status))
        self.clause_text.setText("<br>".join(parts))

    def submit(self) -> None:
        picked = self.chosen()
        if picked is None:
            self.error.setText(self.tr("请选择一条判定条款"))
            return
        try:
            self.result_finding = workflow.flag_major(
                self.state.ctx,
                self.finding.id,
                actor_id=self.state.actor_id,
                criteria_id=picked[0],
                clause_ref=picked[1],
                note=self.note.toPlainText().strip(),
            )
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.state.notify()
        self.accept()
