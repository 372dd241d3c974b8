# SPDX-License-Identifier: Apache-2.0
"""Weekly lines (found, closed, overdue) drawn with QPainter, like the bar charts beside it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

CLOSED = QColor("#2e7d32")
GRID = QColor("#e3e7ec")


class TrendChart(QWidget):
    """Named series over labelled points on the x axis; set_data replaces what is shown."""

    clicked = Signal(int)  # the week (point on the x axis) clicked

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.series: list[tuple[str, list[int], QColor]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(180)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_data(self, labels: list[str], series: list[tuple[str, list[int], QColor]]) -> None:
        self.labels = labels
        self.series = series
        self.setAccessibleDescription(
            "; ".join(f"{name}: {', '.join(map(str, values))}" for name, values, _c in series)
        )
        self.update()

    def _x_axis(self) -> tuple[float, float]:
        """(left edge of the plot, distance between weeks), as paintEvent lays them out."""
        fm = self.fontMetrics()
        peak = max([1, *(max(v) for _n, v, _c in self.series if v)])
        step = max(1, -(-peak // 4))
        left = fm.horizontalAdvance(str(step * 4)) + 10
        width = self.width() - left - 28
        return left, width / max(1, len(self.labels) - 1)

    def week_at(self, x: float) -> int:
        """The week nearest to x, or -1 when there is no data."""
        if not self.labels:
            return -1
        left, dx = self._x_axis()
        return min(len(self.labels) - 1, max(0, round((x - left) / dx)))

    def week_x(self, week: int) -> int:
        left, dx = self._x_axis()
        return int(left + week * dx)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        week = self.week_at(event.position().x())
        if week >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(week)

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        line = fm.height()
        ink = self.palette().windowText().color()
        p.setPen(ink)
        font = p.font()
        font.setBold(True)
        p.setFont(font)
        p.drawText(QRectF(0, 0, self.width(), line + 4), Qt.AlignmentFlag.AlignLeft, self.title)
        font.setBold(False)
        p.setFont(font)
        if not self.labels or not self.series:
            p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.tr("暂无数据"))
            return
        # Legend on the title line, right-aligned.
        x = float(self.width())
        for name, _v, color in reversed(self.series):
            x -= fm.horizontalAdvance(name) + 8
            p.setPen(ink)
            p.drawText(QPointF(x, line), name)
            x -= 22
            p.fillRect(QRectF(x, line / 2 - 2, 16, 5), color)
            x -= 14
        peak = max(1, max(max(v) for _n, v, _c in self.series))
        step = max(1, -(-peak // 4))  # four gridlines at round values
        top_value = step * 4
        left = fm.horizontalAdvance(str(top_value)) + 10
        top, bottom = line + 14, self.height() - line - 8
        width = self.width() - left - 28  # room for the last week's label
        height = max(10.0, bottom - top)
        for k in range(5):
            y = bottom - height * k / 4
            p.setPen(GRID)
            p.drawLine(QPointF(left, y), QPointF(left + width, y))
            p.setPen(ink)
            p.drawText(
                QRectF(0, y - line / 2, left - 6, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(step * k),
            )
        n = len(self.labels)
        dx = width / max(1, n - 1)
        every = max(1, -(-fm.horizontalAdvance("00-00 ") * n // max(1, int(width))))
        for i, label in enumerate(self.labels):
            if i % every == 0 or i == n - 1:
                p.drawText(
                    QRectF(left + i * dx - 40, bottom + 4, 80, line),
                    Qt.AlignmentFlag.AlignHCenter,
                    label,
                )
        for _name, values, color in self.series:
            p.setPen(QPen(color, 2))
            points = [
                QPointF(left + i * dx, bottom - height * v / top_value)
                for i, v in enumerate(values)
            ]
            p.drawPolyline(points)
            p.setBrush(color)
            for pt in points:
                p.drawEllipse(pt, 3, 3)
        p.end()
