# SPDX-License-Identifier: Apache-2.0
"""A 通报 (bulletin) for the county console: red title, issuing line, one table, page numbers.

The server's rankings and 日通报 use it; it shares the documents' stylesheet and fonts.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from fieldcheck.reports import styles
from fieldcheck.reports.fonts import SANS, SERIF


def _footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(SERIF, styles.SMALL_PT)
    canvas.drawCentredString(styles.PAGE[0] / 2, 15 * mm, f"— {doc.page} —")
    canvas.restoreState()


def bulletin(
    title: str,
    subtitle: str,
    table: Sequence[Sequence[str]],
    *,
    issuer: str,
    notes: Sequence[str] = (),
    highlight_rows: Sequence[int] = (),
) -> bytes:
    """The PDF bytes of a bulletin; table[0] is the header row; highlight_rows are printed red."""
    sheet = styles.sheet()
    red_title = ParagraphStyle(
        "bulletin-title",
        parent=sheet["body"],
        fontName=SANS,
        fontSize=styles.TITLE_PT,
        leading=styles.TITLE_PT * 1.4,
        alignment=TA_CENTER,
        textColor=styles.RED,
        firstLineIndent=0,
    )
    centred = ParagraphStyle(
        "bulletin-sub", parent=sheet["body"], alignment=TA_CENTER, firstLineIndent=0
    )
    cell = ParagraphStyle(
        "bulletin-cell",
        parent=sheet["body"],
        fontSize=9,
        leading=11,
        firstLineIndent=0,
        alignment=TA_CENTER,
    )
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=styles.PAGE,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=styles.MARGIN_TOP,
        bottomMargin=25 * mm,
        title=title,
        author=issuer,
        subject="通报",
        creator="fieldcheck",
        invariant=1,
    )
    width = styles.PAGE[0] - 36 * mm
    story = [
        Paragraph(escape(title), red_title),
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=1.5, color=styles.RED),
        Spacer(1, 3 * mm),
        Paragraph(escape(subtitle), centred),
        Spacer(1, 4 * mm),
    ]
    if table:
        data = [[Paragraph(escape(str(c)), cell) for c in row] for row in table]
        cols = len(table[0])
        t = Table(data, colWidths=[width / cols] * cols, repeatRows=1)
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, styles.RULE),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.88, 0.95)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        style += [
            ("BACKGROUND", (0, r), (-1, r), colors.Color(1, 0.9, 0.9)) for r in highlight_rows
        ]
        t.setStyle(TableStyle(style))
        story.append(t)
    for note in notes:
        story += [Spacer(1, 3 * mm), Paragraph(escape(note), sheet["body"])]
    story += [
        Spacer(1, 8 * mm),
        Paragraph(escape(issuer), ParagraphStyle("r", parent=centred, alignment=2)),
    ]
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return out.getvalue()
