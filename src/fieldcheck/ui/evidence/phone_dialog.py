# SPDX-License-Identifier: Apache-2.0
"""用手机拍照: the QR code of the phone upload page, and each photo as it arrives.

The receiver (services.phone.receiver) runs while this dialog is open and stops when
it closes or after ten idle minutes. Its threads report through a Qt signal, so the
list is only touched on the UI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.services.evidence.phone.qr import qr_png
from fieldcheck.services.evidence.phone.receiver import IDLE_MINUTES, PhoneReceiver
from fieldcheck.ui.evidence.photo_area import THUMB, PhotoArea, thumbnail
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState

HOST = "0.0.0.0"  # every interface: the phone reaches the laptop over Wi-Fi or its hotspot


class _Bridge(QObject):
    """Carries the receiver's events from its threads to the UI thread."""

    arrived = Signal(object)


class PhoneDialog(QDialog):
    """Shows the link as QR codes (most likely address first) and the photos received."""

    photo_stored = Signal(object)  # the AttachResult of a stored photo
    thumb_ready = Signal(str, str)  # file, thumbnail path

    def __init__(
        self,
        state: AppState,
        finding_id: str,
        kind: str,
        parent: QWidget | None = None,
        *,
        idle_minutes: float = IDLE_MINUTES,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("用手机拍照"))
        self.resize(900, 560)
        self.kind = kind
        self.bridge = _Bridge(self)
        self.bridge.arrived.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self.receiver = PhoneReceiver(
            state.ctx,
            finding_id,
            kind=kind,
            actor_id=state.actor_id,
            host=HOST,
            idle_minutes=idle_minutes,
            on_event=self.bridge.arrived.emit,
        )
        self.items: dict[str, QListWidgetItem] = {}
        self.stored = 0
        self.refused = 0
        self.codes = QTabWidget(self)
        self.codes.setObjectName("qrCodes")
        for address, url in zip(self.receiver.addresses, self.receiver.urls, strict=True):
            self.codes.addTab(self._code(url), address)
        steps = QLabel(
            self.tr(
                "1. 手机连上电脑所在的 Wi-Fi，或电脑开的移动热点。\n"
                "2. 用手机相机或微信“扫一扫”扫描二维码，打开网页。\n"
                "3. 点“拍照”或“从相册选择”，原图直接传到这条隐患。\n"
                "扫不开时换下一个地址的二维码。"
            ),
            self,
        )
        steps.setWordWrap(True)
        self.expiry = QLabel(self)
        self.expiry.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.codes)
        left.addWidget(steps)
        left.addWidget(self.expiry)
        left.addStretch(1)
        self.summary = QLabel(self.tr("等待手机发来照片…"), self)
        self.summary.setObjectName("heading")
        self.list = QListWidget(self)
        self.list.setObjectName("phonePhotos")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.list.setGridSize(QSize(THUMB + 72, THUMB + 72))
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        done = QPushButton(self.tr("完成"), self)
        done.setDefault(True)
        done.clicked.connect(self.accept)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.list, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(done)
        right.addLayout(bottom)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._show_expiry)
        self.timer.start(1000)
        self.receiver.start()
        self._show_expiry()
        self.finished.connect(self._stop)

    def _code(self, url: str) -> QWidget:
        page = QWidget(self)
        picture = QLabel(page)
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(url, box=6))
        picture.setPixmap(pixmap)
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        link = QLabel(url, page)
        link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        link.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box = QVBoxLayout(page)
        box.addWidget(picture)
        box.addWidget(link)
        return page

    def _show_expiry(self) -> None:
        if self.receiver.ended.is_set():
            return
        left = self.receiver.expires_at.astimezone()
        self.expiry.setText(
            self.tr("没有新照片时，链接在 %1 失效；关闭本窗口立即失效。").replace(
                "%1", f"{left:%H:%M:%S}"
            )
        )

    def _on_event(self, event: dict[str, Any]) -> None:
        kind = event.get("type")
        if kind == "ended":
            self.timer.stop()
            self.codes.setEnabled(False)
            self.expiry.setText(self.tr("已停止接收：长时间没有新照片。要继续，请关闭后重新打开。"))
            return
        if kind == "thumb":
            item = self.items.get(str(event["file"]))
            if item is not None:
                item.setIcon(thumbnail(Path(event["thumb_path"])))
            self.thumb_ready.emit(str(event["file"]), str(event["thumb_path"]))
            return
        result = event["result"]
        item = QListWidgetItem(self.list)
        if result.ok:
            self.stored += 1
            words = self.tr("已有，只存一份") if result.duplicate else self.tr("已保存")
            item.setText(f"{words} {result.file}")
            item.setToolTip(f"{result.file}\nSHA-256 {result.sha256[:16]}…")
            thumb = Path(result.thumb_path)
            item.setIcon(thumbnail(thumb) if thumb.is_file() else QIcon())
            self.items[result.file] = item
            self.photo_stored.emit(result)
        else:
            self.refused += 1
            item.setText(self.tr("未保存 %1").replace("%1", result.file))
            item.setToolTip(result.error)
            item.setForeground(Qt.GlobalColor.darkRed)
        self.list.scrollToItem(item)
        self.summary.setText(
            self.tr("已收到 %1 张，拒收 %2 张")
            .replace("%1", str(self.stored))
            .replace("%2", str(self.refused))
        )

    def _stop(self) -> None:
        self.timer.stop()
        self.receiver.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop()
        super().closeEvent(event)


class PhoneCamera(QObject):
    """The 用手机拍照 button of a photo area; opens the dialog for the saved finding."""

    def __init__(self, state: AppState, area: PhotoArea, kind: str) -> None:
        super().__init__(area)
        self.state, self.area, self.kind = state, area, kind
        self.finding_id: str | None = None
        self.dialog: PhoneDialog | None = None
        self.items: dict[str, QListWidgetItem] = {}
        self.button = QPushButton(self.tr("用手机拍照…"), area)
        self.button.setObjectName("phoneCamera")
        self.button.clicked.connect(self.open)
        area.add_button(self.button)
        self.set_finding(None)

    def set_finding(self, finding_id: str | None) -> None:
        """The finding phone photos go to; None (not saved yet) disables the button."""
        self.finding_id = finding_id
        self.button.setEnabled(finding_id is not None)
        self.button.setToolTip(
            self.tr("在手机上打开二维码网页，拍的原图直接存到这条隐患")
            if finding_id
            else self.tr("先保存隐患，再用手机拍照")
        )

    def open(self) -> None:
        if self.finding_id is None:
            return
        try:
            self.dialog = PhoneDialog(self.state, self.finding_id, self.kind, self.area.window())
        except (FieldcheckError, OSError) as exc:
            show_error(self.area, exc)
            return
        self.dialog.photo_stored.connect(self._stored)
        self.dialog.thumb_ready.connect(self._thumb)
        self.dialog.open()

    def _stored(self, result: Any) -> None:
        self.state.notify()
        if not result.duplicate:
            thumb = Path(result.thumb_path)
            self.items[result.file] = self.area.add_stored(
                thumb, self.kind, result.file, result.sha256, result.photo_id or None
            )

    def _thumb(self, file: str, path: str) -> None:
        if (item := self.items.get(file)) is not None:
            item.setIcon(thumbnail(Path(path)))
