# SPDX-License-Identifier: Apache-2.0
"""现场双签字 in one guided sequence: expert decision, the company's signature, the inspector's.

Each step names the person acting and opens that person's own key with their own
passphrase; nobody switches the window's 我是 to take a step. The window's chosen person
grants nothing here. The company's step (签字 or 拒签) is its own widget, `site_step`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.terms import Role
from fieldcheck.services.findings import findings
from fieldcheck.services.major import major
from fieldcheck.services.major.signoff import Purpose
from fieldcheck.services.sites import sites
from fieldcheck.ui.major.site_step import SiteStep
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.passphrase import passphrase_field
from fieldcheck.ui.widgets.screen import fit_to_screen

STEPS = 3


def _people(box: QComboBox, state: AppState, roles: tuple[Role, ...]) -> None:
    for role in roles:
        for p in sites.list_people(state.ctx, role.value):
            box.addItem(f"{p.name}（{p.unit}）" if p.unit else p.name, p.id)


def _form(page: QWidget) -> QFormLayout:
    """A form at the top of its page (the rows keep their height; the rest is empty)."""
    outer = QVBoxLayout(page)
    form = QFormLayout()
    outer.addLayout(form)
    outer.addStretch(1)
    return form


class OnSiteSignDialog(QDialog):
    """Three steps for one suspected major hazard, each signed by the person who acts."""

    def __init__(self, state: AppState, finding_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.finding_id = finding_id
        self.conclusion = ""
        self.done_steps: list[str] = []  # what each finished step said, in words
        self.setWindowTitle(self.tr("现场双签字"))
        fit_to_screen(self, 760, 620)
        f = findings.get_finding(state.ctx, finding_id)
        site = sites.get_site(state.ctx, f.site_id)
        head = QLabel(f"<b>{escape(site.name)}</b><br>{escape(f.description)}", self)
        head.setWordWrap(True)
        self.progress = QLabel(self)
        self.progress.setObjectName("heading")
        self.done_label = QLabel(self)
        self.done_label.setObjectName("stepsDone")
        self.done_label.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._expert_step())
        self.site_step = SiteStep(site, self)
        self.conclusion_label = QLabel(self)  # the expert's conclusion, above the company's rows
        self.conclusion_label.setObjectName("expertConclusion")
        self.conclusion_label.setWordWrap(True)
        self.site_step.form.insertRow(0, self.tr("专家结论"), self.conclusion_label)
        next_button = QPushButton(self.tr("下一步：检查人员签名"), self)
        next_button.clicked.connect(self.site_done)
        self.site_step.form.addRow(next_button)
        self.stack.addWidget(self.site_step)
        self.stack.addWidget(self._inspector_step())
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.progress)
        layout.addWidget(self.done_label)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
        self._goto(0)

    # -- the three steps -------------------------------------------------------------

    def _expert_step(self) -> QWidget:
        page = QWidget(self)
        self.expert = QComboBox(page)
        self.expert.setObjectName("stepExpert")
        _people(self.expert, self.state, (Role.EXPERT,))
        review = major.review(self.state.ctx, self.finding_id)
        self.reviewed = review.content_sha256
        clause = review.clause
        text = (
            f"{clause.citation()}：{clause.text}"
            if clause
            else self.tr("未找到所引条款原文：%1").replace(
                "%1", review.finding.basis.clause_ref or "—"
            )
        )
        clause_label = QLabel(text, page)
        clause_label.setWordWrap(True)
        self.confirm = QRadioButton(self.tr("确认为重大事故隐患"), page)
        self.downgrade = QRadioButton(self.tr("判定为一般隐患"), page)
        self.confirm.setChecked(True)
        choice = QHBoxLayout()
        choice.addWidget(self.confirm)
        choice.addWidget(self.downgrade)
        choice.addStretch(1)
        self.comment = QPlainTextEdit(page)
        self.comment.setFixedHeight(60)
        self.comment.setPlaceholderText(self.tr("专家意见（判定为一般时必填）"))
        self.expert_pass = passphrase_field(page, self.tr("专家本人的签名密码"))
        self.expert_pass.setObjectName("expertPassphrase")
        go = QPushButton(self.tr("专家签名确认"), page)
        go.clicked.connect(self.sign_expert)
        form = _form(page)
        form.addRow(self.tr("判定条款"), clause_label)
        form.addRow(self.tr("判定专家"), self.expert)
        form.addRow(self.tr("判定"), choice)
        form.addRow(self.tr("专家意见"), self.comment)
        form.addRow(self.tr("专家签名密码 *"), self.expert_pass)
        form.addRow(go)
        return page

    def _inspector_step(self) -> QWidget:
        page = QWidget(self)
        self.inspector = QComboBox(page)
        self.inspector.setObjectName("stepInspector")
        _people(self.inspector, self.state, (Role.GRID, Role.ENFORCEMENT))
        f = findings.get_finding(self.state.ctx, self.finding_id)
        at = self.inspector.findData(f.found_by)
        self.inspector.setCurrentIndex(max(0, at))
        self.inspector_pass = passphrase_field(page, self.tr("检查人员本人的签名密码"))
        self.inspector_pass.setObjectName("inspectorPassphrase")
        go = QPushButton(self.tr("检查人员签名，完成双签字"), page)
        go.clicked.connect(self.sign_inspector)
        note = QLabel(
            self.tr("检查人员以本人密钥签名，证明上一步企业负责人的签字（或拒签）属实。"), page
        )
        note.setWordWrap(True)
        form = _form(page)
        form.addRow(note)
        form.addRow(self.tr("检查人员"), self.inspector)
        form.addRow(self.tr("检查人员签名密码 *"), self.inspector_pass)
        form.addRow(go)
        return page

    # -- moving along ----------------------------------------------------------------

    def _goto(self, step: int) -> None:
        titles = (self.tr("专家判定"), self.tr("企业负责人签字"), self.tr("检查人员签名"))
        self.stack.setCurrentIndex(step)
        self.progress.setText(
            self.tr("第 %1 步（共 %2 步）：%3")
            .replace("%1", str(step + 1))
            .replace("%2", str(STEPS))
            .replace("%3", titles[step])
        )
        self.done_label.setText("\n".join(self.done_steps))
        self.error.clear()

    def sign_expert(self) -> bool:
        expert_id = self.expert.currentData()
        if not expert_id:
            self.error.setText(self.tr("本机没有登记技术专家；请先在“单位与人员”中登记专家"))
            return False
        if not self.expert_pass.text():
            self.error.setText(self.tr("请专家本人输入签名密码"))
            return False
        name = self.expert.currentText()
        purpose = Purpose.CONFIRM if self.confirm.isChecked() else Purpose.DOWNGRADE
        comment = self.comment.toPlainText().strip()
        if purpose is Purpose.DOWNGRADE and not comment:
            self.error.setText(self.tr("判定为一般隐患须写明专家意见"))
            return False
        act = major.confirm if purpose is Purpose.CONFIRM else major.downgrade
        try:
            act(
                self.state.ctx,
                self.finding_id,
                expert_id=str(expert_id),
                reviewed_sha256=self.reviewed,
                comment=comment,
                passphrase=self.expert_pass.text(),
            )
        except FieldcheckError as exc:
            self.expert_pass.clear()
            show_error(self, exc)
            return False
        self.expert_pass.clear()
        self.state.notify()
        verdict = self.tr("重大事故隐患") if purpose is Purpose.CONFIRM else self.tr("一般隐患")
        self.conclusion = self.tr("专家 %1 判定为%2").replace("%1", name).replace("%2", verdict) + (
            f"：{comment}" if comment else ""
        )
        self.done_steps.append(
            self.tr("✓ 第 1 步完成：%1，已签名。").replace("%1", self.conclusion)
        )
        if purpose is Purpose.DOWNGRADE:  # a general hazard needs no double signature
            self.done_steps.append(self.tr("改判为一般隐患，不需要企业双签字。"))
            self.done_label.setText("\n".join(self.done_steps))
            self.stack.setEnabled(False)
            return True
        self.conclusion_label.setText(self.conclusion)
        self._goto(1)
        return True

    def site_done(self) -> bool:
        problem = self.site_step.problem()
        if problem is not None:
            self.error.setText(problem)
            return False
        self.done_steps.append(self.site_step.done_text())
        self._goto(2)
        return True

    def sign_inspector(self) -> bool:
        inspector_id = self.inspector.currentData()
        if not inspector_id or not self.inspector_pass.text():
            self.error.setText(self.tr("请检查人员本人输入签名密码"))
            return False
        try:
            self.site_step.record(
                self.state.ctx, self.finding_id, str(inspector_id), self.inspector_pass.text()
            )
        except FieldcheckError as exc:
            self.inspector_pass.clear()
            show_error(self, exc)
            return False
        self.inspector_pass.clear()
        self.state.notify()
        self.done_steps.append(
            self.tr("✓ 第 3 步完成：检查人员 %1 已签名。现场双签字全部完成。").replace(
                "%1", self.inspector.currentText()
            )
        )
        self.done_label.setText("\n".join(self.done_steps))
        self.stack.setEnabled(False)
        self.progress.setText(self.tr("已完成"))
        return True
