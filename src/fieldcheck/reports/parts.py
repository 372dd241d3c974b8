# SPDX-License-Identifier: Apache-2.0
"""Building blocks shared by the documents: heading, hazard list, signatures, photos."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from fieldcheck.core.citation import cite
from fieldcheck.reports import styles
from fieldcheck.reports.fonts import SANS, SERIF, GlyphReport, markup
from fieldcheck.reports.images import photo_flowable, signature_flowable
from fieldcheck.reports.model import DocumentData, Hazard, SignerBlock
from fieldcheck.reports.wording import (
    MAJOR_NOTE,
    PHOTO_APPENDIX,
    REFUSED,
    SERIES,
    SIGNED_ON,
    SITE_LABELS,
    SUSPECTED_NOTE,
    TITLES,
    WITNESS,
    cn_date,
    fullwidth,
)

Images = Mapping[str, bytes | Path]


class Writer:
    """Makes paragraphs from plain text, tracking fallback and missing glyphs."""

    def __init__(self) -> None:
        self.report = GlyphReport()
        self.sheet = styles.sheet()

    def p(self, text: str, style: str = "body", *, rich: str = "") -> Paragraph:
        """A paragraph of plain text (escaped), optionally followed by ready markup."""
        st = self.sheet[style]
        return Paragraph(markup(fullwidth(text), st.fontName, self.report) + rich, st)

    def span(self, text: str, font: str, *, bold_sans: bool = False) -> str:
        """Inline markup for a piece of text in another font (e.g. 黑体 emphasis)."""
        inner = markup(text, SANS if bold_sans else font, self.report)
        return f'<font name="{SANS}">{inner}</font>' if bold_sans else inner


def heading(w: Writer, data: DocumentData) -> list[Flowable]:
    """Series line, title and number, as on the printed forms."""
    return [
        w.p(SERIES[data.enforcement], "series"),
        w.p(TITLES[data.kind], "title"),
        w.p(data.number, "number"),
    ]


def hazard_notes(h: Hazard, *, deadline: bool) -> list[str]:
    """The small print under a hazard: level, clause, legal basis, measures, deadline.

    Only what is established: a confirmed major hazard names its clause; one the expert
    has not decided yet says so (疑似…待专家判定) and cites nothing as 判定依据.
    """
    notes = []
    if h.major:
        clause = cite(h.criteria_title, h.clause_ref)
        notes.append(f"{MAJOR_NOTE}（判定依据：{clause}）" if clause else MAJOR_NOTE)
    elif h.suspected:
        notes.append(SUSPECTED_NOTE)
    if h.oversight:
        notes.append(f"督办：{h.oversight}")
    if h.legal_basis:
        notes.append(f"法律依据：{h.legal_basis}")
    if h.measures:
        notes.append(f"整改措施：{h.measures}" if h.major else f"整改要求：{h.measures}")
    if h.major:  # 五落实 of the 治理方案: who, money, safety measures (measures, deadline apart)
        for label, value in (
            ("责任人", h.responsible),
            ("整改资金", h.funds),
            ("安全措施和应急预案", h.safety_plan),
        ):
            if value.strip():
                notes.append(f"{label}：{value.strip()}")
    if deadline:
        notes.append(f"整改完成时限：{cn_date(h.deadline)}前")
    return [n.rstrip("。；;.， ") for n in notes]


def hazard_list(
    w: Writer, hazards: list[Hazard], *, deadline: bool, start: int = 1
) -> list[Flowable]:
    """Numbered hazards: 1．description（地点）, then the notes in smaller type."""
    out: list[Flowable] = []
    for i, h in enumerate(hazards, start=start):
        text = f"{i}．{h.description}"
        if h.place:
            text += f"（{h.place}）"
        mark = ""
        if h.major:  # confirmed only; a suspected hazard carries no mark
            mark = f' <font name="{SANS}" color="#c80d0d">【重大】</font>'
        out.append(w.p(text, "item", rich=mark))
        notes = hazard_notes(h, deadline=deadline)
        if notes:
            out.append(w.p("；".join(notes) + "。", "item_note"))
    return out


def major_numbers(hazards: list[Hazard], start: int = 1) -> str:
    """'2、5' — the item numbers that are major hazards."""
    return "、".join(str(i) for i, h in enumerate(hazards, start=start) if h.major)


SIGN_PT = 10.5
SIGN_SPACE = 42 * mm
SIGN_HEIGHT = 13 * mm  # a drawn signature at about the size people write on paper


def _sign_cell(w: Writer, s: SignerBlock, images: Images) -> list[Flowable] | Paragraph:
    if s.refused:
        text = f"{REFUSED}（{WITNESS}：{s.witness}）" if s.witness else REFUSED
        return w.p(text, "sign")
    if s.image_sha256 and s.image_sha256 in images:
        return [signature_flowable(images[s.image_sha256], SIGN_SPACE - 2 * mm, SIGN_HEIGHT)]
    return w.p("", "sign")


BLANK_DATE = "\u00a0" * 8 + "年" + "\u00a0" * 5 + "月" + "\u00a0" * 5 + "日"  # filled in by hand


def _who(w: Writer, s: SignerBlock) -> list[Flowable] | str:
    """The printed name beside the signature, then 证号 or the 签收日期, one per line."""
    lines = [f"姓名：{s.name}"] if s.name and not s.refused else []
    if s.certificate_no:
        lines.append(f"证号：{s.certificate_no}")
    if s.label in SITE_LABELS and not s.refused:
        lines.append(f"{SIGNED_ON}：{cn_date(s.signed_on) if s.signed_on else BLANK_DATE}")
    return [w.p(line, "sign_who") for line in lines] if lines else ""


def signatures(w: Writer, signers: list[SignerBlock], images: Images) -> Flowable:
    """Signature lines: label（签名）, a ruled space or the drawn image, name and 证号."""
    rows = []
    labels = [f"{s.label}（签名）：" for s in signers]
    label_w = max(stringWidth(x, SERIF, SIGN_PT) for x in labels) + 4
    for label, s in zip(labels, signers, strict=True):
        rows.append([w.p(label, "sign"), _sign_cell(w, s, images), _who(w, s)])
    widths = [label_w, SIGN_SPACE, styles.FRAME_WIDTH - label_w - SIGN_SPACE]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    # A refusal has no signature space: its note runs across the space and name columns.
    rules = [
        ("SPAN", (1, r), (2, r)) if s.refused else ("LINEBELOW", (1, r), (1, r), 0.5, styles.RULE)
        for r, s in enumerate(signers)
    ]
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                *rules,
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (2, 0), (2, -1), 8),
                ("RIGHTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table


def closing(w: Writer, data: DocumentData, images: Images, *, seal_line: str = "") -> Flowable:
    """Signatures, the issuing unit (and seal line) and the date, kept on one page."""
    parts: list[Flowable] = [Spacer(1, 4 * mm), signatures(w, data.signers, images)]
    parts.append(Spacer(1, 6 * mm))
    if seal_line:
        parts.append(w.p(seal_line, "date"))
    parts.append(w.p(cn_date(data.issued_at), "date"))
    return KeepTogether(parts)


def photo_appendix(w: Writer, data: DocumentData, images: Images) -> list[Flowable]:
    """附件：隐患照片 — two per row, each with its caption, on pages of their own."""
    present = [ph for ph in data.photos if ph.sha256 in images]
    if not present:
        return []
    col = (styles.FRAME_WIDTH - 8 * mm) / 2
    cells: list[list[Flowable]] = []
    for ph in present:
        cells.append([photo_flowable(images[ph.sha256], col, 62 * mm), w.p(ph.caption, "caption")])
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    if len(rows[-1]) == 1:
        rows[-1].append([])
    table = Table(rows, colWidths=[col + 4 * mm, col + 4 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return [PageBreak(), w.p(PHOTO_APPENDIX, "heading"), Spacer(1, 3 * mm), table]


def section(w: Writer, text: str) -> list[Flowable]:
    """A run-in heading that does not strand itself at a page foot."""
    return [CondPageBreak(18 * mm), w.p(text, "heading")]


def fields_table(w: Writer, rows: list[list[tuple[str, str]]]) -> Table:
    """The ruled field grid at the top of a 现场检查记录 (label | value pairs per row)."""
    grid = []
    spans = []
    widths = [40 * mm, None, 22 * mm, 38 * mm]
    for r, pairs in enumerate(rows):
        cells: list[Paragraph | str] = []
        for label, value in pairs:
            cells += [w.p(label, "cell_label"), w.p(value, "cell")]
        if len(pairs) == 1:
            cells += ["", ""]
            spans.append(("SPAN", (1, r), (3, r)))
        grid.append(cells)
    usable = styles.FRAME_WIDTH - sum(x for x in widths if x)
    table = Table(grid, colWidths=[x if x else usable for x in widths], repeatRows=0)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, styles.RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                *spans,
            ]
        )
    )
    return table
