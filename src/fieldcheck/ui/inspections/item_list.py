# SPDX-License-Identifier: Apache-2.0
"""The walk's list of checklist items, under their checklist's title and section."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from fieldcheck.core.terms import ItemOutcome
from fieldcheck.ui.shell.labels import outcome_label

MIN_ROW = 32  # px: a row a finger can hit on a touch screen
HEADING = Qt.ItemDataRole.UserRole + 1  # a checklist title or a section, not an item


class WrappingRows(QStyledItemDelegate):
    """Rows as tall as their wrapped text, and never below MIN_ROW."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        view = self.parent()
        width = view.viewport().width() - 16 if isinstance(view, QListWidget) else 400
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        rect = QFontMetrics(font).boundingRect(
            QRect(0, 0, max(width, 120), 100_000), Qt.TextFlag.TextWordWrap, text
        )
        return QSize(max(width, 120), max(MIN_ROW, rect.height() + 12))


class ItemList(QListWidget):
    """Items with their outcome marks; headings are shown but never selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemList")
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setItemDelegate(WrappingRows(self))
        self.rows: list[int | None] = []  # list row -> index in items (None: a heading)

    def fill(self, checklists: list[Any], outcomes: dict[tuple[str, str], ItemOutcome]) -> None:
        """Items grouped under their checklist's title and their section (group)."""
        self.clear()
        self.rows = []
        bold = QFont(self.font())
        bold.setBold(True)
        index = 0
        for checklist in checklists:
            self._heading(checklist.title, bold)
            group = None
            for item in checklist.items:
                if item.group and item.group != group:
                    self._heading("　" + item.group, bold)
                group = item.group
                outcome = outcomes.get((checklist.id, item.id))
                QListWidgetItem(self.item_text(item, outcome), self)
                self.rows.append(index)
                index += 1

    def _heading(self, text: str, font: QFont) -> None:
        heading = QListWidgetItem(text, self)
        heading.setFont(font)
        heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not selectable: keys skip it
        heading.setData(HEADING, True)
        self.rows.append(None)

    def item_text(self, item: Any, outcome: ItemOutcome | None) -> str:
        mark = (
            self.tr("【%1】").replace("%1", outcome_label(outcome))
            if outcome
            else self.tr("【　　】")
        )
        return f"{mark} {item.prompt}"

    def show_outcome(self, index: int, item: Any, outcome: ItemOutcome) -> None:
        self.item(self.rows.index(index)).setText(self.item_text(item, outcome))

    def is_heading(self, row: int) -> bool:
        return 0 <= row < len(self.rows) and self.rows[row] is None

    def first_item_from(self, row: int) -> int | None:
        """The index of the first item at or after list row ``row``."""
        return next((i for i in self.rows[row:] if i is not None), None)

    def current_index(self) -> int:
        """The index in items of the item shown, or -1."""
        row = self.currentRow()
        index = self.rows[row] if 0 <= row < len(self.rows) else None
        return -1 if index is None else index

    def select_item(self, index: int) -> None:
        """Show items[index]."""
        if index in self.rows:
            self.setCurrentRow(self.rows.index(index))
