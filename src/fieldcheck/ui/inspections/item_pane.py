# SPDX-License-Identifier: Apache-2.0
"""The checklist item being answered: its prompt, how to check it, and 合格/不合格/不适用."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldcheck.core.terms import ItemOutcome
from fieldcheck.ui.shell import catalog
from fieldcheck.ui.shell.labels import outcome_label

KEYS = {ItemOutcome.PASS: "1", ItemOutcome.FAIL: "2", ItemOutcome.NOT_APPLICABLE: "3"}


class ItemPane(QWidget):
    """One item with its three answer buttons; the keys 1/2/3 are the walk page's."""

    marked = Signal(object)  # ItemOutcome

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
            b = QPushButton(
                self.tr("%1（按 %2）").replace("%1", outcome_label(outcome)).replace("%2", key),
                self,
            )
            b.setToolTip(self.tr("快捷键：%1").replace("%1", key))
            b.setObjectName(f"outcome_{outcome.value}")
            b.setMinimumHeight(56)  # finger-sized on tablets
            b.clicked.connect(lambda _c=False, o=outcome: self.marked.emit(o))
            outcome_row.addWidget(b)
            self.buttons[outcome] = b
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.prompt)
        layout.addWidget(self.how)
        layout.addWidget(self.notice)
        layout.addLayout(outcome_row)

    def show_item(self, index: int, total: int, checklist_id: str, item: Any) -> None:
        """items[index] of total, with the notice on criteria this device does not hold."""
        major = self.tr("（可能构成重大事故隐患）") if item.criteria else ""
        self.prompt.setText(f"{index + 1}/{total}  {item.prompt}{major}")
        self.how.setText(self.tr("怎么查：%1").replace("%1", item.how_to_check or "—"))
        found = catalog.notices(checklist_id=checklist_id, item_id=item.id)
        self.notice.setText("\n".join(found))
        self.notice.setVisible(bool(found))

    def no_items(self) -> None:
        self.prompt.setText(self.tr("没有选用检查表：发现隐患时按“记录其他隐患”。"))

    def answerable(self, yes: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(yes)
