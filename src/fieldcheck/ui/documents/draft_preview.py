# SPDX-License-Identifier: Apache-2.0
"""The 样稿 of a document before it is issued: no number taken, nothing signed or moved."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldcheck.core.terms import NoticeKind
from fieldcheck.reports import raster
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents import documents, notices
from fieldcheck.services.documents.notice_data import Receipt
from fieldcheck.ui.widgets.page_view import PageView


def draft_pages(
    ctx: AppContext,
    inspection_id: str,
    kind: NoticeKind,
    issuer_id: str,
    deadline: date | None,
    receipt: Receipt | None,
    only: list[str] | None,
    dpi: float,
) -> list[Any]:
    """Render the 样稿 to the cache and return its pages as pictures."""
    data = notices.preview_notice(
        ctx, inspection_id, kind, issuer_id, deadline=deadline, receipt=receipt, only=only
    )
    out = ctx.home.cache / "previews" / f"draft-{inspection_id}-{kind.value}.pdf"
    done = documents.render_preview(ctx, data, out)
    return raster.rasterise(done.path, dpi)


class DraftDialog(QDialog):
    """The pages of a 样稿, with a line saying what it is not."""

    def __init__(self, pages: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("样稿预览"))
        self.resize(900, 700)
        note = QLabel(
            self.tr("样稿：未编号、未签名，不作正式文书使用。确认无误后，点“出具并签名”。"), self
        )
        note.setObjectName("docNote")
        note.setWordWrap(True)
        self.pages = PageView(self)
        self.pages.set_pages(pages)
        close = QPushButton(self.tr("返回修改"), self)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.pages, 1)
        layout.addLayout(row)
