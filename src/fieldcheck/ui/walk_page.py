# SPDX-License-Identifier: Apache-2.0
"""Walking a checklist: 1 合格, 2 不合格 (records a prefilled hazard), 3 不适用; then finish."""

from __future__ import annotations

from datetime import timedelta
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

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.models import Finding, Inspection, ItemOutcome, Site
from fieldcheck.services import inspections
from fieldcheck.ui import catalog
from fieldcheck.ui.clause_search import ClauseSearchDialog
from fieldcheck.ui.finding_dialog import FindingDialog
from fieldcheck.ui.labels import outcome_label
from fieldcheck.ui.messages import show_error
from fieldcheck.ui.state import AppState

KEYS = {ItemOutcome.PASS: "1", ItemOutcome.FAIL: "2", ItemOutcome.NOT_APPLICABLE: "3"}


def prefill_from_item(checklist_id: str, item: Any) -> dict[str, Any]:
    """A new finding's fields from a failed checklist item: level, measures, deadline, clause."""
    criteria = item.criteria[0] if item.criteria else None
    return {
        "description": item.prompt.removeprefix("是否") + "：不符合要求",
        "measures": item.measures,
        "deadline": clock.today() + timedelta(days=item.deadline_days),
        "criteria_id": criteria.criteria_id if criteria else None,
        "clause_ref": criteria.ref if criteria else None,
        "legal_basis": item.legal_basis or None,
        "suspected_major": str(item.default_level) == "major",
        "checklist_id": checklist_id,
        "item_id": item.id,
    }


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
        self.title = QLabel(self)
        self.title.setObjectName("heading")
        self.item_list = QListWidget(self)
        self.item_list.setObjectName("itemList")
        self.prompt = QLabel(self)
        self.prompt.setObjectName("prompt")
        self.prompt.setWordWrap(True)
        self.how = QLabel(self)
        self.how.setWordWrap(True)
        self.notice = QLabel(self)  # criteria we do not hold: who decides instead
        self.notice.setObjectName("criteriaNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.buttons: dict[ItemOutcome, QPushButton] = {}
        outcome_row = QHBoxLayout()
        for outcome, key in KEYS.items():
            b = QPushButton(f"{outcome_label(outcome)}（{key}）", self)
            b.setObjectName(f"outcome_{outcome.value}")
            b.setMinimumHeight(56)  # finger-sized on tablets
            b.clicked.connect(lambda _c=False, o=outcome: self.mark(o))
            outcome_row.addWidget(b)
            self.buttons[outcome] = b
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda o=outcome: self.mark(o))
        self.other_button = QPushButton(self.tr("记录其他隐患（N）"), self)
        self.other_button.setShortcut("N")
        self.lookup_button = QPushButton(self.tr("查找条款（F4）"), self)
        self.lookup_button.setShortcut("F4")
        self.lookup_button.setEnabled(catalog.available())
        self.found_list = QListWidget(self)
        self.summary = QLineEdit(self)
        self.summary.setPlaceholderText(self.tr("检查小结（可不填）"))
        self.finish_button = QPushButton(self.tr("完成检查"), self)
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.item_list)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.prompt)
        rl.addWidget(self.how)
        rl.addWidget(self.notice)
        rl.addLayout(outcome_row)
        extra = QHBoxLayout()
        extra.addWidget(self.other_button)
        extra.addWidget(self.lookup_button)
        rl.addLayout(extra)
        rl.addWidget(QLabel(self.tr("本次记录的隐患"), self))
        rl.addWidget(self.found_list, 1)
        finish = QHBoxLayout()
        finish.addWidget(self.summary, 1)
        finish.addWidget(self.finish_button)
        rl.addLayout(finish)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([460, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(splitter, 1)
        self.item_list.currentRowChanged.connect(self._show_item)
        self.other_button.clicked.connect(lambda: self.record(None))
        self.lookup_button.clicked.connect(self._lookup)
        self.found_list.itemActivated.connect(
            lambda i: state.open_finding.emit(str(i.data(Qt.ItemDataRole.UserRole)))
        )
        self.finish_button.clicked.connect(self.finish)

    def begin(self, site: Site, inspection: Inspection, checklists: list[Any]) -> None:
        self.site, self.inspection = site, inspection
        self.items = [(c.id, item) for c in checklists for item in c.items]
        self.outcomes.clear()
        self.recorded.clear()
        self.found_list.clear()
        self.summary.clear()
        self.title.setText(
            self.tr("第三步：检查 %1 · 共 %2 项（1 合格 · 2 不合格 · 3 不适用）")
            .replace("%1", site.name)
            .replace("%2", str(len(self.items)))
        )
        self.item_list.clear()
        for cid, item in self.items:
            QListWidgetItem(self._item_text(cid, item), self.item_list)
        if self.items:
            self.item_list.setCurrentRow(0)
        else:
            self.prompt.setText(self.tr("没有选用检查表：发现隐患时按“记录其他隐患”。"))
        for b in self.buttons.values():
            b.setEnabled(bool(self.items))
        self.item_list.setFocus()

    def refresh(self) -> None:
        """Nothing to reload: the page holds what this inspection recorded."""

    def _item_text(self, cid: str, item: Any) -> str:
        outcome = self.outcomes.get((cid, item.id))
        mark = f"【{outcome_label(outcome)}】" if outcome else "【　　】"
        return f"{mark} {item.group} · {item.prompt}" if item.group else f"{mark} {item.prompt}"

    def _show_item(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        _cid, item = self.items[row]
        major = self.tr("（可能构成重大事故隐患）") if item.criteria else ""
        self.prompt.setText(f"{row + 1}/{len(self.items)}  {item.prompt}{major}")
        self.how.setText(self.tr("怎么查：%1").replace("%1", item.how_to_check or "—"))
        found = catalog.notices(checklist_id=_cid, item_id=item.id)
        self.notice.setText("\n".join(found))
        self.notice.setVisible(bool(found))

    def mark(self, outcome: ItemOutcome) -> None:
        """Record the current item's outcome; 不合格 opens a prefilled hazard."""
        row = self.item_list.currentRow()
        if self.inspection is None or not 0 <= row < len(self.items):
            return
        cid, item = self.items[row]
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
        self.item_list.item(row).setText(self._item_text(cid, item))
        if outcome is ItemOutcome.FAIL:
            self.record(prefill_from_item(cid, item))
        elif row + 1 < len(self.items):
            self.item_list.setCurrentRow(row + 1)

    def record(self, prefill: dict[str, Any] | None) -> None:
        """Open the finding editor for a new hazard in this inspection."""
        if self.inspection is None:
            return
        self.dialog = FindingDialog(
            self.state, self, inspection_id=self.inspection.id, prefill=prefill
        )
        self.dialog.accepted.connect(self._recorded)
        self.dialog.open()

    def _recorded(self) -> None:
        finding = self.dialog.saved
        if finding is None:
            return
        self.recorded.append(finding)
        item = QListWidgetItem(finding.description, self.found_list)
        item.setData(Qt.ItemDataRole.UserRole, finding.id)
        row = self.item_list.currentRow()
        if row + 1 < len(self.items):
            self.item_list.setCurrentRow(row + 1)
        self.item_list.setFocus()

    def _lookup(self) -> None:
        self.search = ClauseSearchDialog(self)
        self.search.open()

    def finish(self) -> None:
        if self.inspection is None:
            return
        unchecked = len(self.items) - len(self.outcomes)
        summary = self.summary.text().strip() or self.tr("检查 %1 项，发现隐患 %2 项").replace(
            "%1", str(len(self.outcomes))
        ).replace("%2", str(len(self.recorded)))
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
