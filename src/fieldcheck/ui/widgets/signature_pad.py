# SPDX-License-Identifier: Apache-2.0
"""A handwritten signature pad: mouse, pen or finger; exported as PNG bytes."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor("#10204a")  # dark blue ink, as signed with a pen on paper
EXPORT_WIDTH = 900  # pixels: sharp when printed in a 6 cm signature box


class SignaturePad(QWidget):
    """Collects strokes in widget coordinates; empty until someone writes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[tuple[QPointF, float]]] = []  # (point, pressure 0..1)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setMinimumSize(360, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("手写签名区"))

    def is_empty(self) -> bool:
        return not any(len(s) > 1 for s in self.strokes)

    def clear(self) -> None:
        self.strokes.clear()
        self.update()
        self.changed.emit()

    # input: a stroke is press → moves → release, whatever the device
    def _begin(self, p: QPointF, pressure: float = 0.5) -> None:
        self.strokes.append([(p, pressure)])
        self.update()

    def _extend(self, p: QPointF, pressure: float = 0.5) -> None:
        if self.strokes:
            self.strokes[-1].append((p, pressure))
            self.update()

    def _end(self) -> None:
        self.changed.emit()

    def mousePressEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self._begin(e.position())

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        if e.buttons() & Qt.MouseButton.LeftButton:
            self._extend(e.position())

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self._extend(e.position())
            self._end()

    def tabletEvent(self, e: QTabletEvent) -> None:
        kind = e.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(e.position(), e.pressure())
        elif kind == QTabletEvent.Type.TabletMove and e.pressure() > 0:
            self._extend(e.position(), e.pressure())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        e.accept()

    def event(self, e: object) -> bool:
        if isinstance(e, QTouchEvent) and e.points():
            point = e.points()[0]
            if e.type() == QTouchEvent.Type.TouchBegin:
                self._begin(point.position())
            elif e.type() == QTouchEvent.Type.TouchUpdate:
                self._extend(point.position())
            elif e.type() == QTouchEvent.Type.TouchEnd:
                self._extend(point.position())
                self._end()
            e.accept()
            return True
        return super().event(e)  # type: ignore[arg-type]

    def paint_strokes(self, painter: QPainter, scale: float = 1.0) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for stroke in self.strokes:
            if len(stroke) == 1:
                p, pressure = stroke[0]
                painter.setPen(
                    QPen(
                        INK,
                        (1.5 + 3 * pressure) * scale,
                        Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap,
                    )
                )
                painter.drawPoint(p * scale)
                continue
            for (a, pa), (b, pb) in pairwise(stroke):
                width = (1.5 + 3 * (pa + pb) / 2) * scale
                painter.setPen(
                    QPen(
                        INK,
                        width,
                        Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin,
                    )
                )
                path = QPainterPath(a * scale)
                path.lineTo(b * scale)
                painter.drawPath(path)

    def paintEvent(self, _e: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#c0c4cc"), 1, Qt.PenStyle.DashLine))
        base = self.height() * 0.75
        painter.drawLine(QPointF(12, base), QPointF(self.width() - 12, base))
        if self.is_empty():
            painter.setPen(QColor("#8a8f98"))
            painter.drawText(
                QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.tr("请在此处签名")
            )
        self.paint_strokes(painter)
        painter.end()

    def to_png(self) -> bytes:
        """The signature as a PNG, transparent background, scaled to EXPORT_WIDTH pixels."""
        if self.is_empty():
            raise ValueError("the signature pad is empty")
        scale = EXPORT_WIDTH / max(1, self.width())
        image = QImage(
            EXPORT_WIDTH, max(1, round(self.height() * scale)), QImage.Format.Format_ARGB32
        )
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self.paint_strokes(painter, scale)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; Qt takes str
        buffer.close()
        return bytes(data.data())
