# SPDX-License-Identifier: Apache-2.0
"""A lazy table model over the ledger: counts once, then fetches pages as the view scrolls."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from fieldcheck.core.citation import cite
from fieldcheck.core.loop import OPEN_STATUSES, Status
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import ledger
from fieldcheck.services.findings.ledger import LedgerEntry, LedgerFilter
from fieldcheck.ui.shell.labels import (
    OVERDUE_COLOR,
    date_text,
    datetime_text,
    level_color,
    level_words,
    status_label,
)

PAGE = 200  # rows per fetch: a few screens, one short query
Index = QModelIndex | QPersistentModelIndex
# The (level, major status) a hazard can have: recorded general or major, flagged and
# awaiting the expert, confirmed, or downgraded to general.
LEVEL_CASES = (
    ("general", None),
    ("major", None),
    ("major", "suspected"),
    ("major", "confirmed"),
    ("general", "downgraded"),
)
# The (status, overdue) a hazard can have: only the open ones can be 逾期.
STATUS_CASES = tuple((s.value, False) for s in Status) + tuple(
    (s.value, True) for s in Status if s in OPEN_STATUSES
)


def level_text(level: str, major_status: str | None) -> str:
    """等级 as the ledger shows it: 重大隐患（专家已确认）; 疑似重大，待专家确认 alone."""
    words = level_words(level, major_status)
    if len(words) == 1:
        return words[0]
    return (
        QCoreApplication.translate("LedgerModel", "%1（%2）")
        .replace("%1", words[0])
        .replace("%2", words[1])
    )


def status_text(status: str, overdue: bool) -> str:
    """状态 as the ledger shows it: 整改中, or 整改中 · 逾期 past the deadline."""
    text = status_label(status)
    if not overdue:
        return text
    return QCoreApplication.translate("LedgerModel", "%1 · 逾期").replace("%1", text)


class LedgerModel(QAbstractTableModel):
    """隐患台账 rows; canFetchMore/fetchMore page through ledger(limit, offset).

    Opening runs one page query only; the exact total (a count over every row) is
    left to the caller to fetch in the background and hand over with set_total.
    """

    COLUMNS = ("site", "description", "place", "level", "status", "clause", "found", "deadline")

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = LedgerFilter()
        self.total: int | None = None  # unknown until counted
        self.more = False  # the last page was full, so there may be more rows
        self.rows: list[LedgerEntry] = []
        self.titles: dict[str, str] = {}
        self.sort_key: tuple[str, bool] = ("", False)
        self.headers = [
            QCoreApplication.translate("LedgerModel", "单位"),
            QCoreApplication.translate("LedgerModel", "隐患描述"),
            QCoreApplication.translate("LedgerModel", "部位"),
            QCoreApplication.translate("LedgerModel", "等级"),
            QCoreApplication.translate("LedgerModel", "状态"),
            QCoreApplication.translate("LedgerModel", "依据条款"),
            QCoreApplication.translate("LedgerModel", "发现时间"),
            QCoreApplication.translate("LedgerModel", "整改期限"),
        ]

    def set_filter(self, f: LedgerFilter) -> None:
        """Show the hazards matching f, starting again from the first page."""
        self.beginResetModel()
        key, descending = self.sort_key
        self.filter = replace(f, limit=None, offset=0, sort=key, descending=descending)
        self.total = None
        self.rows = ledger.ledger(self.ctx, replace(self.filter, limit=PAGE, offset=0))
        self.more = len(self.rows) == PAGE
        self.endResetModel()

    def _set_title(self, criteria_id: str | None) -> str:
        """《工贸企业重大事故隐患判定标准》 for a clause, looked up once per set."""
        if not criteria_id:
            return ""
        if criteria_id not in self.titles:
            from fieldcheck.services.documents.notice_data import criteria_title

            self.titles[criteria_id] = criteria_title(criteria_id)
        return self.titles[criteria_id]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column in the database, so all pages follow the order."""
        key = self.COLUMNS[column] if 0 <= column < len(self.COLUMNS) else ""
        self.sort_key = (key, order == Qt.SortOrder.DescendingOrder)
        self.set_filter(self.filter)

    def set_total(self, f: LedgerFilter, total: int) -> None:
        """The count for filter f, when it arrives (ignored if the filter changed since)."""
        key, descending = self.sort_key
        if replace(f, limit=None, offset=0, sort=key, descending=descending) == self.filter:
            self.total = total

    def reload(self) -> None:
        self.set_filter(self.filter)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        page = ledger.ledger(self.ctx, replace(self.filter, limit=PAGE, offset=len(self.rows)))
        self.more = len(page) == PAGE
        if not page:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    def entry(self, row: int) -> LedgerEntry:
        return self.rows[row]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(e, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if e.overdue and column in ("status", "deadline"):
                return QBrush(OVERDUE_COLOR)
            color = level_color(e.level, e.major_status) if column == "level" else None
            if color is not None:
                return QBrush(color)
        if role == Qt.ItemDataRole.UserRole:
            return e.id
        return None

    def _text(self, e: LedgerEntry, column: str) -> str:
        if column == "site":
            return e.site_name
        if column == "description":
            return e.description
        if column == "place":
            return e.place
        if column == "level":
            return level_text(e.level, e.major_status)
        if column == "status":
            return status_text(e.status, e.overdue)
        if column == "clause":
            if not e.clause_ref:
                return ""
            # 《工贸企业重大事故隐患判定标准》第三条第（二）项, however the ref was typed
            return cite(self._set_title(e.criteria_id), e.clause_ref)
        if column == "found":
            return datetime_text(e.found_at)
        return date_text(e.deadline)
