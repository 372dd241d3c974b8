# SPDX-License-Identifier: Apache-2.0
"""The finding editor's fields: facts, basis, level, measures, deadline and the 五落实."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core import clock
from fieldcheck.core.models import Basis, Site
from fieldcheck.ui.inspections.clause_search import ClauseSearchDialog, key_terms, search_start
from fieldcheck.ui.shell import catalog


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class FindingForm(QWidget):
    """The fields; ``site_of`` names the site the finding is about, for ranking clauses."""

    def __init__(self, site_of: Callable[[], Site | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site_of = site_of
        self.criteria_id: str | None = None
        self.item_ref: tuple[str | None, str | None] = (None, None)  # checklist, item
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("description")
        self.description.setFixedHeight(80)
        self.place = QLineEdit(self)
        self.clause = QLineEdit(self)
        self.clause.setPlaceholderText(self.tr("如 第十一条第（一）项"))
        self.lookup = QPushButton(self.tr("查找条款…（F4）"), self)
        self.lookup.setShortcut("F4")
        self.legal_basis = QLineEdit(self)
        self.legal_basis.setPlaceholderText(self.tr("如 《中华人民共和国安全生产法》第四十一条"))
        self.suspected = QCheckBox(self.tr("疑似重大事故隐患（需专家确认）"), self)
        self.measures = QPlainTextEdit(self)
        self.measures.setFixedHeight(60)
        self.has_deadline = QCheckBox(self.tr("设定整改期限"), self)
        self.deadline = QDateEdit(self)
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline.setMinimumDate(qdate(clock.today() + timedelta(days=1)))  # never today
        self.deadline.setDate(qdate(clock.today() + timedelta(days=7)))
        self.plan = QGroupBox(
            self.tr("五落实（重大隐患治理方案：责任、措施、资金、时限、预案）"), self
        )
        self.plan.setObjectName("fivePlan")
        self.responsible = QLineEdit(self.plan)
        self.responsible.setObjectName("planResponsible")
        self.responsible.setPlaceholderText(self.tr("如 赵强（厂长）"))
        self.funds = QLineEdit(self.plan)
        self.funds.setObjectName("planFunds")
        self.funds.setPlaceholderText(self.tr("如 2万元"))
        self.safety_plan = QPlainTextEdit(self.plan)
        self.safety_plan.setObjectName("planSafety")
        self.safety_plan.setFixedHeight(48)
        plan_form = QFormLayout(self.plan)
        plan_form.addRow(self.tr("责任人"), self.responsible)
        plan_form.addRow(self.tr("整改资金"), self.funds)
        plan_form.addRow(self.tr("安全措施和应急预案"), self.safety_plan)
        plan_form.addRow(QLabel(self.tr("整改措施与整改时限见上方两栏。"), self.plan))
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("已被文书或签名确认：修改事实需写明更正原因"))
        clause_row = QHBoxLayout()
        clause_row.addWidget(self.clause, 1)
        clause_row.addWidget(self.lookup)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.has_deadline)
        deadline_row.addWidget(self.deadline, 1)
        form = QFormLayout()
        form.addRow(self.tr("隐患描述 *"), self.description)
        form.addRow(self.tr("部位"), self.place)
        form.addRow(self.tr("判定条款"), clause_row)
        form.addRow(self.tr("法律依据"), self.legal_basis)
        form.addRow(self.tr("等级"), self.suspected)
        form.addRow(self.tr("整改措施"), self.measures)
        form.addRow(self.tr("整改期限"), deadline_row)
        form.addRow(self.plan)
        form.addRow(self.tr("更正原因"), self.reason)
        form.setRowVisible(self.reason, False)
        self.rows = form
        self.criteria_notice = QLabel(self)  # criteria not bundled, or possibly succeeded
        self.criteria_notice.setObjectName("criteriaNotice")
        self.criteria_notice.setWordWrap(True)
        self.criteria_notice.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.criteria_notice)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.suspected.toggled.connect(lambda on: self.rows.setRowVisible(self.plan, on))
        self.lookup.clicked.connect(self.find_clause)

    def prefill(self, data: dict[str, Any]) -> None:
        self.description.setPlainText(data.get("description", ""))
        self.place.setText(data.get("place", ""))
        self.clause.setText(data.get("clause_ref", "") or "")
        self.criteria_id = data.get("criteria_id")
        self.item_ref = (data.get("checklist_id"), data.get("item_id"))
        self.legal_basis.setText(data.get("legal_basis", "") or "")
        self.suspected.setChecked(bool(data.get("suspected_major")))
        self.rows.setRowVisible(self.plan, self.suspected.isChecked())
        self.responsible.setText(data.get("responsible", ""))
        self.funds.setText(data.get("funds", ""))
        self.safety_plan.setPlainText(data.get("safety_plan", ""))
        self.measures.setPlainText(data.get("measures", ""))
        deadline = data.get("deadline")
        self.has_deadline.setChecked(deadline is not None)
        self.deadline.setEnabled(deadline is not None)
        if deadline is not None:
            self.deadline.setDate(qdate(deadline))
        self.show_notices()

    def show_notices(self) -> None:
        """Say so when the criteria behind this finding are not bundled or may be outdated."""
        cited = self.criteria_id if self.clause.text().strip() else None
        checklist_id, item_id = self.item_ref
        found = catalog.notices(criteria_id=cited, checklist_id=checklist_id, item_id=item_id)
        self.criteria_notice.setText("\n".join(found))
        self.criteria_notice.setVisible(bool(found))

    def ask_reason(self, frozen: bool) -> None:
        """A finding a notice or signature covers: changing a fact needs a reason."""
        self.rows.setRowVisible(self.reason, frozen)

    def values(self) -> dict[str, Any]:
        clause = self.clause.text().strip() or None
        basis = Basis(
            checklist_id=self.item_ref[0],
            item_id=self.item_ref[1],
            criteria_id=self.criteria_id if clause else None,
            clause_ref=clause,
            legal_basis=self.legal_basis.text().strip() or None,
        )
        return {
            "description": self.description.toPlainText().strip(),
            "place": self.place.text().strip(),
            "basis": basis,
            "measures": self.measures.toPlainText().strip(),
            "deadline": self.deadline.date().toPython() if self.has_deadline.isChecked() else None,
            "responsible": self.responsible.text().strip(),
            "funds": self.funds.text().strip(),
            "safety_plan": self.safety_plan.toPlainText().strip(),
        }

    def find_clause(self) -> None:
        clause = self.clause.text().strip()
        site = self.site_of()
        if clause and self.criteria_id:
            query, prefer = clause, [self.criteria_id, *search_start(None, site)[1]]
        else:
            query, prefer = search_start(None, site)
            query = key_terms(self.description.toPlainText()) or query
        self.search_dialog = ClauseSearchDialog(self, query, prefer=prefer)
        self.search_dialog.accepted.connect(self._cite)
        self.search_dialog.open()

    def _cite(self) -> None:
        entry = self.search_dialog.chosen
        if entry is None:
            return
        if entry.set_kind == "law":
            self.legal_basis.setText(f"{entry.set_title}{entry.ref}")
            return
        self.criteria_id = entry.set_id
        self.clause.setText(entry.ref)
        if entry.major_hazard:
            self.suspected.setChecked(True)  # the clause itself states a major situation
        self.show_notices()
