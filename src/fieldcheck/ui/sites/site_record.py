# SPDX-License-Identifier: Apache-2.0
"""One site's record beside the register: its particulars, hazards, inspections, documents."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core import timefmt
from fieldcheck.core.models import Site
from fieldcheck.services.documents import notices
from fieldcheck.services.findings import ledger
from fieldcheck.services.inspections import drafts, inspections
from fieldcheck.ui.documents.notices_view import NoticeTable, open_document
from fieldcheck.ui.shell.labels import datetime_text, kind_label
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sites.site_dialog import risk_label, value_label
from fieldcheck.ui.widgets.hazard_table import HazardTable


class SiteRecord(QWidget):
    """The selected site's particulars and its 隐患, 检查记录 and 文书 tabs."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.details = QLabel(self)
        self.details.setObjectName("siteDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = QListWidget(self)
        self.hazards = HazardTable(self, show_site=False)
        tabs = QTabWidget(self)
        tabs.addTab(self.hazards, self.tr("隐患"))
        tabs.addTab(self.history, self.tr("检查记录"))
        self.notices = NoticeTable(self, show_site=False)
        tabs.addTab(self.notices, self.tr("文书"))
        self.tabs = tabs
        self.issue_button = QPushButton(self.tr("为所选检查出具文书…"), self)
        self.issue_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.details)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.issue_button)
        self.hazards.activated_finding.connect(state.open_finding.emit)
        self.history.currentRowChanged.connect(lambda r: self.issue_button.setEnabled(r >= 0))
        self.history.itemActivated.connect(lambda _i: self.open_inspection())
        self.issue_button.clicked.connect(self.issue_document)
        self.issue_button.setVisible(False)  # it acts on 检查记录: shown on that tab only
        self.tabs.currentChanged.connect(lambda i: self.issue_button.setVisible(i == 1))
        self.notices.opened.connect(self._open_notice)

    def show_site(self, site: Site | None) -> None:
        if site is None:
            self.details.setText(self.tr("没有选中的单位"))
            self.hazards.set_entries([])
            self.history.clear()
            self.notices.set_rows([])
            return
        lines = [
            f"<b>{escape(site.name)}</b>",
            self.tr("统一社会信用代码：%1").replace(
                "%1", escape(site.uscc or "") or self.tr("未填")
            ),
            self.tr("地址：%1").replace("%1", escape(site.address or "")),
            self.tr("行业：%1 · %2 · %3")
            .replace("%1", value_label(site.industry) if site.industry else "—")
            .replace("%2", value_label(site.kind_of_place) if site.kind_of_place else "—")
            .replace("%3", risk_label(site.risk_level)),
            self.tr("法定代表人：%1 · 联系人：%2 %3")
            .replace("%1", escape(site.legal_rep or "") or "—")
            .replace("%2", escape(site.contact_name or "") or "—")
            .replace("%3", escape(site.contact_phone or "")),
        ]
        self.details.setText("<br>".join(lines))
        ctx = self.state.ctx
        self.hazards.set_entries(ledger.ledger(ctx, ledger.ledger_filter(site_id=site.id)))
        self.history.clear()
        for insp in inspections.inspections_of_site(ctx, site.id):
            finished = (
                timefmt.time_text(insp.finished_at) if insp.finished_at else self.tr("进行中")
            )
            reason = drafts.incomplete_reason(insp)
            said = insp.summary if reason is None else self.tr("未完成：%1").replace("%1", reason)
            item = QListWidgetItem(
                f"{datetime_text(insp.started_at)}–{finished}  {kind_label(insp.kind)}  {said}",
                self.history,
            )
            item.setData(Qt.ItemDataRole.UserRole, insp.id)
        self.issue_button.setEnabled(False)
        self.notices.set_rows(notices.list_notices(ctx, site_id=site.id))

    def open_inspection(self) -> None:
        """Double-click in 检查记录: an open inspection continues; a finished one gets its 文书."""
        item = self.history.currentItem()
        if item is None:
            return
        iid = str(item.data(Qt.ItemDataRole.UserRole))
        if inspections.get_inspection(self.state.ctx, iid).finished_at is None:
            self.state.resume_inspection.emit(iid)
        else:
            self.issue_document()

    def issue_document(self) -> None:
        """出具文书 for the inspection selected in 检查记录."""
        item = self.history.currentItem()
        if item is None:
            return
        from fieldcheck.ui.documents.issue_dialog import IssueDialog

        self.issue_dialog = IssueDialog(self.state, str(item.data(Qt.ItemDataRole.UserRole)), self)
        self.issue_dialog.open()

    def _open_notice(self, notice_id: str) -> None:
        self.document = open_document(self.state, notice_id, self)
