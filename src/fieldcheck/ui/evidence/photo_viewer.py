# SPDX-License-Identifier: Apache-2.0
"""A photo full size: zoom (wheel, +/-), pan (drag), its time, GPS and hash; mark-up."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPen, QPixmap, QShowEvent, QWheelEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGraphicsEllipseItem,
    QGraphicsLineItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.ui.widgets.screen import fit_to_screen

ZOOM_STEP = 1.25


class PhotoView(QGraphicsView):
    """The picture, zoomed with the wheel and panned by dragging; draws shapes in mark-up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.pixmap_item = QGraphicsPixmapItem()
        self.scene().addItem(self.pixmap_item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.zoom = 1.0
        self.tool: str | None = None  # "circle" / "arrow" while marking up
        self.shapes: list[tuple[str, QPointF, QPointF]] = []  # in image pixels
        self._start: QPointF | None = None
        self._preview: Any = None
        self._fitted = False

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self.pixmap_item.setPixmap(pixmap)
        self.scene().setSceneRect(QRectF(pixmap.rect()))
        self.fit()

    def fit(self) -> None:
        """The whole picture in the window."""
        self.resetTransform()
        self.fitInView(self.pixmap_item, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom = self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        self.scale(factor, factor)
        self.zoom = self.transform().m11()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:  # the first fit needs the view's real size
            self._fitted = True
            self.fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)

    def set_tool(self, tool: str | None) -> None:
        self.tool = tool
        mode = QGraphicsView.DragMode.NoDrag if tool else QGraphicsView.DragMode.ScrollHandDrag
        self.setDragMode(mode)

    def _clamped(self, pos: QPointF) -> QPointF:
        rect = self.scene().sceneRect()
        return QPointF(
            min(max(pos.x(), rect.left()), rect.right()),
            min(max(pos.y(), rect.top()), rect.bottom()),
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.tool and event.button() == Qt.MouseButton.LeftButton:
            self._start = self._clamped(self.mapToScene(event.position().toPoint()))
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.tool and self._start is not None:
            end = self._clamped(self.mapToScene(event.position().toPoint()))
            if self._preview is not None:
                self.scene().removeItem(self._preview)
            self._preview = self._draw(self.tool, self._start, end)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.tool and self._start is not None:
            end = self._clamped(self.mapToScene(event.position().toPoint()))
            if self._preview is not None:
                self.scene().removeItem(self._preview)
                self._preview = None
            self.add_shape(self.tool, self._start, end)
            self._start = None
            return
        super().mouseReleaseEvent(event)

    def add_shape(self, kind: str, a: QPointF, b: QPointF) -> None:
        self.shapes.append((kind, a, b))
        self._draw(kind, a, b)

    def _draw(self, kind: str, a: QPointF, b: QPointF) -> Any:
        pen = QPen(Qt.GlobalColor.red, max(3.0, self.scene().sceneRect().width() / 150))
        item: QGraphicsEllipseItem | QGraphicsLineItem
        if kind == "circle":
            item = QGraphicsEllipseItem(QRectF(a, b).normalized())
        else:
            item = QGraphicsLineItem(a.x(), a.y(), b.x(), b.y())
        item.setPen(pen)
        self.scene().addItem(item)
        return item

    def clear_shapes(self) -> None:
        for item in list(self.scene().items()):
            if item is not self.pixmap_item:
                self.scene().removeItem(item)
        self.shapes.clear()


class PhotoViewer(QDialog):
    """One photo full size with its facts; a stored photo can be marked up."""

    def __init__(
        self, state: Any, facts: Any, parent: QWidget | None = None, *, photo_id: str = ""
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.facts = facts
        self.photo_id = photo_id
        self.setWindowTitle(self.tr("照片 · %1").replace("%1", facts.name))
        fit_to_screen(self, 1100, 800)
        self.view = PhotoView(self)
        self.view.set_pixmap(QPixmap(str(facts.path)))
        self.info = QLabel(self.describe(facts), self)
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        zoom_in = QPushButton(self.tr("放大（+）"), self)
        zoom_out = QPushButton(self.tr("缩小（-）"), self)
        whole = QPushButton(self.tr("整张（0）"), self)
        close = QPushButton(self.tr("关闭窗口"), self)
        zoom_in.clicked.connect(lambda: self.view.zoom_by(ZOOM_STEP))
        zoom_out.clicked.connect(lambda: self.view.zoom_by(1 / ZOOM_STEP))
        whole.clicked.connect(self.view.fit)
        close.clicked.connect(self.reject)
        self.view.setFocus()
        row = QHBoxLayout()
        for b in (zoom_in, zoom_out, whole):
            row.addWidget(b)
        self.circle = QPushButton(self.tr("画圈"), self)
        self.arrow = QPushButton(self.tr("画箭头"), self)
        self.save_markup = QPushButton(self.tr("保存标注"), self)
        self.clear_markup = QPushButton(self.tr("清除标注"), self)
        tools = QButtonGroup(self)
        tools.setExclusive(False)
        for b, tool in ((self.circle, "circle"), (self.arrow, "arrow")):
            b.setCheckable(True)
            tools.addButton(b)
            b.toggled.connect(lambda on, t=tool: self._tool(t, on))
        self.save_markup.clicked.connect(self.store_markup)
        self.clear_markup.clicked.connect(self.view.clear_shapes)
        for b in (self.circle, self.arrow, self.clear_markup, self.save_markup):
            b.setVisible(bool(photo_id))  # only a stored photo is marked up
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.info)
        layout.addLayout(row)

    def describe(self, facts: Any) -> str:
        """Time, GPS and hash, in words."""
        taken = facts.taken_at or self.tr("照片里没有记录")
        if facts.gps is not None:
            gps = f"{facts.gps.lat:.6f}, {facts.gps.lon:.6f}"
        else:
            gps = self.tr("照片里没有记录")
        lines = [
            self.tr("拍摄时间：%1").replace("%1", taken.replace("T", " ")),
            self.tr("位置（GPS）：%1").replace("%1", gps),
            self.tr("原图 SHA-256：%1").replace("%1", facts.sha256),
        ]
        if facts.marked_up is not None:
            lines.append(self.tr("已有标注（标注另存为副本，原图未改动）"))
        return "\n".join(lines)

    def _tool(self, tool: str, on: bool) -> None:
        other = self.arrow if tool == "circle" else self.circle
        if on:
            other.setChecked(False)
            self.view.set_tool(tool)
        elif not other.isChecked():
            self.view.set_tool(None)

    def shapes(self) -> list[Any]:
        """The drawn shapes in fractions of the picture, for the photo service."""
        from fieldcheck.photos.markup import Shape

        rect = self.view.scene().sceneRect()
        w, h = max(rect.width(), 1.0), max(rect.height(), 1.0)
        out = []
        for kind, a, b in self.view.shapes:
            coords = [a.x() / w, a.y() / h, b.x() / w, b.y() / h]
            out.append(Shape(kind, *(min(max(c, 0.0), 1.0) for c in coords)))  # type: ignore[arg-type]
        return out

    def store_markup(self) -> None:
        from fieldcheck.core.errors import FieldcheckError
        from fieldcheck.services.evidence import markup, viewing
        from fieldcheck.ui.shell.messages import show_error

        try:
            markup.save_markup(self.state.ctx, self.photo_id, self.shapes())
            self.facts = viewing.stored_facts(self.state.ctx, self.photo_id)
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.info.setText(self.describe(self.facts))
        self.state.notify()
