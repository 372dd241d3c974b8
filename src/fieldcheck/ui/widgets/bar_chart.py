# SPDX-License-Identifier: Apache-2.0
"""A plain horizontal bar chart drawn with QPainter (QtCharts is not in PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#2f6fb0")
ALERT = QColor("#b3261e")


class BarChart(QWidget):
    """Labelled bars with their values; set_data replaces what is shown; clicked(row)."""

    clicked = Signal(int)  # the row of the bar clicked

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.data: list[tuple[str, int, bool]] = []  # (label, value, highlight)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_data(self, data: list[tuple[str, int, bool]]) -> None:
        self.data = data
        self.setAccessibleDescription("; ".join(f"{label} {value}" for label, value, _h in data))
        self.update()

    def _rows(self) -> tuple[float, float]:
        """(top of the first row, row height), as paintEvent lays them out."""
        line = self.fontMetrics().height()
        top = line + 10
        row_h = min(line * 2.2, max(line + 6, (self.height() - top) / max(1, len(self.data))))
        return top, row_h

    def row_at(self, y: float) -> int:
        """The row under y, or -1."""
        top, row_h = self._rows()
        row = int((y - top) // row_h) if y >= top else -1
        return row if 0 <= row < len(self.data) else -1

    def row_center_y(self, row: int) -> int:
        top, row_h = self._rows()
        return int(top + row * row_h + row_h / 2)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().y())
        if row >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(row)

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        line = fm.height()
        p.setPen(self.palette().windowText().color())
        font = p.font()
        font.setBold(True)
        p.setFont(font)
        p.drawText(QRectF(0, 0, self.width(), line + 4), Qt.AlignmentFlag.AlignLeft, self.title)
        font.setBold(False)
        p.setFont(font)
        if not self.data:
            p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.tr("暂无数据"))
            return
        label_w = min(
            self.width() * 0.4, max(fm.horizontalAdvance(lb) for lb, _v, _h in self.data) + 12
        )
        value_w = fm.horizontalAdvance("0000000") + 8
        top, row_h = self._rows()
        bar_h = min(row_h - 6, line + 4)
        peak = max(v for _l, v, _h in self.data) or 1
        span = max(10.0, self.width() - label_w - value_w)
        for i, (label, value, highlight) in enumerate(self.data):
            y = top + i * row_h
            if y + row_h > self.height() + 1:  # never a row cut in half at the bottom
                break
            p.setPen(self.palette().windowText().color())
            p.drawText(
                QRectF(0, y, label_w - 8, row_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(label, Qt.TextElideMode.ElideRight, int(label_w - 8)),
            )
            width = span * value / peak
            p.fillRect(
                QRectF(label_w, y + (row_h - bar_h) / 2, width, bar_h), ALERT if highlight else BAR
            )
            p.drawText(
                QRectF(label_w + width + 4, y, value_w, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
        p.end()
