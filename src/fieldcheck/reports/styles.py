# SPDX-License-Identifier: Apache-2.0
"""The one stylesheet every document uses: page, margins, type sizes, colours."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from fieldcheck.reports import kinsoku
from fieldcheck.reports.fonts import SANS, SERIF, register

PAGE = A4
# Close to GB/T 9704 公文 margins, a little tighter at the foot for the QR code row.
MARGIN_TOP = 25 * mm
MARGIN_BOTTOM = 30 * mm
MARGIN_LEFT = 26 * mm
MARGIN_RIGHT = 24 * mm
FRAME_WIDTH = PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT
QR_SIZE = 26 * mm  # a URL with the seal: ~3 px a module on a 150 dpi scan

INK = colors.black
GREY = colors.Color(0.35, 0.35, 0.35)
RED = colors.Color(0.78, 0.05, 0.05)
RULE = colors.Color(0.2, 0.2, 0.2)

# Sizes in points: 二号 22, 小二 18, 三号 16, 四号 14, 小四 12, 五号 10.5, 小五 9.
TITLE_PT = 22
SERIES_PT = 14
BODY_PT = 12
SMALL_PT = 9


@lru_cache(maxsize=1)
def sheet() -> dict[str, ParagraphStyle]:
    """Paragraph styles by name; fonts are registered first."""
    register()
    kinsoku.apply()
    body = ParagraphStyle(
        "body",
        fontName=SERIF,
        fontSize=BODY_PT,
        leading=BODY_PT * 1.6,
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
        firstLineIndent=2 * BODY_PT,
        textColor=INK,
    )
    return {
        "series": ParagraphStyle(
            "series",
            parent=body,
            fontName=SANS,
            fontSize=SERIES_PT,
            leading=SERIES_PT * 1.4,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=2,
        ),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=SANS,
            fontSize=TITLE_PT,
            leading=TITLE_PT * 1.35,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=4,
        ),
        "number": ParagraphStyle(
            "number",
            parent=body,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=10,
        ),
        "body": body,
        "flush": ParagraphStyle("flush", parent=body, firstLineIndent=0, alignment=TA_LEFT),
        "addressee": ParagraphStyle(
            "addressee",
            parent=body,
            firstLineIndent=0,
            alignment=TA_LEFT,
            spaceBefore=4,
        ),
        "item": ParagraphStyle(
            "item",
            parent=body,
            firstLineIndent=-1.5 * BODY_PT,
            leftIndent=3.5 * BODY_PT,
            alignment=TA_LEFT,
        ),
        "item_note": ParagraphStyle(
            "item_note",
            parent=body,
            firstLineIndent=0,
            leftIndent=3.5 * BODY_PT,
            fontSize=10,
            leading=10 * 1.5,
            textColor=GREY,
            alignment=TA_LEFT,
            spaceAfter=2,
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=SANS,
            firstLineIndent=0,
            alignment=TA_LEFT,
            spaceBefore=6,
        ),
        "cell": ParagraphStyle(
            "cell",
            parent=body,
            firstLineIndent=0,
            alignment=TA_LEFT,
            leading=BODY_PT * 1.45,
        ),
        "cell_label": ParagraphStyle(
            "cell_label",
            parent=body,
            firstLineIndent=0,
            alignment=TA_CENTER,
            leading=BODY_PT * 1.45,
        ),
        "sign": ParagraphStyle(
            "sign",
            parent=body,
            firstLineIndent=0,
            alignment=TA_LEFT,
            fontSize=10.5,
            leading=10.5 * 1.4,
        ),
        "sign_who": ParagraphStyle(  # the printed name and 证号 beside a signature
            "sign_who",
            parent=body,
            firstLineIndent=0,
            alignment=TA_LEFT,
            fontSize=9,
            leading=9 * 1.35,
        ),
        "date": ParagraphStyle("date", parent=body, firstLineIndent=0, alignment=TA_RIGHT),
        "copies": ParagraphStyle(
            "copies",
            parent=body,
            firstLineIndent=0,
            fontSize=10.5,
            leading=10.5 * 1.6,
            alignment=TA_LEFT,
            spaceBefore=6,
        ),
        "caption": ParagraphStyle(
            "caption",
            parent=body,
            firstLineIndent=0,
            fontSize=SMALL_PT,
            leading=SMALL_PT * 1.45,
            alignment=TA_CENTER,
        ),
    }
