# SPDX-License-Identifier: Apache-2.0
"""Windows and dialogs sized to the screen they open on, never larger than it.

A 1366×768 laptop with a taskbar leaves about 1366×728 for windows, and a window's
title bar takes ~30 px of that; the old fixed sizes (1200×760, 980×760) put 立即同步
and the document buttons below the bottom of the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the window manager's frame before the window is shown (title bar, borders).
FRAME = QSize(16, 40)


def available_area(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (or the primary one) that windows may use."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fit_size(width: int, height: int, area: QRect) -> QSize:
    """The preferred size cut down to what fits in area with the window's frame."""
    return QSize(
        max(320, min(width, area.width() - FRAME.width())),
        max(240, min(height, area.height() - FRAME.height())),
    )


def fit_to_screen(widget: QWidget, width: int, height: int, area: QRect | None = None) -> QSize:
    """Resize widget to width×height, or to its screen's available area if smaller.

    A top-level window is centred in the area; a dialog keeps Qt's placement over its
    parent, which the window manager keeps on screen.
    """
    area = area if area is not None else available_area(widget.parentWidget() or widget)
    size = fit_size(width, height, area)
    widget.resize(size)
    if widget.parentWidget() is None:
        top_left = area.center() - QRect(0, 0, size.width(), size.height()).center()
        widget.move(max(area.left(), top_left.x()), max(area.top(), top_left.y()))
    return size
