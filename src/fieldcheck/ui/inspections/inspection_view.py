# SPDX-License-Identifier: Apache-2.0
"""检查: choose the site, the checklists its industry suggests, then walk the items fast."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.models import ChecklistRef, Inspection, Site
from fieldcheck.core.tasks import Task
from fieldcheck.core.terms import InspectionKind
from fieldcheck.services.inspections import campaigns, drafts, inspections, tasks
from fieldcheck.services.sites import sites
from fieldcheck.ui.inspections.checklist_page import ChecklistPage
from fieldcheck.ui.inspections.drafts_ui import ask_continue
from fieldcheck.ui.inspections.walk_page import WalkPage
from fieldcheck.ui.shell.labels import kind_label
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState


class InspectionView(QWidget):
    """Three steps on one screen: site → checklists → walk the items."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.site: Site | None = None
        self.inspection: Inspection | None = None
        self.campaign: campaigns.CampaignToDo | None = None  # opened under a 专项行动
        self.task: Task | None = None  # the 交办 task this inspection does
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._site_page())
        self.checklists = ChecklistPage(self)
        self.checklists.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.checklists.start_button.clicked.connect(self.start)
        self.pages.addWidget(self.checklists)
        self.walk = WalkPage(state, self)
        self.walk.finished.connect(self._finished)
        self.pages.addWidget(self.walk)
        QVBoxLayout(self).addWidget(self.pages)
        self.refresh()

    # step 1: the site
    def _site_page(self) -> QWidget:
        page = QWidget(self)
        self.site_search = QLineEdit(page)
        self.site_search.setObjectName("inspectionSiteSearch")
        self.site_search.setPlaceholderText(self.tr("输入单位名称、地址或代码查找"))
        self.site_list = QListWidget(page)
        self.task_hint = QLabel(page)
        self.task_hint.setObjectName("taskHint")
        self.task_hint.setWordWrap(True)
        self.task_hint.hide()
        self.kind = QComboBox(page)
        for k in (
            InspectionKind.ROUTINE,
            InspectionKind.SPECIAL,
            InspectionKind.REINSPECTION,
            InspectionKind.REVISIT,
        ):
            self.kind.addItem(kind_label(k), k.value)
        self.choose_button = QPushButton(self.tr("下一步：选择检查表"), page)
        self.choose_button.setDefault(True)
        layout = QVBoxLayout(page)
        title = QLabel(self.tr("第一步：选择被检查单位"), page)
        title.setObjectName("heading")
        layout.addWidget(title)
        layout.addWidget(self.task_hint)
        layout.addWidget(self.site_search)
        layout.addWidget(self.site_list, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("检查类型"), page))
        row.addWidget(self.kind)
        row.addStretch(1)
        row.addWidget(self.choose_button)
        layout.addLayout(row)
        self.site_search.textChanged.connect(lambda _t: self.refresh())
        self.site_list.itemActivated.connect(lambda _i: self.choose_site())
        self.choose_button.clicked.connect(self.choose_site)
        return page

    def refresh(self) -> None:
        if self.pages.currentIndex() == 2:
            self.walk.refresh()
            return
        self.site_list.clear()
        for s in sites.search_sites(self.state.ctx, self.site_search.text().strip(), limit=300):
            item = QListWidgetItem(
                f"{s.name}  ·  {s.industry or '—'}  ·  {s.address}", self.site_list
            )
            item.setData(Qt.ItemDataRole.UserRole, s.id)
        if self.site_list.count():
            self.site_list.setCurrentRow(0)
        self.choose_button.setEnabled(self.site_list.count() > 0)

    def begin_task(self, task_id: str) -> None:
        """Do a 交办 task: at its site, of the kind it asks; a 随手拍 task that names only
        a place first asks which registered site it is."""
        if self.pages.currentIndex() == 2 and self.inspection is not None:
            return
        try:
            task = tasks.get_task(self.state.ctx, task_id)
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        if task.site_id:
            self.begin_at(task.site_id, task_id=task.id)
            return
        self.task = task
        self.campaign = None
        self._kind_of(task)
        self.task_hint.setText(
            self.tr("随手拍任务：请选择“%1”所在的单位（新单位请先在单位库登记）").replace(
                "%1", task.place
            )
        )
        self.task_hint.show()
        self.pages.setCurrentIndex(0)
        self.site_search.setFocus()

    def _kind_of(self, task: Task) -> None:
        kind = tasks.INSPECTION_KIND.get(task.kind)
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.kind.setEnabled(False)  # the task says what kind of inspection it is

    def begin_at(self, site_id: str, campaign_id: str = "", task_id: str = "") -> None:
        """Start here from another screen: the site is already chosen.

        A site with an inspection still open offers to continue it rather than start a
        second one (which would record its hazards twice). Under a campaign (专项行动) the
        inspection is a 专项检查 with the campaign's checklists ticked.
        """
        if self.pages.currentIndex() == 2 and self.inspection is not None:
            return  # never drop an inspection under way; finish it first
        self.campaign = campaigns.get(self.state.ctx, campaign_id) if campaign_id else None
        if self.campaign is not None:
            self.kind.setCurrentIndex(self.kind.findData(InspectionKind.SPECIAL.value))
        self.task = None
        self.task_hint.hide()
        self.kind.setEnabled(True)
        if task_id:
            try:
                self.task = tasks.get_task(self.state.ctx, task_id)
            except FieldcheckError as exc:
                show_error(self, exc)
                return
            self._kind_of(self.task)
        site = sites.get_site(self.state.ctx, site_id)
        open_one = drafts.open_at_site(self.state.ctx, site_id)
        if open_one is None:
            self._choose_checklists(site)
            return
        self.continue_box = ask_continue(
            self,
            open_one,
            site.name,
            on_continue=lambda: self.resume(open_one.id),
            on_new=lambda: self._choose_checklists(site),
        )

    def _choose_checklists(self, site: Site) -> None:
        self.site = site
        self.inspection = None
        self._show_checklists()

    def resume(self, inspection_id: str) -> None:
        """Reopen an open inspection at its first unanswered item, answers and findings intact."""
        try:
            draft = drafts.load_draft(self.state.ctx, inspection_id)
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.site, self.inspection = draft.site, draft.inspection
        self.walk.begin(
            draft.site,
            draft.inspection,
            draft.checklists,
            outcomes=draft.outcomes,
            found=draft.findings,
            at_index=draft.first_unanswered(),
        )
        self.pages.setCurrentIndex(2)

    def choose_site(self) -> None:
        item = self.site_list.currentItem()
        if item is not None:
            pending = self.task.id if self.task is not None and not self.task.site_id else ""
            self.begin_at(str(item.data(Qt.ItemDataRole.UserRole)), task_id=pending)

    # step 2: the checklists
    def _show_checklists(self) -> None:
        assert self.site is not None
        self.checklists.show_for(self.site, self.campaign)
        self.pages.setCurrentIndex(1)
        self.checklists.start_button.setFocus()

    def chosen_checklists(self) -> list[Any]:
        return self.checklists.chosen()

    # step 3: walk
    def start(self) -> None:
        """Open the inspection with me as inspector and the chosen checklist versions."""
        assert self.site is not None
        chosen = self.chosen_checklists()
        refs = [ChecklistRef(checklist_id=c.id, version=c.version) for c in chosen]
        if self.task is not None and self.task.inspection_id and not self.task.inspection_finished:
            self.resume(self.task.inspection_id)  # the task's inspection is already under way
            return
        try:
            if self.task is not None:  # the kind is the task's; it is kept beside it
                self.inspection = tasks.open_task(
                    self.state.ctx,
                    self.task.id,
                    inspector_id=self.state.actor_id,
                    site_id=self.site.id,
                    checklists=refs,
                    location=self.site.address,
                )
            else:
                self.inspection = inspections.start_inspection(
                    self.state.ctx,
                    site_id=self.site.id,
                    inspector_ids=[self.state.actor_id],
                    actor_id=self.state.actor_id,
                    kind=InspectionKind(self.kind.currentData()),
                    checklists=refs,
                    location=self.site.address,
                    campaign_id=self.campaign.id if self.campaign is not None else None,
                )
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.state.notify()
        self.walk.begin(self.site, self.inspection, chosen)
        self.pages.setCurrentIndex(2)

    def _finished(self) -> None:
        done, found = self.inspection, len(self.walk.recorded)
        self.inspection = None
        self.site = None
        self.task = None
        self.task_hint.hide()
        self.kind.setEnabled(True)
        self.pages.setCurrentIndex(0)
        self.refresh()
        if done is not None and found:
            self.offer_document(done.id)

    def offer_document(self, inspection_id: str) -> None:
        """Hazards were recorded: the notice is the next thing to hand over on site."""
        from fieldcheck.ui.documents.issue_dialog import IssueDialog

        self.issue_dialog = IssueDialog(self.state, inspection_id, self)
        self.issue_dialog.open()
