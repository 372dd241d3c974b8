# SPDX-License-Identifier: Apache-2.0
"""A document (文书) on screen: its rendered pages; print, print directly, save as PDF, void."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.reports import raster
from fieldcheck.reports.wording import TITLES, copies
from fieldcheck.services.documents import notices, printing
from fieldcheck.ui.documents.rendered import Loaded, load_document, sign_document
from fieldcheck.ui.documents.void_dialog import VoidDialog
from fieldcheck.ui.shell.labels import notice_kind_label
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.ops import run_op
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.page_view import PREVIEW_DPI, PageView, paint_pages, print_dpi
from fieldcheck.ui.widgets.passphrase import passphrase_field
from fieldcheck.ui.widgets.screen import fit_to_screen


class DocumentDialog(QDialog):
    """The preview of one notice with what can be done with it."""

    def __init__(
        self,
        state: AppState,
        notice_id: str,
        parent: QWidget | None = None,
        *,
        loaded: Loaded | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.notice_id = notice_id
        self.loaded: Loaded | None = None
        self.op: Any = None
        self.printed_pages = 0
        self.setWindowTitle(self.tr("文书预览"))
        fit_to_screen(self, 980, 760)
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setObjectName("docNote")
        self.note.setWordWrap(True)
        self.pages = PageView(self)
        self.passphrase = passphrase_field(self, self.tr("签发人本人的签名密码"))
        self.sign_button = QPushButton(self.tr("签名生成正式文书"), self)
        self.print_button = QPushButton(self.tr("打印…（Ctrl+P）"), self)
        self.print_button.setShortcut("Ctrl+P")
        self.direct_button = QPushButton(self.tr("直接打印"), self)
        self.direct_button.setToolTip(self.tr("不弹出对话框，送到系统默认打印机"))
        self.save_button = QPushButton(self.tr("另存为 PDF…"), self)
        self.void_button = QPushButton(self.tr("作废…"), self)
        close = QPushButton(self.tr("关闭"), self)
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.passphrase, 1)
        sign_row.addWidget(self.sign_button)
        self.sign_box = QWidget(self)
        self.sign_box.setLayout(sign_row)
        buttons = QHBoxLayout()
        for b in (self.print_button, self.direct_button, self.save_button, self.void_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.sign_box)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.sign_button.clicked.connect(self.sign)
        self.print_button.clicked.connect(self.print_dialog)
        self.direct_button.clicked.connect(self.print_direct)
        self.save_button.clicked.connect(self.save_as)
        self.void_button.clicked.connect(self.ask_void)
        close.clicked.connect(self.reject)
        if loaded is not None:
            self._show(loaded)
        else:
            self.reload()

    def _busy(self, text: str) -> None:
        for b in (self.print_button, self.direct_button, self.save_button, self.void_button):
            b.setEnabled(False)
        self.sign_box.setVisible(False)
        self.note.setText(text)

    def reload(self) -> None:
        """Render (if needed) and rasterise off the UI thread."""
        self._busy(self.tr("正在生成文书页面…"))
        self.pages.show_message(self.tr("正在生成文书页面…"))
        ctx, nid, dpi = self.state.ctx, self.notice_id, self._dpi()
        self.op = run_op(self, lambda _p: load_document(ctx, nid, dpi), success=self._show)

    def _dpi(self) -> float:
        return PREVIEW_DPI * self.devicePixelRatioF()

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        n = loaded.notice
        title = notice_kind_label(n.kind)
        self.setWindowTitle(self.tr("%1 · %2").replace("%1", title).replace("%2", n.number))
        state = self.tr("已作废：%1").replace("%1", n.void_reason or "") if n.voided else ""
        self.heading.setText(
            f"{title}　{n.number}" + (self.tr("（%1）").replace("%1", state) if state else "")
        )
        notes = [
            self.tr("已签名（PAdES），共 %n 页。PDF：%2", "", len(loaded.pages)).replace(
                "%2", str(loaded.path)
            )
            if loaded.signed
            else self.tr(
                "未签名样稿，共 %n 页：本机没有这份文书的签名 PDF。", "", len(loaded.pages)
            )
        ]
        notes += loaded.warnings
        self.note.setText("\n".join(notes))
        self.pages.set_pages(loaded.pages)
        mine = n.issued_by == self.state.actor_id
        self.sign_box.setVisible(not loaded.signed and mine)
        for b in (self.print_button, self.direct_button, self.save_button):
            b.setEnabled(True)
        self.void_button.setEnabled(not n.voided)

    def sign(self) -> None:
        if not self.passphrase.text():
            self.note.setText(self.tr("请输入签发人本人的签名密码"))
            return
        ctx, nid, dpi, secret = self.state.ctx, self.notice_id, self._dpi(), self.passphrase.text()
        self.passphrase.clear()
        self._busy(self.tr("正在签名并生成文书…"))
        self.op = run_op(
            self,
            lambda _p: sign_document(ctx, nid, secret, dpi),
            success=self._show,
            failure=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        if self.loaded is not None:
            self._show(self.loaded)
        show_error(self, exc)

    def print_dialog(self) -> None:
        """Qt's print dialog; the pages are drawn again at the printer's resolution."""
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setDocName(self.windowTitle())
        self.printer.setCopyCount(self.copies())  # 一式两份: the paper says how many
        self.print_box = QPrintDialog(self.printer, self)
        self.print_box.accepted.connect(lambda: self.print_to(self.printer))
        self.print_box.show()  # window-modal through its parent; never blocks tests

    def copies(self) -> int:
        """How many copies the document says it is made in."""
        return copies(self.loaded.notice.kind) if self.loaded is not None else 1

    def print_to(self, printer: QPrinter) -> Any:
        """Rasterise for printer off the UI thread, then paint (painting needs this thread)."""
        assert self.loaded is not None
        path, dpi = self.loaded.path, print_dpi(printer)
        self.note.setText(self.tr("正在准备打印…"))
        self.op = run_op(
            self,
            lambda _p: raster.rasterise(path, dpi),
            success=lambda images: self._paint(printer, images),
        )
        return self.op

    def _paint(self, printer: QPrinter, images: list[Any]) -> None:
        try:
            # Where the driver cannot make copies itself, Qt leaves them to the painter.
            times = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
            self.printed_pages = paint_pages(printer, images * times)
        except OSError as exc:
            show_error(self, exc)
            return
        self.note.setText(self.tr("已送去打印，共 %n 页。", "", self.printed_pages))

    def print_direct(self) -> Any:
        """To the default printer through CUPS; a clear message when there is none."""
        assert self.loaded is not None
        path, n = self.loaded.path, self.copies()
        self.note.setText(self.tr("正在送往默认打印机…"))
        self.op = run_op(
            self,
            lambda _p: printing.print_pdf(path, copies=n),
            success=self._sent,
            failure=self._failed,
        )
        return self.op

    def _sent(self, job: Any) -> None:
        self.note.setText(
            self.tr("已送到打印机 %1（任务 %2）。")
            .replace("%1", job.printer)
            .replace("%2", job.job_id)
        )

    def save_as(self) -> None:
        assert self.loaded is not None
        n = self.loaded.notice
        suggested = str(Path.home() / f"{TITLES[n.kind]}{n.number}.pdf")
        target, _f = QFileDialog.getSaveFileName(
            self, self.tr("另存为 PDF"), suggested, self.tr("PDF 文件 (*.pdf)")
        )
        if target:
            self.save_to(Path(target))

    def save_to(self, target: Path) -> None:
        assert self.loaded is not None
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            shutil.copyfile(self.loaded.path, target)
        except OSError as exc:
            show_error(self, exc)
            return
        self.note.setText(self.tr("已保存到 %1").replace("%1", str(target)))

    def ask_void(self) -> None:
        assert self.loaded is not None
        self.void_dialog = VoidDialog(self.loaded.notice.number, self)
        self.void_dialog.accepted.connect(self._void)
        self.void_dialog.open()

    def _void(self) -> None:
        reason = self.void_dialog.reason.text().strip()
        try:
            notices.void_notice(
                self.state.ctx, self.notice_id, reason=reason, actor_id=self.state.actor_id
            )
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.state.notify()
        self.reload()
