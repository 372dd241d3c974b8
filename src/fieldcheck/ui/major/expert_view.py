# SPDX-License-Identifier: Apache-2.0
"""专家审核: suspected major hazards with photos and the clause text; signed decisions."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QSignalBlocker, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.loop import Action, Status, allowed_actions
from fieldcheck.core.terms import Role
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import ledger
from fieldcheck.services.major import cosign, major
from fieldcheck.services.major.signoff import Purpose
from fieldcheck.ui.evidence.photo_area import thumbnail
from fieldcheck.ui.evidence.photo_caption import photo_caption
from fieldcheck.ui.major.accept_dialog import AcceptDialog
from fieldcheck.ui.major.cosign_dialog import CoSignDialog
from fieldcheck.ui.major.five_plan import plan_html
from fieldcheck.ui.major.onsite_sign import OnSiteSignDialog
from fieldcheck.ui.shell.labels import datetime_text, status_label
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.passphrase import passphrase_field
from fieldcheck.ui.widgets.signer import chosen, signer_box


def awaiting_acceptance(ctx: AppContext) -> list[ledger.LedgerEntry]:
    """Confirmed major hazards that can be accepted now, reported rectifications first."""
    found = ledger.ledger(ctx, ledger.ledger_filter(level="major"))
    ready = [
        e
        for e in found
        if e.major_status == "confirmed" and Action.VERIFY_PASS in allowed_actions(Status(e.status))
    ]
    return sorted(ready, key=lambda e: e.status != Status.RECTIFYING)


class ExpertView(QWidget):
    """The review queue, one review's evidence, and the expert's signed decision."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.reviews: list[Any] = []
        self.shown_id: str | None = None
        self.queue = QListWidget(self)
        self.queue.setObjectName("reviewQueue")
        self.awaiting = QListWidget(self)
        self.awaiting.setObjectName("awaitingSite")
        tabs = QTabWidget(self)
        tabs.addTab(self.queue, self.tr("待专家确认"))
        tabs.addTab(self.awaiting, self.tr("待企业签字"))
        self.to_accept = QListWidget(self)
        self.to_accept.setObjectName("toAccept")
        tabs.addTab(self.to_accept, self.tr("待专家验收"))
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.photos = QListWidget(self)
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setIconSize(QSize(128, 128))
        self.photos.setGridSize(QSize(230, 180))  # room for the time and place under each
        self.photos.setWordWrap(True)
        self.photos.setFixedHeight(200)  # as before: the page still fits 1280×720
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("expertComment")
        self.comment.setPlaceholderText(self.tr("审核意见（改判一般或退回时必填）"))
        self.comment.setFixedHeight(70)
        self.expert = signer_box(self, state, (Role.EXPERT,), "decidingExpert")
        self.expert.setToolTip(self.tr("作出判定的专家；签名用这位专家本人的密码"))
        self.passphrase = passphrase_field(self, self.tr("专家本人的签名密码"))
        self.confirm_button = QPushButton(self.tr("确认重大隐患并签名"), self)
        self.downgrade_button = QPushButton(self.tr("判定为一般隐患"), self)
        self.send_back_button = QPushButton(self.tr("退回检查人员"), self)
        self.cosign_button = QPushButton(self.tr("企业负责人签字…"), self)
        self.onsite_button = QPushButton(self.tr("现场双签字…"), self)
        self.onsite_button.setToolTip(
            self.tr("在现场依次由专家判定、企业负责人签字、检查人员签名，各用本人密码")
        )
        self.accept_button = QPushButton(self.tr("验收…"), self)
        self.accept_button.setToolTip(self.tr("核对整改后照片，签名确认重大隐患整改合格"))
        decide = QHBoxLayout()
        for b in (self.confirm_button, self.downgrade_button, self.send_back_button):
            decide.addWidget(b)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        # The hazard's text (the clause, 五落实) scrolls: as a plain label it grew the page
        # with every line, past a 1366×768 screen under a taskbar.
        text = QScrollArea(right)
        text.setObjectName("reviewText")
        text.setWidgetResizable(True)
        text.setFrameShape(QFrame.Shape.NoFrame)
        text.setWidget(self.detail)
        rl.addWidget(text, 1)
        rl.addWidget(self.photos)
        rl.addWidget(self.comment)
        who = QHBoxLayout()
        who.addWidget(QLabel(self.tr("判定专家"), self))
        who.addWidget(self.expert, 1)
        who.addWidget(self.passphrase, 2)
        rl.addLayout(who)
        rl.addLayout(decide)
        after = QHBoxLayout()
        after.addWidget(self.onsite_button)
        after.addWidget(self.cosign_button)
        after.addWidget(self.accept_button)
        rl.addLayout(after)
        splitter = QSplitter(self)
        splitter.addWidget(tabs)
        splitter.addWidget(right)
        splitter.setSizes([420, 700])
        QVBoxLayout(self).addWidget(splitter)
        self.tabs = tabs
        # One rule for the pane: it shows the current row of the tab in front, so a tab
        # change or a refresh can never leave another tab's hazard on display.
        for lst in (self.queue, self.awaiting, self.to_accept):
            lst.currentRowChanged.connect(lambda _r: self._show_current())
        self.to_accept.itemDoubleClicked.connect(lambda _i: self.open_accept())
        tabs.currentChanged.connect(lambda _i: self._show_current())
        self.confirm_button.clicked.connect(lambda: self.decide(Purpose.CONFIRM))
        self.downgrade_button.clicked.connect(lambda: self.decide(Purpose.DOWNGRADE))
        self.send_back_button.clicked.connect(lambda: self.decide(Purpose.SEND_BACK))
        self.cosign_button.clicked.connect(self.open_cosign)
        self.onsite_button.clicked.connect(self.open_onsite)
        self.accept_button.clicked.connect(self.open_accept)
        self.refresh()

    def refresh(self) -> None:
        ctx = self.state.ctx
        self.reviews = major.review_queue(ctx)
        self.queue.clear()
        for r in self.reviews:
            clause = r.clause.citation() if r.clause else (r.finding.basis.clause_ref or "")
            QListWidgetItem(f"{r.site_name}\n{r.finding.description[:40]}\n{clause}", self.queue)
        self.awaiting.clear()
        for fid in cosign.awaiting_site(ctx):
            review = major.review(ctx, fid)
            item = QListWidgetItem(
                f"{review.site_name}\n{review.finding.description[:40]}", self.awaiting
            )
            item.setData(Qt.ItemDataRole.UserRole, fid)
        self.to_accept.clear()
        for e in awaiting_acceptance(ctx):
            done = (
                self.tr("已报告整改") if e.status == Status.RECTIFYING else status_label(e.status)
            )
            item = QListWidgetItem(f"{e.site_name}\n{e.description[:40]}\n{done}", self.to_accept)
            item.setData(Qt.ItemDataRole.UserRole, e.id)
        for lst in (self.queue, self.awaiting, self.to_accept):
            if lst.count():
                with QSignalBlocker(lst):
                    lst.setCurrentRow(0)
        self._show_current()

    def _buttons(self) -> None:
        # Who chose whom in 设置 grants nothing: each step asks its signer's own passphrase.
        has_expert = self.expert.count() > 0
        on_queue = self.tabs.currentIndex() == 0 and self.queue.currentRow() >= 0
        for b in (self.confirm_button, self.downgrade_button, self.send_back_button):
            b.setEnabled(has_expert and on_queue)
            b.setToolTip(
                "" if has_expert else self.tr("还没有登记技术专家：请先在“设置”中添加专家")
            )
        self.onsite_button.setEnabled(on_queue)
        self.cosign_button.setEnabled(
            self.tabs.currentIndex() == 1 and self.awaiting.currentRow() >= 0
        )
        self.cosign_button.setToolTip(self.tr("由在场的检查人员记录企业负责人签字或拒签"))
        self.accept_button.setEnabled(
            self.tabs.currentIndex() == 2 and self.to_accept.currentRow() >= 0
        )

    def current_finding_id(self) -> str | None:
        """The hazard of the current row of the tab in front, if any."""
        tab = self.tabs.currentIndex()
        if tab == 0:
            row = self.queue.currentRow()
            return self.reviews[row].finding.id if 0 <= row < len(self.reviews) else None
        lst = self.awaiting if tab == 1 else self.to_accept
        item = lst.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _show_current(self) -> None:
        self._buttons()
        self.shown_id = self.current_finding_id()
        if self.shown_id is None:
            empty = (
                self.tr("没有等待专家确认的疑似重大隐患。"),
                self.tr("没有等待企业签字的重大隐患。"),
                self.tr("没有等待专家验收的重大隐患。"),
            )
            self.detail.setText(empty[max(0, self.tabs.currentIndex())])
            self.photos.clear()
            return
        row = self.queue.currentRow()
        if self.tabs.currentIndex() == 0 and 0 <= row < len(self.reviews):
            self._show_review(self.reviews[row])
        else:
            self._show_review(major.review(self.state.ctx, self.shown_id))

    def _show_review(self, r: Any) -> None:
        f = r.finding
        clause = r.clause
        clause_html = (
            f"<p><b>{clause.citation()}</b>（{clause.document_number}）<br>"
            f"{clause.lead}<br>{clause.text}</p>"
            if clause
            else self.tr("<p>未找到所引条款原文：%1</p>").replace(
                "%1", escape(f.basis.clause_ref or "") or "—"
            )
        )
        self.detail.setText(
            f"<h3>{escape(r.site_name)}</h3><p>{escape(f.description)}</p>"
            + self.tr("<p>部位：%1 · 发现于 %2</p>")
            .replace("%1", escape(f.place or "") or "—")
            .replace("%2", datetime_text(f.found_at))
            + clause_html
            + plan_html(f)
        )
        self.photos.clear()
        for p in r.photos:
            icon = thumbnail(p.path) if p.path.exists() else QIcon()
            item = QListWidgetItem(icon, photo_caption(p), self.photos)
            item.setToolTip(f"{photo_caption(p)}\nSHA-256 {p.sha256}")

    def decide(self, purpose: Purpose) -> None:
        row = self.queue.currentRow()
        if not 0 <= row < len(self.reviews):
            return
        r = self.reviews[row]
        try:
            major.decide(
                self.state.ctx,
                r.finding.id,
                purpose,
                expert_id=chosen(self.expert),
                reviewed_sha256=r.content_sha256,
                comment=self.comment.toPlainText().strip(),
                passphrase=self.passphrase.text(),
            )
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        finally:
            self.passphrase.clear()
        self.comment.clear()
        self.refresh()
        self.state.notify()

    def open_accept(self) -> None:
        item = self.to_accept.currentItem()
        if item is None:
            return
        self.dialog: QDialog = AcceptDialog(
            self.state, str(item.data(Qt.ItemDataRole.UserRole)), self
        )
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()

    def open_cosign(self) -> None:
        item = self.awaiting.currentItem()
        if item is None:
            return
        self.dialog = CoSignDialog(
            self.state, str(item.data(Qt.ItemDataRole.UserRole)), item.text(), self
        )
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()

    def open_onsite(self) -> None:
        """The guided on-site sequence for the hazard on display."""
        fid = self.current_finding_id()
        if fid is None:
            return
        self.onsite = OnSiteSignDialog(self.state, fid, self)
        self.onsite.finished.connect(lambda _r: self.refresh())
        self.onsite.open()
