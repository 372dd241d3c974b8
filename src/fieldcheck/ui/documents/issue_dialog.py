# SPDX-License-Identifier: Apache-2.0
"""出具文书: the documents my role issues for an inspection, the site's receipt, my signature."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError
from fieldcheck.core.terms import InspectionKind, Level, MajorStatus, NoticeKind, Role
from fieldcheck.services.documents import notice_draft, notices
from fieldcheck.services.documents.notice_data import Receipt
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites
from fieldcheck.ui.documents.document_dialog import DocumentDialog
from fieldcheck.ui.documents.draft_preview import DraftDialog, draft_pages
from fieldcheck.ui.documents.receipt_box import ReceiptBox
from fieldcheck.ui.documents.rendered import Loaded, issue_and_render
from fieldcheck.ui.shell.labels import date_text, kind_label, notice_kind_label
from fieldcheck.ui.shell.messages import plain_words
from fieldcheck.ui.shell.ops import run_op
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.page_view import PREVIEW_DPI
from fieldcheck.ui.widgets.passphrase import passphrase_field
from fieldcheck.ui.widgets.screen import fit_to_screen

ORDER = (NoticeKind.RECORD, NoticeKind.RECTIFICATION, NoticeKind.ORDER, NoticeKind.REVIEW)
WITH_DEADLINE = frozenset({NoticeKind.RECTIFICATION, NoticeKind.ORDER, NoticeKind.REVIEW})


def kinds_for(role: Role | None) -> list[NoticeKind]:
    """The documents a person of role may issue, in the order of the loop."""
    return [k for k in ORDER if role is not None and role in notice_draft.ISSUERS[k]]


class IssueDialog(QDialog):
    """Choose the document, record the site's receipt or refusal, sign; then the preview."""

    def __init__(self, state: AppState, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.inspection_id = inspection_id
        self.preview: DocumentDialog | None = None
        self.op: Any = None
        self._listed_kind: NoticeKind | None = None
        insp = inspections.get_inspection(state.ctx, inspection_id)
        site = sites.get_site(state.ctx, insp.site_id)
        self.setWindowTitle(self.tr("出具文书 · %1").replace("%1", site.name))
        fit_to_screen(self, 760, 700)
        heading = QLabel(
            f"{site.name} · {date_text(insp.started_at)} · {kind_label(insp.kind)}", self
        )
        heading.setObjectName("heading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        me = state.me()
        allowed = kinds_for(me.role if me else None)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[NoticeKind, QRadioButton] = {}
        kind_row = QHBoxLayout()
        for k in allowed:
            button = QRadioButton(notice_kind_label(k), self)
            self.kind_group.addButton(button)
            self.kind_buttons[k] = button
            kind_row.addWidget(button)
            button.toggled.connect(lambda _on: self._mode())
        kind_row.addStretch(1)
        self.deadline = QDateEdit(self)
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        today = clock.today()
        tomorrow = today + timedelta(days=1)  # a deadline is never the day of the notice
        self.deadline.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        soon = today + timedelta(days=15)
        self.deadline.setDate(QDate(soon.year, soon.month, soon.day))
        self.deadline.setToolTip(
            self.tr("整改通知书：没有期限的隐患用这个期限；复查意见书：未整改隐患的新期限")
        )
        self.receipt = ReceiptBox(site, self)
        self.passphrase = passphrase_field(self, self.tr("我的签名密码（文书以我的密钥签名）"))
        self.hazards = QListWidget(self)
        self.hazards.setObjectName("docHazards")
        self.hazards.setFixedHeight(96)
        self.hazards.setToolTip(self.tr("勾选的隐患列入这份文书"))
        form = QFormLayout()
        form.addRow(self.tr("文书种类"), kind_row)
        form.addRow(self.tr("列入的隐患"), self.hazards)
        form.addRow(self.tr("整改期限"), self.deadline)
        form.addRow(self.tr("我的签名密码 *"), self.passphrase)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("出具并签名"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.preview_button = buttons.addButton(
            self.tr("预览样稿"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.preview_button.setToolTip(self.tr("不编号、不签名，先看看文书的样子"))
        self.preview_button.clicked.connect(self.show_draft)
        self.draft: DraftDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.receipt, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        if not allowed:
            self.error.setText(
                self.tr("只有检查人员（网格员、执法人员）可以出具文书。请由检查人员本人操作。")
            )
            self.ok_button.setEnabled(False)
        else:
            self.kind_buttons[self._default_kind(insp.kind, allowed)].setChecked(True)
        self._mode()

    @staticmethod
    def _default_kind(kind: InspectionKind, allowed: list[NoticeKind]) -> NoticeKind:
        if kind is InspectionKind.REINSPECTION and NoticeKind.REVIEW in allowed:
            return NoticeKind.REVIEW
        return next((k for k in allowed if k is not NoticeKind.RECORD), allowed[0])

    def kind(self) -> NoticeKind | None:
        return next((k for k, b in self.kind_buttons.items() if b.isChecked()), None)

    def _list_hazards(self) -> None:
        """The hazards the chosen document would carry, each ticked (untick to leave out)."""
        kind = self.kind()
        if kind == self._listed_kind and self.hazards.count():
            return  # the same document: keep what the user ticked
        candidates = (
            notices.candidate_hazards(self.state.ctx, self.inspection_id, kind) if kind else []
        )
        self._listed_kind = kind
        self.hazards.clear()
        for i, f in enumerate(candidates, 1):
            mark = ""
            if f.major_status is MajorStatus.SUSPECTED:
                mark = self.tr("（疑似重大，待专家判定）")
            elif f.level is Level.MAJOR:
                mark = self.tr("【重大】")
            item = QListWidgetItem(f"{i}．{f.description}{mark}", self.hazards)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, f.id)
        if kind is NoticeKind.REVIEW:
            QListWidgetItem(
                self.tr("复查意见书列出原通知书的全部隐患（已整改、未整改）"), self.hazards
            )
        self.hazards.setEnabled(kind is not NoticeKind.REVIEW)

    def chosen(self) -> list[str] | None:
        """The ticked hazards (None for a review, which lists the earlier notice's)."""
        if self.kind() is NoticeKind.REVIEW:
            return None
        items = [self.hazards.item(i) for i in range(self.hazards.count())]
        return [
            str(it.data(Qt.ItemDataRole.UserRole))
            for it in items
            if it.checkState() == Qt.CheckState.Checked
        ]

    def show_draft(self) -> Any:
        """Render the 样稿 off the UI thread: no number, no signature, nothing moved."""
        kind = self.kind()
        if kind is None:
            return None
        receipt = self.receipt.receipt()
        draft_receipt = (
            Receipt(
                site_rep_name=receipt["site_rep_name"],
                refused=bool(receipt.get("refused")),
                witness=str(receipt.get("witness", "")),
            )
            if isinstance(receipt, dict)
            else None
        )
        deadline = self.deadline.date().toPython() if kind in WITH_DEADLINE else None
        assert deadline is None or isinstance(deadline, date)
        ctx, insp, me, only = self.state.ctx, self.inspection_id, self.state.actor_id, self.chosen()
        dpi = PREVIEW_DPI * self.devicePixelRatioF()
        self.error.setText(self.tr("正在生成样稿…"))
        self.preview_button.setEnabled(False)
        self.op = run_op(
            self,
            lambda _p: draft_pages(ctx, insp, kind, me, deadline, draft_receipt, only, dpi),
            success=self._draft_shown,
            failure=self._draft_failed,
        )
        return self.op

    def _draft_shown(self, pages: list[Any]) -> None:
        self.preview_button.setEnabled(True)
        self.error.setText(self.tr("样稿已生成（未编号、未签名）。"))
        self.draft = DraftDialog(pages, self)
        self.draft.open()

    def _draft_failed(self, exc: BaseException) -> None:
        self.preview_button.setEnabled(True)
        self._failed(exc)

    def _mode(self) -> None:
        self._list_hazards()
        self.deadline.setEnabled(self.kind() in WITH_DEADLINE)

    def submit(self) -> Any:
        kind = self.kind()
        if kind is None:
            return None
        receipt = self.receipt.receipt()
        if isinstance(receipt, str):
            self.error.setText(receipt)
            return None
        if not self.passphrase.text():
            self.error.setText(self.tr("请输入您的签名密码"))
            self.passphrase.setFocus()
            return None
        deadline = self.deadline.date().toPython() if kind in WITH_DEADLINE else None
        assert deadline is None or isinstance(deadline, date)
        ctx, insp, me, secret = (
            self.state.ctx,
            self.inspection_id,
            self.state.actor_id,
            self.passphrase.text(),
        )
        dpi = PREVIEW_DPI * self.devicePixelRatioF()
        only = self.chosen()
        if only == []:
            self.error.setText(self.tr("请至少勾选一项隐患"))
            return None
        self.passphrase.clear()
        self.ok_button.setEnabled(False)
        self.error.setText(self.tr("正在出具并签名…"))
        self.op = run_op(
            self,
            lambda _p: issue_and_render(ctx, insp, kind, me, secret, deadline, receipt, dpi, only),
            success=self._issued,
            failure=self._failed,
        )
        return self.op

    def _issued(self, loaded: Loaded) -> None:
        self.state.notify()
        self.preview = DocumentDialog(
            self.state, loaded.notice.id, self.parentWidget(), loaded=loaded
        )
        self.preview.open()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if type(exc).__name__ == "MissingFieldsError":
            self.error.setText(plain_words(exc)[0])
        elif isinstance(exc, DomainError) and "no open hazards" in str(exc):
            self.error.setText(
                self.tr("这次检查没有未整改的隐患，不需要整改文书；可以出具检查记录。")
            )
        else:
            head, detail = plain_words(exc)
            self.error.setText(head)
            self.error.setToolTip(detail)  # the technical detail, for whoever helps them
