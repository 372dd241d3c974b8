# SPDX-License-Identifier: Apache-2.0
"""Rendered pages on screen (a scrollable column) and on paper (painted at printer resolution)."""

from __future__ import annotations

from typing import Any

from PIL import Image
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

PREVIEW_DPI = 100.0
PRINT_DPI_CAP = 300.0  # PDFium at 600 dpi is slow and 100 MB a page; 300 is what text needs


def to_qimage(image: Image.Image) -> QImage:
    """A PIL RGB image as a QImage that owns its pixels."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    data = rgb.tobytes()
    w, h = rgb.size
    return QImage(data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def print_dpi(printer: QPrinter) -> float:
    """The resolution to draw pages at for this printer."""
    return float(min(max(printer.resolution(), 72), PRINT_DPI_CAP))


def paint_pages(printer: QPrinter, pages: list[Image.Image]) -> int:
    """Paint each page image onto the printer, fitted to the paper; returns pages painted."""
    printer.setFullPage(True)  # the PDF carries its own margins
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened for drawing")
    try:
        for i, page in enumerate(pages):
            if i:
                printer.newPage()
            image = to_qimage(page)
            area = painter.viewport()
            size = QSize(image.width(), image.height()).scaled(
                area.size(), Qt.AspectRatioMode.KeepAspectRatio
            )
            x = area.x() + (area.width() - size.width()) // 2
            y = area.y() + (area.height() - size.height()) // 2
            painter.drawImage(QRect(x, y, size.width(), size.height()), image)
    finally:
        painter.end()
    return len(pages)


class PageView(QScrollArea):
    """Pages one under the other, each with a thin frame, on a grey desk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageView")
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.desk = QWidget(self)
        self.desk.setObjectName("desk")
        self.column = QVBoxLayout(self.desk)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.column.setSpacing(16)
        self.setWidget(self.desk)
        self.pages: list[QLabel] = []
        self.message = QLabel(self.desk)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(self.message)

    def show_message(self, text: str) -> None:
        """Text instead of pages (while rendering, or when there is nothing to show)."""
        self.clear_pages()
        self.message.setText(text)
        self.message.setVisible(True)

    def clear_pages(self) -> None:
        for label in self.pages:
            label.deleteLater()
        self.pages = []

    def set_pages(self, images: list[Any]) -> None:
        """Show PIL images rendered at PREVIEW_DPI × the screen's pixel ratio."""
        self.clear_pages()
        self.message.setVisible(False)
        ratio = self.devicePixelRatioF()
        for i, image in enumerate(images):
            pixmap = QPixmap.fromImage(to_qimage(image))
            pixmap.setDevicePixelRatio(ratio)
            label = QLabel(self.desk)
            label.setObjectName("page")
            label.setFrameShape(QFrame.Shape.Box)
            label.setPixmap(pixmap)
            label.setAccessibleName(self.tr("第 %1 页").replace("%1", str(i + 1)))
            self.column.addWidget(label)
            self.pages.append(label)
        self.verticalScrollBar().setValue(0)
