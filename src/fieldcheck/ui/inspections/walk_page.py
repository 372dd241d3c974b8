# SPDX-License-Identifier: Apache-2.0
"""Walking a checklist: 1 合格, 2 不合格 (records a prefilled hazard), 3 不适用; then finish."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.models import Finding, Inspection, Site
from fieldcheck.core.terms import ItemOutcome
from fieldcheck.services.findings import drafting
from fieldcheck.services.inspections import drafts, inspections
from fieldcheck.ui.findings.finding_dialog import FindingDialog
from fieldcheck.ui.inspections.clause_search import ClauseSearchDialog, search_start
from fieldcheck.ui.inspections.drafts_ui import EndIncompleteDialog, FinishQuestion
from fieldcheck.ui.inspections.item_list import ItemList
from fieldcheck.ui.inspections.item_pane import KEYS, ItemPane
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState


class WalkPage(QWidget):
    """The items of the chosen checklists, one at a time, with big buttons and keys."""

    finished = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.site: Site | None = None
        self.inspection: Inspection | None = None
        self.items: list[tuple[str, Any]] = []  # (checklist id, item)
        self.outcomes: dict[tuple[str, str], ItemOutcome] = {}
        self.recorded: list[Finding] = []
        self.checklists: list[Any] = []
        self.title = QLabel(self)
        self.title.setObjectName("heading")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a site's name as typed
        self.tally = QLabel(self)
        self.tally.setObjectName("tally")
        self.item_list = ItemList(self)
        self.item_pane = ItemPane(self)
        self.item_pane.marked.connect(self.mark)
        for outcome, key in KEYS.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda o=outcome: self.mark(o))
        self.other_button = QPushButton(self.tr("记录其他隐患（N）"), self)
        self.other_button.setShortcut("N")
        self.lookup_button = QPushButton(self.tr("查找条款（F4）"), self)
        self.lookup_button.setShortcut("F4")
        self.found_list = QListWidget(self)
        self.summary = QLineEdit(self)
        self.summary.setPlaceholderText(self.tr("检查小结（可不填）"))
        self.finish_button = QPushButton(self.tr("完成检查"), self)
        self.end_button = QPushButton(self.tr("结束为未完成…"), self)
        self.end_button.setToolTip(self.tr("检查无法继续时结束本次检查，并写明原因"))
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.item_list)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.item_pane)
        extra = QHBoxLayout()
        extra.addWidget(self.other_button)
        extra.addWidget(self.lookup_button)
        rl.addLayout(extra)
        rl.addWidget(QLabel(self.tr("本次记录的隐患"), self))
        rl.addWidget(self.found_list, 1)
        finish = QHBoxLayout()
        finish.addWidget(self.summary, 1)
        finish.addWidget(self.end_button)
        finish.addWidget(self.finish_button)
        rl.addLayout(finish)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([460, 620])
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.tally)
        layout.addLayout(head)
        layout.addWidget(splitter, 1)
        self.item_list.currentRowChanged.connect(self._show_item)
        self.other_button.clicked.connect(lambda: self.record(None))
        self.lookup_button.clicked.connect(self._lookup)
        self.found_list.itemActivated.connect(
            lambda i: state.open_finding.emit(str(i.data(Qt.ItemDataRole.UserRole)))
        )
        self.finish_button.clicked.connect(self.finish)
        self.end_button.clicked.connect(self.end_incomplete)

    def view_checklists(self) -> list[Any]:
        """The checklists being walked, in order."""
        return list(self.checklists)

    def begin(
        self,
        site: Site,
        inspection: Inspection,
        checklists: list[Any],
        *,
        outcomes: dict[tuple[str, str], ItemOutcome] | None = None,
        found: list[Finding] | None = None,
        at_index: int = 0,
    ) -> None:
        """Show the walk; a resumed one brings its stored answers and findings."""
        self.site, self.inspection = site, inspection
        self.checklists = list(checklists)
        self.items = [(c.id, item) for c in checklists for item in c.items]
        self.outcomes = dict(outcomes or {})
        self.recorded = []
        self.found_list.clear()
        for finding in found or []:
            self._list_finding(finding)
        self.summary.clear()
        self.title.setText(self.tr("第三步：检查 %1").replace("%1", site.name))
        self.item_list.fill(checklists, self.outcomes)
        self._update_tally()
        if self.items:
            self.select_item(at_index if 0 <= at_index < len(self.items) else 0)
        else:
            self.item_pane.no_items()
        self.item_pane.answerable(bool(self.items))
        self.item_list.setFocus()

    def refresh(self) -> None:
        """Re-read the findings listed: one may have been corrected or withdrawn (作废)."""
        if self.inspection is None:
            return
        known = {f.id for f in self.recorded}
        current = drafts.current_findings(self.state.ctx, self.inspection.id)
        self.recorded = []
        self.found_list.clear()
        for finding in current:
            if finding.id in known or finding.supersedes in known:
                self._list_finding(finding)

    def _list_finding(self, finding: Finding) -> None:
        self.recorded.append(finding)
        item = QListWidgetItem(finding.description, self.found_list)
        item.setData(Qt.ItemDataRole.UserRole, finding.id)

    def current_index(self) -> int:
        """The index in items of the item shown, or -1."""
        return self.item_list.current_index()

    def select_item(self, index: int) -> None:
        """Show items[index]."""
        self.item_list.select_item(index)

    def _update_tally(self) -> None:
        counts = {o: sum(1 for v in self.outcomes.values() if v is o) for o in ItemOutcome}
        self.tally.setText(
            self.tr("已查 %1/%2 · 合格 %3 · 不合格 %4 · 不适用 %5")
            .replace("%1", str(len(self.outcomes)))
            .replace("%2", str(len(self.items)))
            .replace("%3", str(counts[ItemOutcome.PASS]))
            .replace("%4", str(counts[ItemOutcome.FAIL]))
            .replace("%5", str(counts[ItemOutcome.NOT_APPLICABLE]))
        )

    def _show_item(self, row: int) -> None:
        if self.item_list.is_heading(row):
            following = self.item_list.first_item_from(row)
            if following is not None:  # a heading: go on to its first item
                self.select_item(following)
            return
        index = self.current_index()
        if not 0 <= index < len(self.items):
            return
        cid, item = self.items[index]
        self.item_pane.show_item(index, len(self.items), cid, item)

    def mark(self, outcome: ItemOutcome) -> None:
        """Record the current item's outcome; 不合格 opens a prefilled hazard."""
        index = self.current_index()
        if self.inspection is None or not 0 <= index < len(self.items):
            return
        cid, item = self.items[index]
        try:
            inspections.record_item_result(
                self.state.ctx,
                inspection_id=self.inspection.id,
                checklist_id=cid,
                item_id=item.id,
                outcome=outcome,
                actor_id=self.state.actor_id,
            )
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.outcomes[(cid, item.id)] = outcome
        self.item_list.show_outcome(index, item, outcome)
        self._update_tally()
        if outcome is ItemOutcome.FAIL:
            self.record(drafting.draft_from_item(cid, item))
        elif index + 1 < len(self.items):
            self.select_item(index + 1)

    def record(self, prefill: dict[str, Any] | None) -> None:
        """Open the finding editor for a new hazard in this inspection."""
        if self.inspection is None:
            return
        self.dialog = FindingDialog(
            self.state, self, inspection_id=self.inspection.id, prefill=prefill
        )
        # On save, not on close: a finding saved with a refused photo keeps its dialog
        # open to say so, and is in 本次记录的隐患 all the same.
        self.dialog.saved_finding.connect(self._recorded)
        self.dialog.finished.connect(lambda _r: self.item_list.setFocus())
        self.dialog.open()

    def _recorded(self, finding: Finding) -> None:
        if any(f.id == finding.id for f in self.recorded):
            return
        self._list_finding(finding)
        index = self.current_index()
        if index >= 0 and index + 1 < len(self.items):
            self.select_item(index + 1)

    def _lookup(self) -> None:
        index = self.current_index()
        item = self.items[index][1] if 0 <= index < len(self.items) else None
        query, prefer = search_start(item, self.site)
        self.search = ClauseSearchDialog(self, query, prefer=prefer)
        self.search.open()

    def unanswered(self) -> int:
        return sum(1 for cid, item in self.items if (cid, item.id) not in self.outcomes)

    def finish(self) -> None:
        """完成检查; with items unanswered it asks first and names how many."""
        if self.inspection is None:
            return
        unchecked = self.unanswered()
        if unchecked:
            self.confirm_box = FinishQuestion(unchecked, self)
            self.confirm_box.finish_anyway.clicked.connect(self._finish_now)
            self.confirm_box.open()
            return
        self._finish_now()

    def end_incomplete(self) -> None:
        """结束为未完成: the walk is abandoned; a reason is asked for and kept."""
        if self.inspection is None:
            return
        self.end_dialog = EndIncompleteDialog(self.state, self.inspection.id, self)
        self.end_dialog.accepted.connect(self._ended)
        self.end_dialog.open()

    def _ended(self) -> None:
        self.inspection = None
        self.finished.emit()

    def _finish_now(self) -> None:
        if self.inspection is None:
            return
        unchecked = self.unanswered()
        # “检查 5 项，发现隐患 1 项”; in English '5 items checked, 1 hazard found'.
        summary = self.summary.text().strip() or self.tr("%1，%2").replace(
            "%1", self.tr("检查 %n 项", "", len(self.outcomes))
        ).replace("%2", self.tr("发现隐患 %n 项", "", len(self.recorded)))
        if unchecked:
            summary += self.tr("（%1 项未检）").replace("%1", str(unchecked))
        try:
            inspections.finish_inspection(
                self.state.ctx, self.inspection.id, actor_id=self.state.actor_id, summary=summary
            )
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.inspection = None
        self.state.notify()
        self.finished.emit()
