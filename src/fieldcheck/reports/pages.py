# SPDX-License-Identifier: Apache-2.0
"""Page templates: frames, running header, 共X页 第X页, the QR code, the 作废 mark.

Content never draws these; the canvas adds them to every page once the total page
count is known (pages are held until the end, then decorated).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import qrcode
import qrcode.constants
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from fieldcheck.reports import shaping, styles
from fieldcheck.reports.fonts import SANS, SERIF, GlyphReport, runs
from fieldcheck.reports.qr import qr_text
from fieldcheck.reports.wording import DRAFT_MARK, DRAFT_NOTE, PAGE_FOOTER, VOID_MARK


@dataclass(frozen=True)
class PageInfo:
    """What every page shows besides the content."""

    title: str
    number: str
    issuer: str
    digest: str
    seal: str | None  # base64url QR seal; None for an unsigned preview
    voided: bool = False
    void_reason: str = ""
    draft: bool = False  # a preview before issue: watermarked 样稿, no number yet
    server: str = ""  # the server's address: the QR code is then a URL on its check page


def draw_text(
    c: rl_canvas.Canvas,
    x: float,
    y: float,
    text: str,
    *,
    font: str,
    size: float,
    align: str = "left",
    report: GlyphReport | None = None,
) -> None:
    """Draw one line with per-character font fallback."""
    pieces = [
        (
            f,
            *(
                shaping.shape(t, f, size)
                if shaping.is_shaped(f)
                else (t, c.stringWidth(t, f, size))
            ),
        )
        for f, t in runs(text, font, report or GlyphReport())
    ]
    width = sum(w for _f, _t, w in pieces)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    for f, t, w in pieces:
        c.setFont(f, size)
        c.drawString(x, y, t)
        x += w


def _qr(c: rl_canvas.Canvas, text: str, x: float, y: float, size: float) -> None:
    # The qrcode package computes the matrix several times faster than ReportLab's widget.
    # A fixed mask skips the search over all eight (most of the encoding time); any mask
    # decodes, the search only trims a few hard-to-scan patterns.
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=2
    )
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    # Each row's dark runs as one rectangle, in module units (row 0 at the top): integer
    # operands are written far faster than ReportLab formats a float path, same shapes.
    ops = []
    for r, row in enumerate(matrix):
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                ops.append(f"{start} {n - 1 - r} {col - start} 1 re")
                start = None
    c.saveState()
    c.setFillColor(styles.INK)
    c.translate(x, y)
    c.scale(size / n, size / n)
    c.addLiteral("\n".join(ops) + "\nf")
    c.restoreState()


def decorate(c: rl_canvas.Canvas, info: PageInfo, page: int, total: int) -> None:
    """Header, footer, QR and void mark of one page."""
    width, _height = styles.PAGE
    left, right = styles.MARGIN_LEFT, width - styles.MARGIN_RIGHT
    c.saveState()
    c.setFillColor(styles.GREY)
    if page > 1:
        top = styles.PAGE[1] - styles.MARGIN_TOP + 8 * mm
        draw_text(c, left, top, f"{info.title}（续页）", font=SANS, size=9)
        draw_text(c, right, top, info.number, font=SERIF, size=9, align="right")
        c.setStrokeColor(styles.GREY)
        c.setLineWidth(0.5)
        c.line(left, top - 2.5 * mm, right, top - 2.5 * mm)
    c.setFillColor(styles.INK)
    foot = styles.MARGIN_BOTTOM - 12 * mm
    draw_text(
        c,
        width / 2,
        foot,
        PAGE_FOOTER.format(total=total, page=page),
        font=SERIF,
        size=10.5,
        align="center",
    )
    # The code sits below the frame, its foot 4 mm above the paper's edge: at 26 mm a
    # check-page URL with the seal stays readable on a 150 dpi scan (tests/reports).
    qr_y = foot - 14 * mm
    text = qr_text(
        number=info.number,
        issuer=info.issuer,
        digest=info.digest,
        page=page,
        total=total,
        seal=info.seal,
        server=info.server,
    )
    _qr(c, text, right - styles.QR_SIZE, qr_y, styles.QR_SIZE)
    c.setFillColor(styles.GREY)
    caption = "扫码核验" if info.seal else "未签名样稿，不作正式文书使用"
    draw_text(
        c,
        right - styles.QR_SIZE - 2 * mm,
        qr_y + 2 * mm,
        caption,
        font=SERIF,
        size=7.5,
        align="right",
    )
    draw_text(
        c,
        right - styles.QR_SIZE - 2 * mm,
        qr_y + 5.5 * mm,
        info.number,
        font=SERIF,
        size=7.5,
        align="right",
    )
    if info.voided:
        _void(c, info)
    if info.draft:
        _draft(c)
    c.restoreState()


def _stamp(
    c: rl_canvas.Canvas, mark: str, note: str, colour: Any, alpha: float, size: float
) -> None:
    """A large mark across the page and a line of explanation at its head."""
    width, height = styles.PAGE
    c.saveState()
    c.setFillColor(colour)
    c.setFillAlpha(alpha)
    c.translate(width / 2, height / 2)
    c.rotate(35)
    draw_text(c, 0, -40, mark, font=SANS, size=size, align="center")
    c.restoreState()
    c.setFillColor(colour)
    draw_text(c, styles.MARGIN_LEFT, height - 12 * mm, note, font=SANS, size=11)


def _draft(c: rl_canvas.Canvas) -> None:
    """样稿 across the page: this paper is a preview, not a document."""
    _stamp(c, DRAFT_MARK, DRAFT_NOTE, styles.GREY, 0.25, 150)


def _void(c: rl_canvas.Canvas, info: PageInfo) -> None:
    reason = f"本文书已作废：{info.void_reason}" if info.void_reason else "本文书已作废"
    _stamp(c, VOID_MARK, reason, styles.RED, 0.22, 140)


def canvas_maker(info: PageInfo) -> Callable[..., rl_canvas.Canvas]:
    """A canvas class that holds pages back and decorates them knowing the total."""

    class _Canvas(rl_canvas.Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Start in our own font so no unembedded base-14 font is referenced.
            kwargs.setdefault("initialFontName", SERIF)
            kwargs.setdefault("initialFontSize", styles.BODY_PT)
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for page, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                decorate(self, info, page, total)
                super().showPage()
            super().save()

    return _Canvas


def document(out: Any, *, title: str, author: str, subject: str) -> BaseDocTemplate:
    """The A4 template: one full-width frame; first and later pages differ only in decoration."""
    doc = BaseDocTemplate(
        out,
        pagesize=styles.PAGE,
        leftMargin=styles.MARGIN_LEFT,
        rightMargin=styles.MARGIN_RIGHT,
        topMargin=styles.MARGIN_TOP,
        bottomMargin=styles.MARGIN_BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator="fieldcheck",
        invariant=1,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return doc
