# SPDX-License-Identifier: Apache-2.0
"""No line of a document starts with Chinese closing punctuation (标点禁则)."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from fieldcheck.reports.kinsoku import CHINESE_CANNOT_START
from fieldcheck.reports.styles import sheet


def test_no_line_starts_with_a_full_width_comma_or_semicolon() -> None:
    style = sheet()["flush"]
    text = "立即组织整改，落实专人负责，整改完成后报告复查；整改完成时限：2026年12月22日前。" * 6
    for width in range(120, 420, 7):  # many widths, so some break lands before each mark
        para = Paragraph(text, style)
        para.wrap(width, 10_000)
        lines = [
            "".join(w.text if hasattr(w, "text") else str(w) for w in line.words)
            if hasattr(line, "words")
            else "".join(line[1])
            for line in para.blPara.lines
        ]
        for line in lines[1:]:
            assert line and line[0] not in CHINESE_CANNOT_START, (width, line)
