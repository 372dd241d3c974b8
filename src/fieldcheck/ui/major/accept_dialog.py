# SPDX-License-Identifier: Apache-2.0
"""专家验收: the expert signs that a confirmed major hazard is rectified, over its photos."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.loop import Action, Status, allowed_actions
from fieldcheck.core.models import Finding
from fieldcheck.core.terms import MajorStatus, Role
from fieldcheck.services.findings import findings
from fieldcheck.services.major import keys, major
from fieldcheck.services.major.signoff import Purpose
from fieldcheck.ui.evidence.photo_area import thumbnail
from fieldcheck.ui.shell.labels import datetime_text, status_label
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.ops import run_op
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.passphrase import passphrase_field
from fieldcheck.ui.widgets.screen import fit_to_screen
from fieldcheck.ui.widgets.signer import chosen, signer_box


def needs_expert(finding: Finding) -> bool:
    """A confirmed major hazard is accepted only by an expert's signature."""
    return finding.major_status == MajorStatus.CONFIRMED


class AcceptDialog(QDialog):
    """What the expert accepts (rectification photos first), a comment, their passphrase."""

    def __init__(self, state: AppState, finding_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.result_finding: Finding | None = None
        self.op: Any = None
        self.review = major.review(state.ctx, finding_id, Purpose.VERIFY)
        f = self.review.finding
        self.setWindowTitle(self.tr("重大隐患验收 · %1").replace("%1", self.review.site_name))
        fit_to_screen(self, 760, 560)
        clause = self.review.clause.citation() if self.review.clause else f.basis.clause_ref or "—"
        info = QLabel(
            f"<h3>{escape(self.review.site_name)}</h3><p>{escape(f.description)}</p>"
            + self.tr("<p>判定依据：%1 · 当前状态：%2</p>")
            .replace("%1", escape(clause))
            .replace("%2", status_label(f.status)),
            self,
        )
        info.setWordWrap(True)
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.photos = QListWidget(self)
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setIconSize(QSize(150, 150))
        self.photos.setFixedHeight(200)
        shots = sorted(self.review.photos, key=lambda p: p.kind != "rectification")
        for p in shots:
            icon = thumbnail(p.path) if p.path.exists() else QIcon()
            label = {"rectification": self.tr("整改后"), "revisit": self.tr("回头看")}.get(
                p.kind, self.tr("隐患")
            )
            QListWidgetItem(icon, label, self.photos)
        self.rectified = sum(1 for p in shots if p.kind == "rectification")
        self.photos.setVisible(bool(shots))  # no empty box when nothing was photographed
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("acceptComment")
        self.comment.setFixedHeight(70)
        self.comment.setPlaceholderText(self.tr("验收意见，如 已更换防爆电气并复测合格"))
        self.expert = signer_box(self, state, (Role.EXPERT,), "acceptingExpert")
        self.passphrase = passphrase_field(self, self.tr("专家本人的签名密码"))
        self.report = QLabel(self._report_text(finding_id), self)
        self.report.setObjectName("rectificationReport")
        self.report.setWordWrap(True)
        self.new_deadline = QDateEdit(self)
        self.new_deadline.setCalendarPopup(True)
        self.new_deadline.setDisplayFormat("yyyy-MM-dd")
        tomorrow, soon = clock.today() + timedelta(days=1), clock.today() + timedelta(days=15)
        self.new_deadline.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        self.new_deadline.setDate(QDate(soon.year, soon.month, soon.day))
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        if not self.rectified:
            self.error.setText(self.tr("还没有整改后照片：验收前请核实现场整改情况。"))
        form = QFormLayout()
        form.addRow(self.tr("整改情况报告"), self.report)
        form.addRow(self.tr("验收意见"), self.comment)
        form.addRow(self.tr("验收专家"), self.expert)
        form.addRow(self.tr("签名密码 *"), self.passphrase)
        form.addRow(self.tr("不通过时的新整改期限"), self.new_deadline)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("验收通过并签名"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.fail_button = buttons.addButton(
            self.tr("验收不通过"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.fail_button.setEnabled(Action.VERIFY_FAIL in allowed_actions(Status(f.status)))
        self.fail_button.clicked.connect(self.fail)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.photos)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)

    def _report_text(self, finding_id: str) -> str:
        """The site's latest rectification report, or that there is none yet."""
        reports = [
            e
            for e in findings.history(self.state.ctx, finding_id)
            if str(e.action) == Action.REPORT_RECTIFICATION.value
        ]
        if not reports:
            return self.tr("企业尚未报告整改情况。")
        last = reports[-1]
        when = datetime_text(last.at)
        return (
            self.tr("%1 报告：%2")
            .replace("%1", when)
            .replace("%2", last.note or self.tr("（未写说明）"))
        )

    def fail(self) -> Finding | None:
        """验收不通过: back to the site with the reason and a new deadline."""
        comment = self.comment.toPlainText().strip()
        if not comment:
            self.error.setText(self.tr("验收不通过须写明原因（验收意见）"))
            return None
        if not self.passphrase.text():
            self.error.setText(self.tr("请输入专家本人的签名密码"))
            return None
        deadline = self.new_deadline.date().toPython()
        assert isinstance(deadline, date)
        secret = self.passphrase.text()
        self.passphrase.clear()
        try:
            # The person chosen in 设置 grants nothing alone: the expert proves it is them.
            expert = chosen(self.expert)
            keys.unlock_key(self.state.ctx, expert, secret)
            # The chooser lists technical experts only; the passphrase proves it is them.
            finding = findings.transition(
                self.state.ctx,
                self.review.finding.id,
                Action.VERIFY_FAIL,
                actor_id=expert,
                note=comment,
                deadline=deadline,
            )
        except FieldcheckError as exc:
            show_error(self, exc)
            return None
        self._done(finding)
        return finding

    def submit(self) -> Any:
        if not self.passphrase.text():
            self.error.setText(self.tr("请输入专家本人的签名密码"))
            return None
        ctx, me, secret = self.state.ctx, chosen(self.expert), self.passphrase.text()
        fid, sha = self.review.finding.id, self.review.content_sha256
        comment = self.comment.toPlainText().strip()
        self.passphrase.clear()
        self.ok_button.setEnabled(False)
        self.error.setText(self.tr("正在签名…"))
        # Opening the key is deliberately slow (scrypt): off the UI thread.
        self.op = run_op(
            self,
            lambda _p: major.accept(
                ctx, fid, expert_id=me, reviewed_sha256=sha, comment=comment, passphrase=secret
            ),
            success=self._done,
            failure=self._failed,
        )
        return self.op

    def _done(self, finding: Finding) -> None:
        self.result_finding = finding
        self.state.notify()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.error.setText("")
        show_error(self, exc)
